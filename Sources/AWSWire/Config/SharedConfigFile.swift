import Foundation

/// The shared AWS `config` and `credentials` files, parsed as the AWS CLI and SDKs read them.
///
/// Sections are `[default]`, `[profile name]`, `[services name]` and `[sso-session name]` in
/// `config`, and `[name]` in `credentials`. Lines starting with `#` or `;` are comments; a key
/// with an empty value followed by indented `sub = value` lines is a nested section (used by
/// `services`). For a profile, keys in the credentials file win over the config file.
public struct SharedConfigFile: Sendable, Hashable {
    /// One section: plain keys and nested sub-sections.
    public struct Section: Sendable, Hashable {
        /// `key = value` pairs (keys as written, lower-case by convention).
        public var values: [String: String] = [:]
        /// `key =` followed by indented `sub = value` lines.
        public var nested: [String: [String: String]] = [:]

        /// Creates a section.
        public init(values: [String: String] = [:], nested: [String: [String: String]] = [:]) {
            self.values = values
            self.nested = nested
        }

        /// The value of `key`, `nil` if absent or empty.
        public subscript(key: String) -> String? {
            guard let v = values[key], !v.isEmpty else { return nil }
            return v
        }
    }

    /// Profiles from the config file (`default` and `profile x` → `x`).
    public var configProfiles: [String: Section] = [:]
    /// Profiles from the credentials file.
    public var credentialProfiles: [String: Section] = [:]
    /// `[services name]` sections from the config file.
    public var services: [String: Section] = [:]

    /// Creates an empty configuration (no files).
    public init() {}

    /// Reads the files named by `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, defaulting to
    /// `~/.aws/config` and `~/.aws/credentials` under `HOME` from `environment`. Missing files
    /// are empty; unreadable ones are an error.
    public static func load(environment: [String: String]) throws -> SharedConfigFile {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config", home: home)
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", home: home)
        var file = SharedConfigFile()
        if let text = try read(configPath) {
            for (name, section) in parse(text) {
                if name == "default" {
                    file.configProfiles["default"] = merge(file.configProfiles["default"], section)
                } else if name.hasPrefix("profile ") {
                    let profile = name.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
                    file.configProfiles[profile] = merge(file.configProfiles[profile], section)
                } else if name.hasPrefix("services ") {
                    file.services[name.dropFirst("services ".count).trimmingCharacters(in: .whitespaces)] = section
                }
            }
        }
        if let text = try read(credentialsPath) {
            for (name, section) in parse(text) { file.credentialProfiles[name] = merge(file.credentialProfiles[name], section) }
        }
        return file
    }

    /// The profile `name` with credentials-file keys over config-file keys, or `nil` if neither has it.
    public func profile(_ name: String) -> Section? {
        let config = configProfiles[name]
        let credentials = credentialProfiles[name]
        if config == nil && credentials == nil { return nil }
        var merged = config ?? Section()
        for (k, v) in credentials?.values ?? [:] { merged.values[k] = v }
        for (k, v) in credentials?.nested ?? [:] { merged.nested[k] = v }
        return merged
    }

    /// Parses INI text into `(section name, section)` pairs in file order.
    public static func parse(_ text: String) -> [(String, Section)] {
        var result: [(String, Section)] = []
        var current: (String, Section)?
        var nestedKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
                if let current { result.append(current) }
                current = (String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces), Section())
                nestedKey = nil
                continue
            }
            guard current != nil, let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let indented = line.first == " " || line.first == "\t"
            if indented, let parent = nestedKey {
                current!.1.nested[parent, default: [:]][key] = value
            } else if value.isEmpty {
                nestedKey = key
                current!.1.values[key] = ""
            } else {
                nestedKey = nil
                current!.1.values[key] = value
            }
        }
        if let current { result.append(current) }
        return result
    }

    static func merge(_ a: Section?, _ b: Section) -> Section {
        var out = a ?? Section()
        for (k, v) in b.values { out.values[k] = v }
        for (k, v) in b.nested { out.nested[k] = v }
        return out
    }

    static func expand(_ path: String, home: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst(1) : path
    }

    static func read(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AWSError.configuration("cannot read \(path): \(error.localizedDescription)")
        }
    }
}
