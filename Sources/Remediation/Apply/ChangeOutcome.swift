import Controls

/// What an `apply` or `rollback` did and found: the answer to "did it work?".
public struct ChangeOutcome: Sendable, Codable, Hashable {
    public var changeId: String
    public var kind: String
    public var environment: String
    /// `verified` when every option holds its new value and every planned control passes;
    /// `not-verified` otherwise (see `configurationMismatches` and `controlVerdicts`).
    public var verification: String
    /// Options that do not hold the value the change set, as `namespace/Option: expected X, found Y`.
    public var configurationMismatches: [String]
    /// The re-evaluated verdict of each control the change is for.
    public var controlVerdicts: [String: Verdict]
    public var healthBefore: String?
    public var healthAfter: String?
    /// Health was Green/Ok before and is not after the change.
    public var healthDegraded: Bool
    /// Options a rollback could not restore, and why (sensitive values are never stored).
    public var notRestored: [String]
    /// Options that needed no change (already at the recorded value).
    public var unchanged: Int

    public var isVerified: Bool { verification == "verified" }
}
