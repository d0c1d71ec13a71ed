import Controls
import Foundation
import Inventory

/// Everything a run reports: findings, their summary, and what could not be read or seen.
///
/// `Report` is the stable JSON document every finding-reporting command emits
/// (`schemaVersion` 1, documented in docs/json-report.md).
public struct Report: Codable, Sendable {
    public static let schemaVersion = 1

    public var schemaVersion: Int
    public var tool: ToolInfo
    public var source: InventorySource
    public var findings: [Finding]
    public var summary: Summary
    /// Inputs that could not be read (malformed or unrecognised files), skipped.
    public var inputProblems: [InputProblem]
    /// Fact families the source could not see, and why.
    public var gaps: [CollectionGap]

    public init(findings: [Finding], inventory: Inventory, tool: ToolInfo = ToolInfo()) {
        schemaVersion = Report.schemaVersion
        self.tool = tool
        source = inventory.source
        self.findings = findings
        summary = Summary(findings: findings, environments: inventory.environments.count)
        inputProblems = inventory.inputProblems
        gaps = inventory.gaps
    }
}

public struct ToolInfo: Codable, Sendable {
    public var name: String
    public var version: String

    public init(name: String = "ebguard", version: String = EBGuardVersion.current) {
        self.name = name
        self.version = version
    }
}

/// The product version, shown by `ebguard --version` and recorded in reports and snapshots.
public enum EBGuardVersion {
    public static let current = "0.1.0"
}

public struct Summary: Codable, Sendable, Equatable {
    public var environments: Int
    public var findings: Int
    /// Counts per verdict (`pass`, `fail`, `not-assessed`, `not-applicable`, `suppressed`).
    public var verdicts: [String: Int]
    /// Failing findings per severity.
    public var failuresBySeverity: [String: Int]
    /// Failing findings per layer.
    public var failuresByLayer: [String: Int]

    public init(findings: [Finding], environments: Int) {
        var tally = FindingTally()
        for finding in findings { tally.add(finding) }
        self.init(tally: tally, environments: environments)
    }

    /// The summary of findings counted as they streamed past (see `FindingTally`).
    public init(tally: FindingTally, environments: Int) {
        self.environments = environments
        findings = tally.findings
        var verdicts: [String: Int] = [:]
        var bySeverity: [String: Int] = [:]
        var byLayer: [String: Int] = [:]
        for (index, verdict) in Verdict.allCases.enumerated() { verdicts[verdict.rawValue] = tally.verdicts[index] }
        for (index, severity) in Severity.allCases.enumerated() where tally.failuresBySeverity[index] > 0 {
            bySeverity[severity.rawValue] = tally.failuresBySeverity[index]
        }
        for (index, layer) in Layer.allCases.enumerated() where tally.failuresByLayer[index] > 0 {
            byLayer[layer.rawValue] = tally.failuresByLayer[index]
        }
        self.verdicts = verdicts
        failuresBySeverity = bySeverity
        failuresByLayer = byLayer
    }
}

/// Counts of findings by verdict, and of failures by severity and layer: what `Summary` and the
/// exit status need, gathered batch by batch when a report is streamed instead of held whole.
public struct FindingTally: Sendable, Equatable {
    public private(set) var findings = 0
    /// Indexed like `Verdict.allCases`, `Severity.allCases` and `Layer.allCases`.
    var verdicts = [Int](repeating: 0, count: Verdict.allCases.count)
    var failuresBySeverity = [Int](repeating: 0, count: Severity.allCases.count)
    var failuresByLayer = [Int](repeating: 0, count: Layer.allCases.count)

    public init() {}

    public mutating func add(_ finding: Finding) {
        findings += 1
        verdicts[Self.index(finding.verdict)] += 1
        if finding.verdict == .fail {
            failuresBySeverity[Self.index(finding.severity)] += 1
            failuresByLayer[Self.index(finding.layer)] += 1
        }
    }

    public mutating func add(_ other: FindingTally) {
        findings += other.findings
        for index in verdicts.indices { verdicts[index] += other.verdicts[index] }
        for index in failuresBySeverity.indices { failuresBySeverity[index] += other.failuresBySeverity[index] }
        for index in failuresByLayer.indices { failuresByLayer[index] += other.failuresByLayer[index] }
    }

    /// True when a finding failed at `severity` or above.
    public func hasFailure(atOrAbove severity: Severity) -> Bool {
        Severity.allCases.enumerated().contains { index, level in level >= severity && failuresBySeverity[index] > 0 }
    }

    // Positions in `allCases` (a test checks they agree), without building `allCases` per finding.
    static func index(_ verdict: Verdict) -> Int {
        switch verdict {
        case .pass: 0
        case .fail: 1
        case .notAssessed: 2
        case .notApplicable: 3
        case .suppressed: 4
        }
    }

    static func index(_ severity: Severity) -> Int {
        switch severity {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    static func index(_ layer: Layer) -> Int {
        switch layer {
        case .identity: 0
        case .network: 1
        case .data: 2
        case .runtime: 3
        case .detection: 4
        }
    }
}

/// How a run ends: the process exit code CI reads.
public enum ExitStatus: Int32, Sendable {
    /// Nothing at or above `--fail-on` failed, and everything could be assessed.
    case clean = 0
    /// Failing findings at or above `--fail-on`.
    case failures = 1
    /// Usage or input error.
    case usage = 2
    /// The source could not be fully read (access denied, throttled, network errors): results are incomplete.
    case couldNotAssess = 3

    /// 3 wins over 1: an incomplete audit must not look like a complete one, whatever it found.
    public static func of(_ report: Report, failOn: Severity) -> ExitStatus {
        of(gaps: report.gaps, failing: report.findings.contains(where: { $0.verdict == .fail && $0.severity >= failOn }))
    }

    /// The status from the gaps and whether a finding failed at or above `--fail-on` (for reports
    /// streamed without holding their findings: see `FindingTally.hasFailure(atOrAbove:)`).
    public static func of(gaps: [CollectionGap], failing: Bool) -> ExitStatus {
        if gaps.contains(where: { $0.reason != .notProvided }) { return .couldNotAssess }
        return failing ? .failures : .clean
    }
}
