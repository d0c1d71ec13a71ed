import Controls
import Foundation
import Yams

/// `ebguard.yml`: the organisation's settings, kept in git for review.
///
/// Unknown keys are an error (a typo must not silently turn a check off).
struct ConfigFile: Decodable {
    struct Production: Decodable {
        var namePatterns: [String]?
        var tagKeys: [String]?
        var tagValues: [String]?
    }

    var minimumLogRetentionDays: Int?
    var operatorRoles: [String]?
    var production: Production?
    var exposureTagKey: String?
    var requireEndToEndTLS: Bool?
    var allowedPrincipals: [String]?
    var allowedSourceCIDRs: [String]?
    var changeWindows: [String]?
    var lookbackDays: Int?
    var naming: NamingScheme?

    static let knownKeys: Set<String> = ["minimumLogRetentionDays", "operatorRoles", "production", "exposureTagKey", "requireEndToEndTLS",
                                         "allowedPrincipals", "allowedSourceCIDRs", "changeWindows", "lookbackDays", "naming", "exceptions"]

    /// Reads the settings; `nil` path means defaults (or `./ebguard.yml` when present).
    static func settings(path: String?) throws -> AuditSettings {
        var settings = AuditSettings()
        let chosen = path ?? (FileManager.default.fileExists(atPath: "ebguard.yml") ? "ebguard.yml" : nil)
        guard let chosen else { return settings }
        guard let text = try? String(contentsOfFile: chosen, encoding: .utf8) else { throw InputError("\(chosen): cannot read the configuration file") }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw InputError("\(chosen): invalid YAML: \(error)")
        }
        guard let mapping = node?.mapping else {
            if node == nil { return settings }
            throw InputError("\(chosen): expected a mapping of settings at the top level")
        }
        for (key, _) in mapping {
            guard let name = key.string, knownKeys.contains(name) else {
                let line = key.mark.map { ":\($0.line)" } ?? ""
                throw InputError("\(chosen)\(line): unknown setting '\(key.string ?? "?")' (known: \(knownKeys.sorted().joined(separator: ", ")))")
            }
        }
        let file: ConfigFile
        do { file = try YAMLDecoder().decode(ConfigFile.self, from: text) } catch {
            throw InputError("\(chosen): \(error)")
        }
        if let value = file.minimumLogRetentionDays { settings.minimumLogRetentionDays = value }
        if let value = file.operatorRoles { settings.operatorRoles = value }
        if let value = file.production?.namePatterns { settings.productionNamePatterns = value }
        if let value = file.production?.tagKeys { settings.productionTagKeys = value }
        if let value = file.production?.tagValues { settings.productionTagValues = value }
        if let value = file.exposureTagKey { settings.exposureTagKey = value }
        if let value = file.requireEndToEndTLS { settings.requireEndToEndTLS = value }
        if let value = file.allowedPrincipals { settings.allowedPrincipals = value }
        if let value = file.allowedSourceCIDRs { settings.allowedSourceCIDRs = value }
        if let value = file.changeWindows { settings.changeWindows = value }
        if let value = file.lookbackDays { settings.lookbackDays = value }
        if let value = file.naming { settings.naming = value }
        return settings
    }
}
