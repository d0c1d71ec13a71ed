import Controls
import Foundation

/// What is known about an audit before it is stored: who ran it, on what, when.
public struct NewRun: Sendable {
    public var startedAt: Date
    /// Who ran it (login name, CI job), the "who" of the evidence.
    public var user: String
    /// What was read, for people: `live us-east-1,eu-west-1`, `snapshot fleet.json`, `aws-cli ./export`.
    public var source: String
    /// A stable key for "the same scope": drift is computed between runs of one scope only, so
    /// an audit of one region is never compared with an audit of another.
    public var scope: String
    /// SHA-256 of the snapshot the run read, when there was one, tying findings to evidence.
    public var snapshotHash: String?
    public var toolVersion: String

    public init(startedAt: Date, user: String, source: String, scope: String, snapshotHash: String? = nil, toolVersion: String) {
        self.startedAt = startedAt
        self.user = user
        self.source = source
        self.scope = scope
        self.snapshotHash = snapshotHash
        self.toolVersion = toolVersion
    }
}

/// A stored run, with how many findings it had of each verdict (so a listing needs no scan).
public struct RunRecord: Sendable, Codable, Hashable {
    public var id: Int64
    public var startedAt: Date
    public var user: String
    public var source: String
    public var scope: String
    public var snapshotHash: String?
    public var toolVersion: String
    /// Findings by verdict raw value (`pass`, `fail`, `not-assessed`, …); absent verdicts are 0.
    public var counts: [String: Int]

    public init(id: Int64, startedAt: Date, user: String, source: String, scope: String, snapshotHash: String?,
                toolVersion: String, counts: [String: Int]) {
        self.id = id
        self.startedAt = startedAt
        self.user = user
        self.source = source
        self.scope = scope
        self.snapshotHash = snapshotHash
        self.toolVersion = toolVersion
        self.counts = counts
    }

    /// The number of findings the run recorded.
    public var findingCount: Int { counts.values.reduce(0, +) }
}

/// A finding as the store keeps it: what drift and exceptions need, without the remediation
/// text (which comes from the control catalog and would multiply the store's size).
public struct StoredFinding: Sendable, Codable, Hashable {
    public var control: String
    public var resource: ResourceRef
    public var verdict: Verdict
    public var severity: Severity
    public var suppression: String?
    public var reason: String?
    /// Already redacted by the producer.
    public var evidence: [String]

    public init(control: String, resource: ResourceRef, verdict: Verdict, severity: Severity, suppression: String? = nil,
                reason: String? = nil, evidence: [String] = []) {
        self.control = control
        self.resource = resource
        self.verdict = verdict
        self.severity = severity
        self.suppression = suppression
        self.reason = reason
        self.evidence = evidence
    }

    /// The stored form of a fresh finding, to compare a run in progress with a stored one.
    public init(_ finding: Finding) {
        self.init(control: finding.control, resource: finding.resource, verdict: finding.verdict, severity: finding.severity,
                  suppression: finding.suppression, reason: finding.reason, evidence: finding.evidence)
    }
}
