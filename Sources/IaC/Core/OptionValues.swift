import Inventory
import Secrets

/// Builds `OptionSetting`s from values read in any source, the one place where option values meet
/// the secret scanner, so that no source can store a raw secret.
enum OptionValues {
    static let environmentNamespace = "aws:elasticbeanstalk:application:environment"

    /// Makes a setting from a resolved value node. Lists are comma-joined (Elastic Beanstalk's own
    /// list syntax); unresolved values are `value: nil, unresolved: true`; secret-looking values are
    /// stored redacted with their `SecretHit`, and also reported as a located secret.
    static func setting(namespace: String, option: String, value node: Node?, resource: String? = nil,
                        layer: SettingLayer, origin: Origin, secrets: inout [LocatedSecret]) -> OptionSetting {
        var value: String?
        var unresolved = false
        if let node {
            switch node.kind {
            case .scalar(let text): value = text
            case .null: value = nil
            case .unresolved: unresolved = true
            case .list(let items):
                var parts: [String] = []
                for item in items {
                    guard let text = item.string else { unresolved = true; break }
                    parts.append(text)
                }
                if !unresolved { value = parts.joined(separator: ",") }
            case .map: value = node.jsonText
            }
        }
        var setting = OptionSetting(namespace: namespace, optionName: option, value: unresolved ? nil : value,
                                    resourceName: resource, unresolved: unresolved, layer: layer, origin: origin)
        if let text = setting.value, let hit = classify(namespace: namespace, option: option, value: text) {
            setting.value = hit.redacted
            setting.secret = hit
            secrets.append(LocatedSecret(hit: hit, origin: origin))
        }
        return setting
    }

    /// Environment properties are judged with their name as context (`DB_PASSWORD`); options of
    /// Elastic Beanstalk's own namespaces only by well-known secret formats, so that option names
    /// such as `EC2KeyName` do not make a key pair name look like a secret.
    static func classify(namespace: String, option: String, value: String) -> SecretHit? {
        if namespace == environmentNamespace || !namespace.hasPrefix("aws:") {
            return SecretProbe.classify(value: value, key: option)
        }
        return SecretProbe.classify(value: value, key: nil)
    }

    /// Keeps, per `namespace/option/resource` and layer, only the last setting: within one layer a
    /// later file (or a later line) overrides an earlier one, and `OptionSettings.winner` takes the
    /// first candidate of a layer.
    static func deduplicated(_ settings: [OptionSetting]) -> [OptionSetting] {
        if settings.count <= smallList { return deduplicatedByScan(settings) }
        var position: [SettingKey: Int] = [:]
        var output: [OptionSetting] = []
        output.reserveCapacity(settings.count)
        for setting in settings {
            let key = SettingKey(layer: setting.layer, namespace: setting.namespace, option: setting.optionName, resource: setting.resourceName)
            if let existing = position[key] {
                output[existing] = setting
            } else {
                position[key] = output.count
                output.append(setting)
            }
        }
        return output
    }
}

extension OptionValues {
    /// Up to this many settings (a template's option list) are deduplicated by comparing with the
    /// settings kept so far, which costs less than hashing four fields of each.
    static let smallList = 24

    static func deduplicatedByScan(_ settings: [OptionSetting]) -> [OptionSetting] {
        var output: [OptionSetting] = []
        output.reserveCapacity(settings.count)
        for setting in settings {
            if let existing = output.firstIndex(where: {
                $0.layer == setting.layer && $0.optionName == setting.optionName && $0.namespace == setting.namespace
                    && $0.resourceName == setting.resourceName
            }) {
                output[existing] = setting
            } else {
                output.append(setting)
            }
        }
        return output
    }
}

/// What makes two settings the same for `OptionValues.deduplicated`: hashed as fields, not as a
/// joined string built for every setting.
private struct SettingKey: Hashable {
    var layer: SettingLayer
    var namespace: String
    var option: String
    var resource: String?
}
