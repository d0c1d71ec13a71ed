import Foundation

/// One option setting an apply changes, with its value before, so the change can be undone.
public struct OptionValueChange: Sendable, Codable, Hashable {
    public var namespace: String
    public var optionName: String
    /// For options scoped to a resource (`aws:elasticbeanstalk:environment:process:default`…).
    public var resourceName: String?
    /// Nil: the option was absent (a rollback removes it again rather than setting a default).
    public var previousValue: String?
    /// Nil: the change removes the option.
    public var newValue: String?
    /// The previous value was sensitive: `previousValue` holds only its redacted form (secrets are
    /// never stored), so a rollback cannot restore it and says so.
    public var previousValueRedacted: Bool

    public init(namespace: String, optionName: String, resourceName: String? = nil, previousValue: String?, newValue: String?,
                previousValueRedacted: Bool = false) {
        self.namespace = namespace
        self.optionName = optionName
        self.resourceName = resourceName
        self.previousValue = previousValue
        self.newValue = newValue
        self.previousValueRedacted = previousValueRedacted
    }

    enum CodingKeys: String, CodingKey {
        case namespace, optionName, resourceName, previousValue, newValue, previousValueRedacted
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        optionName = try container.decode(String.self, forKey: .optionName)
        resourceName = try container.decodeIfPresent(String.self, forKey: .resourceName)
        previousValue = try container.decodeIfPresent(String.self, forKey: .previousValue)
        newValue = try container.decodeIfPresent(String.self, forKey: .newValue)
        // Records written before the flag existed held no redacted values.
        previousValueRedacted = try container.decodeIfPresent(Bool.self, forKey: .previousValueRedacted) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(namespace, forKey: .namespace)
        try container.encode(optionName, forKey: .optionName)
        try container.encodeIfPresent(resourceName, forKey: .resourceName)
        // Absent values are written as null so "absent before" is explicit in the store.
        try container.encode(previousValue, forKey: .previousValue)
        try container.encode(newValue, forKey: .newValue)
        if previousValueRedacted { try container.encode(true, forKey: .previousValueRedacted) }
    }
}

/// Where a change is in its life. A record still `recorded` or `updating` after its process
/// ended is an interrupted change that someone must look at.
public enum ChangeStatus: String, Sendable, Codable, CaseIterable {
    /// Written before `UpdateEnvironment` is called.
    case recorded
    /// `UpdateEnvironment` was accepted; the environment is updating.
    case updating
    case completed
    case failed
}

/// The durable record of one apply or rollback: written before AWS is touched, so a rollback
/// is possible even if ebguard is killed mid-update.
public struct ChangeRecord: Sendable, Codable, Hashable {
    /// `chg-` and 12 random lowercase hex digits.
    public var changeId: String
    /// `apply` or `rollback`.
    public var kind: String
    /// For a rollback, the change it undoes.
    public var rollbackOf: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var user: String
    public var region: String
    public var environmentName: String
    public var environmentId: String?
    /// The controls the change fixes.
    public var controls: [String]
    public var changes: [OptionValueChange]
    public var status: ChangeStatus
    /// `verified` (re-evaluated and the controls pass), `not-verified`, or nil before verification.
    public var verification: String?
    public var detail: String?
    /// Hash of the plan file applied, tying the change to what the person approved.
    public var planHash: String?

    public init(changeId: String, kind: String, rollbackOf: String?, createdAt: Date, updatedAt: Date, user: String, region: String,
                environmentName: String, environmentId: String?, controls: [String], changes: [OptionValueChange], status: ChangeStatus,
                verification: String?, detail: String?, planHash: String?) {
        self.changeId = changeId
        self.kind = kind
        self.rollbackOf = rollbackOf
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.user = user
        self.region = region
        self.environmentName = environmentName
        self.environmentId = environmentId
        self.controls = controls
        self.changes = changes
        self.status = status
        self.verification = verification
        self.detail = detail
        self.planHash = planHash
    }

    /// The change was started and never finished (the process died or lost its connection).
    public var incomplete: Bool { status == .recorded || status == .updating }
}
