import Foundation

/// Organisation-specific choices the controls read (from `ebguard.yml`): what counts as production,
/// who may operate environments, the naming scheme, thresholds.
public struct AuditSettings: Codable, Sendable, Hashable {
    /// EB-DET-002: minimum CloudWatch Logs retention in days.
    public var minimumLogRetentionDays: Int
    /// EB-IAM-008: operator role names or ARNs the instance role must be narrower than.
    public var operatorRoles: [String]
    /// EB-IAM-013: the naming scheme; `nil` turns the control off.
    public var naming: NamingScheme?
    /// EB-RUN-007: an environment is production when its name contains one of these (case-insensitive)…
    public var productionNamePatterns: [String]
    /// …or when one of these tags has one of the production values.
    public var productionTagKeys: [String]
    public var productionTagValues: [String]
    /// EB-NET-009: an environment is meant to be private when this tag has the value `private`.
    public var exposureTagKey: String
    /// EB-DATA-004: require end-to-end TLS (instance process on HTTPS).
    public var requireEndToEndTLS: Bool
    /// EB-DET-007, EB-IAM-014: principal ARNs (glob `*`) allowed to change environments.
    public var allowedPrincipals: [String]
    /// EB-DET-007: CIDRs changes may come from; empty means any.
    public var allowedSourceCIDRs: [String]
    /// EB-DET-007: UTC change windows like `Tue 09:00-11:00`; empty means any time.
    public var changeWindows: [String]
    /// EB-IAM-012, EB-DET-007: the CloudTrail look-back window in days.
    public var lookbackDays: Int
    /// The time the audit runs "now" (fixed in tests and examples).
    public var now: Date

    public init(minimumLogRetentionDays: Int = 365, operatorRoles: [String] = [], naming: NamingScheme? = nil,
                productionNamePatterns: [String] = ["prod", "prd"], productionTagKeys: [String] = ["Environment", "Stage", "env", "stage"],
                productionTagValues: [String] = ["prod", "production", "prd"], exposureTagKey: String = "ebguard:exposure",
                requireEndToEndTLS: Bool = false, allowedPrincipals: [String] = [], allowedSourceCIDRs: [String] = [],
                changeWindows: [String] = [], lookbackDays: Int = 90, now: Date = Date()) {
        self.minimumLogRetentionDays = minimumLogRetentionDays
        self.operatorRoles = operatorRoles
        self.naming = naming
        self.productionNamePatterns = productionNamePatterns
        self.productionTagKeys = productionTagKeys
        self.productionTagValues = productionTagValues
        self.exposureTagKey = exposureTagKey
        self.requireEndToEndTLS = requireEndToEndTLS
        self.allowedPrincipals = allowedPrincipals
        self.allowedSourceCIDRs = allowedSourceCIDRs
        self.changeWindows = changeWindows
        self.lookbackDays = lookbackDays
        self.now = now
    }
}

/// The role/policy/key naming scheme of seed 004, with `{stage}`, `{STAGE}` and `{service}` placeholders.
public struct NamingScheme: Codable, Sendable, Hashable {
    public var instanceRole: String
    public var serviceRole: String
    public var instanceProfilePolicy: String
    public var kmsKeyAlias: String
    /// Where the stage comes from: this environment tag, else the environment name's last `-` part.
    public var stageTag: String
    /// Where the service comes from: this environment tag, else the application name.
    public var serviceTag: String

    public init(instanceRole: String = "{stage}.{service}", serviceRole: String = "{stage}.{service}Service",
                instanceProfilePolicy: String = "{STAGE}.EB.instanceProfilePolicy", kmsKeyAlias: String = "{stage}_ms_{service}",
                stageTag: String = "stage", serviceTag: String = "service") {
        self.instanceRole = instanceRole
        self.serviceRole = serviceRole
        self.instanceProfilePolicy = instanceProfilePolicy
        self.kmsKeyAlias = kmsKeyAlias
        self.stageTag = stageTag
        self.serviceTag = serviceTag
    }
}
