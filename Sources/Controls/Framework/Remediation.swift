/// An option setting a fix sets: `namespace/OptionName` = value.
public struct OptionChange: Codable, Sendable, Hashable {
    public var namespace: String
    public var optionName: String
    public var value: String
    public var resourceName: String?

    public init(_ namespace: String, _ optionName: String, _ value: String, resourceName: String? = nil) {
        self.namespace = namespace
        self.optionName = optionName
        self.value = value
        self.resourceName = resourceName
    }
}

/// How to fix a failing control: option settings (with the equivalent AWS CLI command and an
/// `.ebextensions` snippet generated from them) and/or reviewed commands and documents.
public struct Remediation: Codable, Sendable, Hashable {
    /// Plain-words summary of the fix.
    public var summary: String
    public var optionSettings: [OptionChange]
    /// The `aws elasticbeanstalk update-environment` command, when option settings fix it.
    public var cli: String?
    /// An `.ebextensions/*.config` snippet, when option settings fix it.
    public var ebextensions: String?
    /// Other commands or documents (bucket encryption, security group rules, IAM changes).
    public var commands: [String]

    public init(summary: String, optionSettings: [OptionChange] = [], cli: String? = nil, ebextensions: String? = nil, commands: [String] = []) {
        self.summary = summary
        self.optionSettings = optionSettings
        self.cli = cli
        self.ebextensions = ebextensions
        self.commands = commands
    }

    /// A fix made of option settings; the CLI command and `.ebextensions` snippet are generated.
    public static func options(_ summary: String, _ changes: [OptionChange], commands: [String] = []) -> Remediation {
        Remediation(summary: summary, optionSettings: changes, cli: RemediationText.cliCommand(changes, environment: "ENV_NAME"),
                    ebextensions: RemediationText.ebextensions(changes), commands: commands)
    }

    /// A fix outside option settings.
    public static func manual(_ summary: String, commands: [String] = []) -> Remediation {
        Remediation(summary: summary, commands: commands)
    }

    /// The same fix with the environment's name (and region) filled into the commands.
    public func specialized(environment: String, region: String?) -> Remediation {
        var copy = self
        if !optionSettings.isEmpty {
            copy.cli = RemediationText.cliCommand(optionSettings, environment: environment, region: region)
        }
        copy.commands = commands.map { Self.specialize($0, environment: environment, region: region) }
        return copy
    }

    /// One command with `ENV_NAME` (then `REGION`) filled in.
    static func specialize(_ command: String, environment: String, region: String?) -> String {
        var text = RemediationText.replacing("ENV_NAME", with: environment, in: command)
        if let region { text = RemediationText.replacing("REGION", with: region, in: text) }
        return text
    }
}

/// Generates the CLI and `.ebextensions` forms of option changes.
public enum RemediationText {
    /// `aws elasticbeanstalk update-environment --environment-name … --option-settings Namespace=…,OptionName=…,Value=…`
    public static func cliCommand(_ changes: [OptionChange], environment: String, region: String? = nil) -> String {
        cliCommand(optionSettingsArgument: optionSettingsArgument(changes), environment: environment, region: region)
    }

    /// The command around its `--option-settings …` argument (see `optionSettingsArgument(_:)`).
    static func cliCommand(optionSettingsArgument: String, environment: String, region: String?) -> String {
        let prefix = "aws elasticbeanstalk update-environment --environment-name "
        // Made in one piece: a failing finding's fix carries this command for its own environment.
        guard let region else { return FastText.joined(prefix, shellQuote(environment), " ", optionSettingsArgument) }
        return FastText.joined(prefix, shellQuote(environment), " --region ", region, " ", optionSettingsArgument)
    }

    /// `--option-settings Namespace=…,OptionName=…,Value=… …`, each setting shell-quoted.
    static func optionSettingsArgument(_ changes: [OptionChange]) -> String {
        let settings = changes.map { change -> String in
            var item = "Namespace=\(change.namespace),OptionName=\(change.optionName)"
            if let resource = change.resourceName { item += ",ResourceName=\(resource)" }
            item += ",Value=\(change.value)"
            return shellQuote(item)
        }
        return "--option-settings " + settings.joined(separator: " ")
    }

    /// An `.ebextensions` configuration file in the map form.
    public static func ebextensions(_ changes: [OptionChange]) -> String {
        var lines = ["option_settings:"]
        var order: [String] = []
        var byNamespace: [String: [OptionChange]] = [:]
        for change in changes where change.resourceName == nil {
            if byNamespace[change.namespace] == nil { order.append(change.namespace) }
            byNamespace[change.namespace, default: []].append(change)
        }
        for namespace in order {
            lines.append("  \(namespace):")
            for change in byNamespace[namespace] ?? [] {
                lines.append("    \(change.optionName): \(yamlScalar(change.value))")
            }
        }
        for change in changes where change.resourceName != nil {
            lines.append("  - namespace: \(change.namespace)")
            lines.append("    resource_name: \(change.resourceName ?? "")")
            lines.append("    option_name: \(change.optionName)")
            lines.append("    value: \(yamlScalar(change.value))")
        }
        return lines.joined(separator: "\n")
    }

    static func shellQuote(_ text: String) -> String {
        let safe: Bool
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every option setting ebguard writes): the same test on bytes, without
            // Unicode property lookups per character.
            safe = text.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || shellSafePunctuation.contains(byte)
            }
        } else {
            safe = text.allSatisfy { $0.isLetter || $0.isNumber || "-_.,=:/@".contains($0) }
        }
        return safe ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static let shellSafePunctuation = Set("-_.,=:/@".utf8)

    /// `text.replacingOccurrences(of: target, with: replacement)` (see `FastText`): every failing
    /// finding's fix is specialised.
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        FastText.replacing(target, with: replacement, in: text)
    }

    static func yamlScalar(_ value: String) -> String {
        let plain = value.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } && !value.isEmpty
        return plain ? value : "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
