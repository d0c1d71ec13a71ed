import Foundation
import Inventory

// Snapshot fields of the model: The inventory, its environments and what every fact carries (origins, secrets, gaps, files).
// One line per stored property, as the synthesized `Codable` conformance encodes it.

extension Inventory: SnapshotObject {
    static let snapshotFields: SnapshotFields<Inventory> = [
        .required("schemaVersion", \.schemaVersion),
        .required("source", \.source),
        .required("environments", \.environments),
        .required("configurationTemplates", \.configurationTemplates),
        .required("autoScalingGroups", \.autoScalingGroups),
        .required("launchTemplates", \.launchTemplates),
        .required("launchConfigurations", \.launchConfigurations),
        .required("instances", \.instances),
        .optional("ebsEncryptionByDefault", \.ebsEncryptionByDefault),
        .required("vpcs", \.vpcs),
        .required("subnets", \.subnets),
        .required("routeTables", \.routeTables),
        .required("securityGroups", \.securityGroups),
        .optional("vpcEndpoints", \.vpcEndpoints),
        .required("loadBalancers", \.loadBalancers),
        .optional("iam", \.iam),
        .required("buckets", \.buckets),
        .required("accountPublicAccessBlocks", \.accountPublicAccessBlocks),
        .required("databases", \.databases),
        .required("dbParameterGroups", \.dbParameterGroups),
        .required("kmsKeys", \.kmsKeys),
        .optional("trails", \.trails),
        .optional("alarms", \.alarms),
        .optional("logGroups", \.logGroups),
        .optional("configRecorders", \.configRecorders),
        .optional("cloudTrailEvents", \.cloudTrailEvents),
        .required("platforms", \.platforms),
        .optional("artifacts", \.artifacts),
        .required("inlineSuppressions", \.inlineSuppressions),
        .required("gaps", \.gaps),
        .required("inputProblems", \.inputProblems),
    ]

    static func snapshotBlank() -> Inventory { Inventory() }
}

extension InventorySource: SnapshotObject {
    static let snapshotFields: SnapshotFields<InventorySource> = [
        .required("kind", \.kind),
        .optional("location", \.location),
        .optional("toolVersion", \.toolVersion),
        .optional("collectedAt", \.collectedAt),
        .optional("regions", \.regions),
    ]

    static func snapshotBlank() -> InventorySource { InventorySource() }
}

extension Environment: SnapshotObject {
    static let snapshotFields: SnapshotFields<Environment> = [
        .required("name", \.name),
        .optional("id", \.id),
        .optional("arn", \.arn),
        .optional("applicationName", \.applicationName),
        .optional("accountId", \.accountId),
        .optional("region", \.region),
        .optional("tier", \.tier),
        .optional("platformArn", \.platformArn),
        .optional("solutionStackName", \.solutionStackName),
        .optional("templateName", \.templateName),
        .optional("cname", \.cname),
        .optional("status", \.status),
        .optional("health", \.health),
        .optional("healthStatus", \.healthStatus),
        .optional("tags", \.tags),
        .optional("operationsRoleArn", \.operationsRoleArn),
        .required("operationsRoleKnown", \.operationsRoleKnown),
        .optional("optionSettings", \.optionSettings),
        .optional("resources", \.resources),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> Environment { Environment(name: "") }
}

extension EnvironmentResources: SnapshotObject {
    static let snapshotFields: SnapshotFields<EnvironmentResources> = [
        .required("autoScalingGroups", \.autoScalingGroups),
        .required("instances", \.instances),
        .required("launchConfigurations", \.launchConfigurations),
        .required("launchTemplates", \.launchTemplates),
        .required("loadBalancers", \.loadBalancers),
        .required("queues", \.queues),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> EnvironmentResources { EnvironmentResources() }
}

extension ConfigurationTemplate: SnapshotObject {
    static let snapshotFields: SnapshotFields<ConfigurationTemplate> = [
        .required("name", \.name),
        .optional("applicationName", \.applicationName),
        .required("optionSettings", \.optionSettings),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> ConfigurationTemplate { ConfigurationTemplate(name: "") }
}

extension OptionSetting: SnapshotObject {
    static let snapshotFields: SnapshotFields<OptionSetting> = [
        .required("namespace", \.namespace),
        .required("optionName", \.optionName),
        .optional("resourceName", \.resourceName),
        .optional("value", \.value),
        .required("unresolved", \.unresolved),
        .optional("secret", \.secret),
        .required("layer", \.layer),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> OptionSetting { OptionSetting(namespace: "", optionName: "", value: nil) }
}

/// An `Origin`'s properties as they are read: `Origin` keeps them in shared storage, reached
/// through computed properties that would be written one at a time through key paths (each write
/// a check that the storage is not shared). Read here, they become one origin at the end.
struct OriginFields: SnapshotObject {
    var api: String?
    var file: String?
    var line: Int?
    var column: Int?

    static let snapshotFields: SnapshotFields<OriginFields> = [
        .optional("api", \.api),
        .optional("file", \.file),
        .optional("line", \.line),
        .optional("column", \.column),
    ]

    static func snapshotBlank() -> OriginFields { OriginFields() }

    var origin: Origin { Origin(api: api, file: file, line: line, column: column) }
}

extension SecretHit: SnapshotObject {
    static let snapshotFields: SnapshotFields<SecretHit> = [
        .required("kind", \.kind),
        .optional("key", \.key),
        .required("redacted", \.redacted),
    ]

    static func snapshotBlank() -> SecretHit { SecretHit(kind: .highEntropy, key: nil, redacted: "") }
}

extension CodeArtifact: SnapshotObject {
    static let snapshotFields: SnapshotFields<CodeArtifact> = [
        .required("path", \.path),
        .required("kind", \.kind),
        .optional("environmentName", \.environmentName),
        .required("lines", \.lines),
        .required("secrets", \.secrets),
    ]

    static func snapshotBlank() -> CodeArtifact { CodeArtifact(path: "", kind: .bundleFile) }
}

extension CodeLine: SnapshotObject {
    static let snapshotFields: SnapshotFields<CodeLine> = [
        .required("text", \.text),
        .required("context", \.context),
        .required("origin", \.origin),
    ]

    static func snapshotBlank() -> CodeLine { CodeLine(text: "", context: "", origin: Origin()) }
}

extension LocatedSecret: SnapshotObject {
    static let snapshotFields: SnapshotFields<LocatedSecret> = [
        .required("hit", \.hit),
        .required("origin", \.origin),
    ]

    static func snapshotBlank() -> LocatedSecret { LocatedSecret(hit: SecretHit(kind: .highEntropy, key: nil, redacted: ""), origin: Origin()) }
}

extension InlineSuppression: SnapshotObject {
    static let snapshotFields: SnapshotFields<InlineSuppression> = [
        .required("controlId", \.controlId),
        .optional("reason", \.reason),
        .optional("resource", \.resource),
        .optional("line", \.line),
        .required("origin", \.origin),
    ]

    static func snapshotBlank() -> InlineSuppression { InlineSuppression(controlId: "", reason: nil, origin: Origin()) }
}

extension CollectionGap: SnapshotObject {
    static let snapshotFields: SnapshotFields<CollectionGap> = [
        .required("fact", \.fact),
        .required("operation", \.operation),
        .optional("resource", \.resource),
        .required("reason", \.reason),
        .optional("message", \.message),
    ]

    static func snapshotBlank() -> CollectionGap { CollectionGap(fact: .environments, operation: "", reason: .notProvided) }
}

extension InputProblem: SnapshotObject {
    static let snapshotFields: SnapshotFields<InputProblem> = [
        .required("file", \.file),
        .optional("line", \.line),
        .optional("column", \.column),
        .required("message", \.message),
    ]

    static func snapshotBlank() -> InputProblem { InputProblem(file: "", message: "") }
}

extension PlatformVersion: SnapshotObject {
    static let snapshotFields: SnapshotFields<PlatformVersion> = [
        .required("arn", \.arn),
        .optional("branchName", \.branchName),
        .optional("version", \.version),
        .optional("lifecycleState", \.lifecycleState),
        .optional("branchLifecycleState", \.branchLifecycleState),
        .optional("status", \.status),
        .optional("latestVersionInBranch", \.latestVersionInBranch),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> PlatformVersion { PlatformVersion(arn: "") }
}
extension SettingLayer: SnapshotRawValue {}
extension SecretHit.Kind: SnapshotRawValue {}
extension CodeArtifact.Kind: SnapshotRawValue {}
extension FactKind: SnapshotRawValue {}
extension CollectionGap.Reason: SnapshotRawValue {}
