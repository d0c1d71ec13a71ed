import Foundation

/// The normalized picture of everything ebguard knows about one or more AWS accounts' Elastic
/// Beanstalk estate, whichever source it came from (live APIs, AWS CLI exports, IaC files).
///
/// Controls read only this model. A fact that no source provided stays `nil` (or absent from its
/// dictionary) and is evaluated as `not-assessed`, never as a pass. Collections that are
/// `Optional` distinguish "not collected" (`nil`) from "collected, none exist" (empty).
/// Resources are keyed by their AWS id (or name, for IAM and buckets) so controls join in O(1).
public struct Inventory: Codable, Sendable {
    /// The snapshot format version this build writes and reads.
    public static let currentSchemaVersion = 1

    /// Format version of a snapshot file; readers refuse newer versions instead of guessing.
    public var schemaVersion: Int
    /// What produced this inventory (tool version, source kind, time).
    public var source: InventorySource

    public var environments: [Environment]
    /// Saved configurations and configuration templates (IaC `ConfigurationTemplate`, saved configs).
    public var configurationTemplates: [String: ConfigurationTemplate]

    // Compute
    public var autoScalingGroups: [String: AutoScalingGroup]
    public var launchTemplates: [String: LaunchTemplate]
    public var launchConfigurations: [String: LaunchConfiguration]
    public var instances: [String: Instance]
    /// Account default EBS encryption per region; `nil` when not collected.
    public var ebsEncryptionByDefault: [String: Bool]?

    // Network
    public var vpcs: [String: VPC]
    public var subnets: [String: Subnet]
    public var routeTables: [String: RouteTable]
    public var securityGroups: [String: SecurityGroup]
    /// VPC endpoints; `nil` when not collected.
    public var vpcEndpoints: [VPCEndpoint]?
    public var loadBalancers: [String: LoadBalancer]

    // Identity
    /// IAM state; `nil` when no source provided IAM facts.
    public var iam: IAMInventory?

    // Data
    public var buckets: [String: Bucket]
    /// The account-level S3 Block Public Access configuration, per account id.
    public var accountPublicAccessBlocks: [String: PublicAccessBlock]
    public var databases: [String: Database]
    public var dbParameterGroups: [String: DBParameterGroup]
    public var kmsKeys: [String: KMSKey]

    // Detection
    public var trails: [Trail]?
    public var alarms: [Alarm]?
    public var logGroups: [LogGroup]?
    public var configRecorders: [ConfigRecorder]?
    /// CloudTrail management events in the look-back window; `nil` when not collected.
    public var cloudTrailEvents: [CloudTrailEvent]?
    /// Platform versions by ARN, with lifecycle state.
    public var platforms: [String: PlatformVersion]

    // Files
    /// Scripts, configuration files and bundle entries read by `scan`; `nil` for API sources.
    public var artifacts: [CodeArtifact]?
    /// Inline `ebguard:ignore` comments found in files.
    public var inlineSuppressions: [InlineSuppression]

    /// What a source could not see, and why (access denied, throttled, missing export file).
    public var gaps: [CollectionGap]
    /// Inputs the source could not read (malformed or unrecognised files), reported but skipped.
    public var inputProblems: [InputProblem]

    public init(source: InventorySource = InventorySource()) {
        schemaVersion = Inventory.currentSchemaVersion
        self.source = source
        environments = []
        configurationTemplates = [:]
        autoScalingGroups = [:]
        launchTemplates = [:]
        launchConfigurations = [:]
        instances = [:]
        ebsEncryptionByDefault = nil
        vpcs = [:]
        subnets = [:]
        routeTables = [:]
        securityGroups = [:]
        vpcEndpoints = nil
        loadBalancers = [:]
        iam = nil
        buckets = [:]
        accountPublicAccessBlocks = [:]
        databases = [:]
        dbParameterGroups = [:]
        kmsKeys = [:]
        trails = nil
        alarms = nil
        logGroups = nil
        configRecorders = nil
        cloudTrailEvents = nil
        platforms = [:]
        artifacts = nil
        inlineSuppressions = []
        gaps = []
        inputProblems = []
    }
}

/// What produced an inventory.
public struct InventorySource: Codable, Sendable, Hashable {
    /// The kind of source: `aws-cli-export`, `live`, `iac`, `snapshot`.
    public var kind: String
    /// The folder, file or account/regions the source read.
    public var location: String?
    /// The ebguard version that collected it.
    public var toolVersion: String?
    public var collectedAt: Date?
    /// Regions covered, when known.
    public var regions: [String]?

    public init(kind: String = "unknown", location: String? = nil, toolVersion: String? = nil,
                collectedAt: Date? = nil, regions: [String]? = nil) {
        self.kind = kind
        self.location = location
        self.toolVersion = toolVersion
        self.collectedAt = collectedAt
        self.regions = regions
    }
}
