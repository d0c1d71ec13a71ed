import Controls
import Foundation
import Inventory

/// The terminal rendering: grouped by environment and layer, failing controls first with their
/// evidence and fix; colour only when writing to a terminal.
public struct TextReport {
    public var colour: Bool
    /// Also list passing and not-applicable controls.
    public var verbose: Bool

    public init(colour: Bool, verbose: Bool = false) {
        self.colour = colour
        self.verbose = verbose
    }

    public func render(_ report: Report) -> String {
        var out: [String] = []
        let source = [report.source.kind, report.source.location].compactMap { $0 }.joined(separator: " ")
        out.append(bold("ebguard \(report.tool.version)") + " — \(report.summary.environments) environment(s), \(report.findings.count) finding(s) from \(source)")
        var order: [String] = []
        var byEnvironment: [String: [Finding]] = [:]
        for finding in report.findings {
            let key = finding.resource.environment ?? "(no environment)"
            if byEnvironment[key] == nil { order.append(key) }
            byEnvironment[key, default: []].append(finding)
        }
        for environment in order {
            out.append("")
            out.append(contentsOf: renderEnvironment(environment, byEnvironment[environment] ?? []))
        }
        if !report.inputProblems.isEmpty {
            out.append("")
            out.append(bold("Inputs skipped (\(report.inputProblems.count))"))
            for problem in report.inputProblems.prefix(50) {
                let position = [problem.line, problem.column].compactMap { $0 }.map(String.init).joined(separator: ":")
                out.append("  \(problem.file)\(position.isEmpty ? "" : ":" + position): \(problem.message)")
            }
            if report.inputProblems.count > 50 { out.append("  … and \(report.inputProblems.count - 50) more (see --format json)") }
        }
        let errors = report.gaps.filter { $0.reason != .notProvided }
        if !errors.isEmpty {
            out.append("")
            out.append(paint(bold("Could not assess (\(errors.count))"), "33"))
            for gap in errors.prefix(30) { out.append("  \(gap.summary)") }
        }
        out.append("")
        out.append(summaryLine(report.summary))
        return out.joined(separator: "\n") + "\n"
    }

    func renderEnvironment(_ name: String, _ findings: [Finding]) -> [String] {
        var lines: [String] = []
        let counts = Dictionary(grouping: findings, by: \.verdict).mapValues(\.count)
        let failCount = counts[.fail] ?? 0
        let header = "\(name) — \(failCount) fail · \(counts[.pass] ?? 0) pass · \(counts[.notAssessed] ?? 0) not assessed · \(counts[.notApplicable] ?? 0) n/a"
            + ((counts[.suppressed] ?? 0) > 0 ? " · \(counts[.suppressed] ?? 0) suppressed" : "")
        lines.append(bold(failCount > 0 ? paint(header, "31") : paint(header, "32")))
        for layer in Layer.allCases {
            let inLayer = findings.filter { $0.layer == layer }
            let failing = inLayer.filter { $0.verdict == .fail }.sorted { $0.severity > $1.severity || $0.severity == $1.severity && $0.control < $1.control }
            let suppressed = inLayer.filter { $0.verdict == .suppressed }
            let shown = verbose ? inLayer.filter { $0.verdict == .pass || $0.verdict == .notApplicable } : []
            guard !failing.isEmpty || !suppressed.isEmpty || !shown.isEmpty else { continue }
            lines.append("  " + dim(layer.title))
            for finding in failing { lines.append(contentsOf: renderFailure(finding)) }
            for finding in suppressed {
                lines.append("    \(paint("SUPPRESSED", "36")) \(finding.control)  \(finding.title) — \(finding.suppression ?? "")")
            }
            for finding in shown {
                let tag = finding.verdict == .pass ? paint("PASS", "32") : dim("N/A ")
                lines.append("    \(tag)  \(finding.control)  \(finding.title)" + (finding.reason.map { dim(" (\($0))") } ?? ""))
            }
        }
        let unassessed = findings.filter { $0.verdict == .notAssessed }
        if !unassessed.isEmpty {
            var byReason: [String: [String]] = [:]
            var reasons: [String] = []
            for finding in unassessed {
                let reason = finding.reason ?? "unknown"
                if byReason[reason] == nil { reasons.append(reason) }
                byReason[reason, default: []].append(finding.control)
            }
            lines.append("  " + dim("Not assessed"))
            for reason in reasons { lines.append("    \(paint("?", "33")) \(byReason[reason, default: []].joined(separator: ", ")): \(reason)") }
        }
        return lines
    }

    func renderFailure(_ finding: Finding) -> [String] {
        var lines: [String] = []
        let severity = finding.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        lines.append("    \(paint("FAIL", "31")) \(severityColour(severity, finding.severity)) \(bold(finding.control))  \(finding.title)")
        let resource = finding.resource
        if resource.type != "AWS::ElasticBeanstalk::Environment" {
            lines.append("         resource: \(resource.type) \(resource.id)" + (resource.name.map { $0 != resource.id ? " (\($0))" : "" } ?? ""))
        }
        if let location = finding.location {
            lines.append("         at:       \(location.file)" + (location.line.map { ":\($0)" } ?? "") + (location.column.map { ":\($0)" } ?? ""))
        }
        let shown = verbose ? finding.evidence : Array(finding.evidence.prefix(6))
        for (index, evidence) in shown.enumerated() {
            lines.append("         \(index == 0 ? "evidence:" : "         ") \(evidence)")
        }
        if shown.count < finding.evidence.count {
            lines.append("                   \(dim("… \(finding.evidence.count - shown.count) more (--verbose or --format json lists all)"))")
        }
        if let fix = finding.remediation {
            lines.append("         fix:      \(fix.summary)")
            if let cli = fix.cli { lines.append("                   \(dim(cli))") }
            for command in fix.commands.prefix(2) { lines.append("                   \(dim(command))") }
        }
        return lines
    }

    func summaryLine(_ summary: Summary) -> String {
        let verdicts = summary.verdicts
        let severities = Severity.allCases.reversed().compactMap { severity -> String? in
            guard let count = summary.failuresBySeverity[severity.rawValue], count > 0 else { return nil }
            return "\(count) \(severity.rawValue)"
        }
        return bold("Summary:") + " \(verdicts["fail"] ?? 0) fail" + (severities.isEmpty ? "" : " (" + severities.joined(separator: ", ") + ")")
            + ", \(verdicts["pass"] ?? 0) pass, \(verdicts["not-assessed"] ?? 0) not assessed, \(verdicts["not-applicable"] ?? 0) not applicable"
            + ((verdicts["suppressed"] ?? 0) > 0 ? ", \(verdicts["suppressed"] ?? 0) suppressed" : "")
            + " across \(summary.environments) environment(s)"
    }

    func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

    func severityColour(_ text: String, _ severity: Severity) -> String {
        switch severity {
        case .critical: paint(text, "1;31")
        case .high: paint(text, "31")
        case .medium: paint(text, "33")
        case .low: paint(text, "36")
        case .info: dim(text)
        }
    }
}
