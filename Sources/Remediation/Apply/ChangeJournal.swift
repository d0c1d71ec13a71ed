/// Where remediation writes its change records: durable before any call that changes AWS, so a
/// run killed half-way leaves a record that `history` shows as incomplete and `rollback` undoes.
///
/// The history store implements it; tests use an in-memory journal.
public protocol ChangeJournal: Sendable {
    /// Writes a new change record with status `recorded` and returns its id. Must be durable on return.
    func recordChange(_ draft: ChangeDraft) throws -> String
    /// Moves a record to `updating`, `completed` or `failed`.
    func updateChange(_ id: String, status: ChangeState, verification: String?, detail: String?) throws
}

/// The states of a change record.
public enum ChangeState: String, Sendable, Codable {
    /// Written before `UpdateEnvironment`.
    case recorded
    /// `UpdateEnvironment` was accepted; the environment is changing.
    case updating
    case completed
    case failed
}

/// A change about to be made: every option it touches with the value before and after.
public struct ChangeDraft: Sendable, Hashable {
    /// `apply` or `rollback`.
    public var kind: String
    /// The change a rollback undoes.
    public var rollbackOf: String?
    public var user: String
    public var region: String
    public var environmentName: String
    public var environmentId: String?
    public var controls: [String]
    /// `oldValue` is the value read just before the change (`nil`: absent); `newValue` `nil` removes.
    public var changes: [PlannedOptionChange]
    /// SHA-256 of the plan file an `apply` executed.
    public var planHash: String?

    public init(kind: String, rollbackOf: String? = nil, user: String, region: String, environmentName: String, environmentId: String?,
                controls: [String], changes: [PlannedOptionChange], planHash: String? = nil) {
        self.kind = kind
        self.rollbackOf = rollbackOf
        self.user = user
        self.region = region
        self.environmentName = environmentName
        self.environmentId = environmentId
        self.controls = controls
        self.changes = changes
        self.planHash = planHash
    }
}

/// A change read back from the journal, as `rollback` needs it.
public struct RecordedChange: Sendable, Hashable {
    public var changeId: String
    public var kind: String
    public var region: String
    public var environmentName: String
    public var controls: [String]
    public var changes: [PlannedOptionChange]
    public var status: ChangeState

    public init(changeId: String, kind: String, region: String, environmentName: String, controls: [String], changes: [PlannedOptionChange], status: ChangeState) {
        self.changeId = changeId
        self.kind = kind
        self.region = region
        self.environmentName = environmentName
        self.controls = controls
        self.changes = changes
        self.status = status
    }
}
