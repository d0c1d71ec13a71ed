import Foundation

/// The option changes of a plan in the four forms people apply them with: the AWS CLI, an
/// `.ebextensions` configuration file, CloudFormation and Terraform.
///
/// Removals have no configuration-file form (a setting disappears by deleting its line), so the
/// file forms list them as comments naming what to delete.
public struct PlanSnippets: Codable, Sendable, Hashable {
    /// `aws elasticbeanstalk update-environment …`, or `nil` when the plan changes no option.
    public var awsCLI: String?
    /// The content of `.ebextensions/ebguard-hardening.config`.
    public var ebextensions: String?
    /// `OptionSettings` entries for the `AWS::ElasticBeanstalk::Environment` resource (YAML).
    public var cloudFormation: String?
    /// `setting` blocks for the `aws_elastic_beanstalk_environment` resource.
    public var terraform: String?

    public init(changes: [PlannedOptionChange], environment: PlanEnvironment) {
        guard !changes.isEmpty else { return }
        awsCLI = Self.cli(changes, environment: environment)
        ebextensions = Self.ebextensions(changes)
        cloudFormation = Self.cloudFormation(changes, environment: environment)
        terraform = Self.terraform(changes, environment: environment)
    }

    static func cli(_ changes: [PlannedOptionChange], environment: PlanEnvironment) -> String {
        var parts = ["aws elasticbeanstalk update-environment"]
        if let region = environment.region { parts.append("--region \(shellQuote(region))") }
        parts.append("--environment-name \(shellQuote(environment.name))")
        let sets = changes.filter { $0.newValue != nil }
        let removals = changes.filter { $0.newValue == nil }
        if !sets.isEmpty {
            parts.append("--option-settings " + sets.map { shellQuote(item($0) + ",Value=\($0.newValue ?? "")") }.joined(separator: " \\\n    "))
        }
        if !removals.isEmpty {
            parts.append("--options-to-remove " + removals.map { shellQuote(item($0)) }.joined(separator: " \\\n    "))
        }
        return parts.joined(separator: " \\\n  ")
    }

    private static func item(_ change: PlannedOptionChange) -> String {
        var text = "Namespace=\(change.namespace),OptionName=\(change.optionName)"
        if let resource = change.resourceName { text += ",ResourceName=\(resource)" }
        return text
    }

    static func ebextensions(_ changes: [PlannedOptionChange]) -> String {
        var lines = ["# .ebextensions/ebguard-hardening.config — written by ebguard plan", "option_settings:"]
        for change in changes where change.newValue != nil {
            lines.append("  - namespace: \(quoted(change.namespace))")
            if let resource = change.resourceName { lines.append("    resource_name: \(quoted(resource))") }
            lines.append("    option_name: \(quoted(change.optionName))")
            lines.append("    value: \(quoted(change.newValue ?? ""))")
        }
        for change in changes where change.newValue == nil {
            lines.append("# remove: delete \(change.namespace)/\(change.optionName) from every configuration file and saved configuration")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cloudFormation(_ changes: [PlannedOptionChange], environment: PlanEnvironment) -> String {
        var lines = ["# OptionSettings of the AWS::ElasticBeanstalk::Environment resource for \(environment.name)", "OptionSettings:"]
        for change in changes where change.newValue != nil {
            lines.append("  - Namespace: \(quoted(change.namespace))")
            lines.append("    OptionName: \(quoted(change.optionName))")
            if let resource = change.resourceName { lines.append("    ResourceName: \(quoted(resource))") }
            lines.append("    Value: \(quoted(change.newValue ?? ""))")
        }
        for change in changes where change.newValue == nil {
            lines.append("# remove the entry Namespace \(change.namespace), OptionName \(change.optionName)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func terraform(_ changes: [PlannedOptionChange], environment: PlanEnvironment) -> String {
        var lines = ["# setting blocks of the aws_elastic_beanstalk_environment resource for \(environment.name)"]
        for change in changes where change.newValue != nil {
            lines.append("setting {")
            lines.append("  namespace = \(hcl(change.namespace))")
            lines.append("  name      = \(hcl(change.optionName))")
            if let resource = change.resourceName { lines.append("  resource  = \(hcl(resource))") }
            lines.append("  value     = \(hcl(change.newValue ?? ""))")
            lines.append("}")
        }
        for change in changes where change.newValue == nil {
            lines.append("# remove the setting block namespace = \(hcl(change.namespace)), name = \(hcl(change.optionName))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A double-quoted string valid in YAML and JSON.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// A double-quoted HCL string: `${` and `%{` escaped so Terraform takes the value literally.
    static func hcl(_ text: String) -> String {
        quoted(text).replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
    }

    /// Quotes a word for a POSIX shell only when it needs it.
    static func shellQuote(_ text: String) -> String {
        let safe = !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.,=:/@+".contains($0)) }
        return safe ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
