import Foundation
import Inventory
import Secrets

/// Elastic Beanstalk outputs → inventory.
enum EBMapping {
    static func environments(_ json: JSONObject, origin: Origin) -> [Environment] {
        json.objects("Environments").compactMap { item in
            guard let name = item.string("EnvironmentName") else { return nil }
            var environment = Environment(name: name)
            environment.id = item.string("EnvironmentId")
            environment.arn = item.string("EnvironmentArn")
            environment.applicationName = item.string("ApplicationName")
            if let arn = environment.arn {
                environment.accountId = ARN.account(of: arn)
                environment.region = RegionName.fromARN(arn)
            }
            environment.tier = item.object("Tier")?.string("Name")
            environment.platformArn = item.string("PlatformArn")
            environment.solutionStackName = item.string("SolutionStackName")
            environment.templateName = item.string("TemplateName")
            environment.cname = item.string("CNAME")
            environment.status = item.string("Status")
            environment.health = item.string("Health")
            environment.healthStatus = item.string("HealthStatus")
            environment.operationsRoleArn = item.string("OperationsRole")
            // DescribeEnvironments returns OperationsRole whenever one is associated.
            environment.operationsRoleKnown = true
            environment.origin = origin
            return environment
        }
    }

    /// `known`: settings this thread already mapped, by their option object's bytes (an export's
    /// environments list the same option objects); each setting is given `origin` either way.
    static func configurationSettings(_ json: JSONObject, origin: Origin, known: ByteSpanMemo<OptionSetting?>? = nil) -> [ConfigurationDescription] {
        json.objects("ConfigurationSettings").map { description in
            let options = description.objects("OptionSettings")
            let settings = [OptionSetting].building(options, capacity: options.count) { option in
                if let known, let remembered = option.withBytes({ bytes in known.value(for: bytes) { optionSetting(option, origin: nil) } }) {
                    guard var setting = remembered else { return nil }
                    setting.origin = origin
                    return setting
                }
                return optionSetting(option, origin: origin)
            }
            return (description.string("ApplicationName"), description.string("EnvironmentName"), description.string("TemplateName"),
                    description.string("PlatformArn").flatMap(RegionName.fromARN), settings)
        }
    }

    /// One element of `OptionSettings`; `nil` without a namespace or an option name.
    static func optionSetting(_ option: JSONObject, origin: Origin?) -> OptionSetting? {
        guard let namespace = option.string("Namespace"), let name = option.string("OptionName") else { return nil }
        return optionSetting(namespace: namespace, name: name, value: option.string("Value"), resource: option.string("ResourceName"), origin: origin)
    }

    /// An option setting with any secret-looking value redacted at the door.
    static func optionSetting(namespace: String, name: String, value: String?, resource: String?, origin: Origin?) -> OptionSetting {
        // Made once, whole (changing a made setting would copy it).
        if let value, !value.isEmpty, SecretScope.mayHoldSecret(namespace: namespace, option: name),
           let hit = SecretScope.classify(value: value, key: name) {
            return OptionSetting(namespace: namespace, optionName: name, value: hit.redacted, resourceName: resource, secret: hit, layer: .direct, origin: origin)
        }
        return OptionSetting(namespace: namespace, optionName: name, value: value, resourceName: resource, layer: .direct, origin: origin)
    }

    static func resources(_ json: JSONObject, origin: Origin) -> EnvironmentResources {
        func names(_ key: String, _ field: String = "Name") -> [String] { json.objects(key).compactMap { $0.string(field) } }
        return EnvironmentResources(autoScalingGroups: names("AutoScalingGroups"), instances: names("Instances", "Id"),
                                    launchConfigurations: names("LaunchConfigurations"), launchTemplates: names("LaunchTemplates", "Id"),
                                    loadBalancers: names("LoadBalancers"), queues: names("Queues", "URL"), origin: origin)
    }

    static func platform(_ json: JSONObject, origin: Origin) -> PlatformVersion {
        var platform = PlatformVersion(arn: json.string("PlatformArn") ?? "unknown")
        platform.branchName = json.string("PlatformBranchName")
        platform.version = json.string("PlatformVersion")
        platform.lifecycleState = json.string("PlatformLifecycleState")
        platform.branchLifecycleState = json.string("PlatformBranchLifecycleState")
        platform.status = json.string("PlatformStatus")
        platform.origin = origin
        return platform
    }
}

/// Which options can hold secrets: environment properties and free-form options; the rest are
/// well-known enumerations, ids and ARNs (scanning them would only produce noise).
///
/// Classifications are remembered (bounded): an export repeats the same property values in many
/// environments.
enum SecretScope {
    static func mayHoldSecret(namespace: String, option: String) -> Bool {
        if namespace == "aws:elasticbeanstalk:application:environment" { return true }
        if namespace == "aws:rds:dbinstance" { return option == "DBPassword" }
        if namespace == "aws:elasticbeanstalk:application:environmentsecrets" { return false }
        return namedLikeSecret(option)
    }

    /// Whether the lowercased name contains "password", "secret" or "token". Option names are
    /// ASCII, so they are compared byte by byte without building a lowercased copy; any other
    /// name takes the Unicode path.
    static func namedLikeSecret(_ option: String) -> Bool {
        var option = option
        let ascii = option.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return containsIgnoringCase(bytes)
        }
        if let ascii { return ascii }
        let lowered = option.lowercased()
        return lowered.contains("password") || lowered.contains("secret") || lowered.contains("token")
    }

    /// One pass over the name: a word is compared only where its first letter stands (`byte | 0x20`
    /// matches exactly the two cases of a lowercase letter).
    private static func containsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for start in bytes.indices {
            switch bytes[start] | 0x20 {
            case UInt8(ascii: "p"): if matches(bytes, at: start, "password") { return true }
            case UInt8(ascii: "s"): if matches(bytes, at: start, "secret") { return true }
            case UInt8(ascii: "t"): if matches(bytes, at: start, "token") { return true }
            default: break
            }
        }
        return false
    }

    /// Whether the lowercase `word` stands at `start`, in either case.
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard start + length <= bytes.count else { return false }
        for offset in 0..<length where bytes[start + offset] | 0x20 != word.utf8Start[offset] { return false }
        return true
    }

    /// `SecretScanner.classify(value:key:)`, once per distinct value and key.
    static func classify(value: String, key: String) -> SecretHit? {
        classified.answer(ValueKey(value: value, key: key)) { SecretScanner.classify(value: value, key: key) }
    }

    private struct ValueKey: Hashable, Sendable {
        var value: String
        var key: String
    }

    private static let classified = BoundedMemo<ValueKey, SecretHit?>()
}
