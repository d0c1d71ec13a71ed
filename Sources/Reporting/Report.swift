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
        self.environments = environments
        self.findings = findings.count
        var verdicts: [String: Int] = [:]
        var bySeverity: [String: Int] = [:]
        var byLayer: [String: Int] = [:]
        for verdict in Verdict.allCases { verdicts[verdict.rawValue] = 0 }
        for finding in findings {
            verdicts[finding.verdict.rawValue, default: 0] += 1
            if finding.verdict == .fail {
                bySeverity[finding.severity.rawValue, default: 0] += 1
                byLayer[finding.layer.rawValue, default: 0] += 1
            }
        }
        self.verdicts = verdicts
        failuresBySeverity = bySeverity
        failuresByLayer = byLayer
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
        if report.gaps.contains(where: { $0.reason != .notProvided }) { return .couldNotAssess }
        if report.findings.contains(where: { $0.verdict == .fail && $0.severity >= failOn }) { return .failures }
        return .clean
    }
}
