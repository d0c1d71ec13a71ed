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

    /// Renders the whole report as one string (lines end with `\n`).
    ///
    /// Findings are grouped by index into one growing string: a large scan has a hundred thousand
    /// findings, and copying them into per-environment and per-layer arrays cost more than the text.
    public func render(_ report: Report) -> String {
        let findings = report.findings
        var out = ""
        out.reserveCapacity(4_096 + findings.count * 96)
        let source = [report.source.kind, report.source.location].compactMap { $0 }.joined(separator: " ")
        line(bold("ebguard \(report.tool.version)") + " — \(report.summary.environments) environment(s), \(findings.count) finding(s) from \(source)", into: &out)
        var order: [String] = []
        var byEnvironment: [String: [Int]] = [:]
        for index in findings.indices {
            let key = findings[index].resource.environment ?? "(no environment)"
            if byEnvironment[key] == nil { order.append(key) }
            byEnvironment[key, default: []].append(index)
        }
        for environment in order {
            line("", into: &out)
            renderEnvironment(environment, byEnvironment[environment] ?? [], of: findings, into: &out)
        }
        if !report.inputProblems.isEmpty {
            line("", into: &out)
            line(bold("Inputs skipped (\(report.inputProblems.count))"), into: &out)
            for problem in report.inputProblems.prefix(50) {
                let position = [problem.line, problem.column].compactMap { $0 }.map(String.init).joined(separator: ":")
                line("  \(problem.file)\(position.isEmpty ? "" : ":" + position): \(problem.message)", into: &out)
            }
            if report.inputProblems.count > 50 { line("  … and \(report.inputProblems.count - 50) more (see --format json)", into: &out) }
        }
        let errors = report.gaps.filter { $0.reason != .notProvided }
        if !errors.isEmpty {
            line("", into: &out)
            line(paint(bold("Could not assess (\(errors.count))"), "33"), into: &out)
            for gap in errors.prefix(30) { line("  \(gap.summary)", into: &out) }
        }
        line("", into: &out)
        line(summaryLine(report.summary), into: &out)
        return out
    }

    private func line(_ text: String, into out: inout String) {
        out += text
        out += "\n"
    }

    /// One environment's block: the findings at `indices` of `findings`, by layer.
    func renderEnvironment(_ name: String, _ indices: [Int], of findings: [Finding], into out: inout String) {
        var counts: [Verdict: Int] = [:]
        var byLayer = Array(repeating: [Int](), count: Layer.allCases.count)
        for index in indices {
            counts[findings[index].verdict, default: 0] += 1
            byLayer[Self.layerPosition[findings[index].layer] ?? 0].append(index)
        }
        let failCount = counts[.fail] ?? 0
        let header = "\(name) — \(failCount) fail · \(counts[.pass] ?? 0) pass · \(counts[.notAssessed] ?? 0) not assessed · \(counts[.notApplicable] ?? 0) n/a"
            + ((counts[.suppressed] ?? 0) > 0 ? " · \(counts[.suppressed] ?? 0) suppressed" : "")
        line(bold(failCount > 0 ? paint(header, "31") : paint(header, "32")), into: &out)
        for (position, layer) in Layer.allCases.enumerated() {
            let inLayer = byLayer[position]
            let failing = inLayer.filter { findings[$0].verdict == .fail }.sorted { a, b in
                findings[a].severity > findings[b].severity || findings[a].severity == findings[b].severity && findings[a].control < findings[b].control
            }
            let suppressed = inLayer.filter { findings[$0].verdict == .suppressed }
            let shown = verbose ? inLayer.filter { findings[$0].verdict == .pass || findings[$0].verdict == .notApplicable } : []
            guard !failing.isEmpty || !suppressed.isEmpty || !shown.isEmpty else { continue }
            line("  " + dim(layer.title), into: &out)
            for index in failing { renderFailure(findings[index], into: &out) }
            for index in suppressed {
                line("    \(paint("SUPPRESSED", "36")) \(findings[index].control)  \(findings[index].title) — \(findings[index].suppression ?? "")", into: &out)
            }
            for index in shown {
                let tag = findings[index].verdict == .pass ? paint("PASS", "32") : dim("N/A ")
                line("    \(tag)  \(findings[index].control)  \(findings[index].title)" + (findings[index].reason.map { dim(" (\($0))") } ?? ""), into: &out)
            }
        }
        var byReason: [String: [String]] = [:]
        var reasons: [String] = []
        for index in indices where findings[index].verdict == .notAssessed {
            let reason = findings[index].reason ?? "unknown"
            if byReason[reason] == nil { reasons.append(reason) }
            byReason[reason, default: []].append(findings[index].control)
        }
        if !reasons.isEmpty {
            line("  " + dim("Not assessed"), into: &out)
            for reason in reasons { line("    \(paint("?", "33")) \(byReason[reason, default: []].joined(separator: ", ")): \(reason)", into: &out) }
        }
    }

    private static let layerPosition: [Layer: Int] = Dictionary(uniqueKeysWithValues: Layer.allCases.enumerated().map { ($1, $0) })

    func renderFailure(_ finding: Finding, into out: inout String) {
        let raw = finding.severity.rawValue
        let severity = raw.count >= 8 ? String(raw.prefix(8)) : raw + String(repeating: " ", count: 8 - raw.count)
        line("    \(paint("FAIL", "31")) \(severityColour(severity, finding.severity)) \(bold(finding.control))  \(finding.title)", into: &out)
        let resource = finding.resource
        if resource.type != "AWS::ElasticBeanstalk::Environment" {
            line("         resource: \(resource.type) \(resource.id)" + (resource.name.map { $0 != resource.id ? " (\($0))" : "" } ?? ""), into: &out)
        }
        if let location = finding.location {
            line("         at:       \(location.file)" + (location.line.map { ":\($0)" } ?? "") + (location.column.map { ":\($0)" } ?? ""), into: &out)
        }
        let shown = verbose ? finding.evidence.count : min(6, finding.evidence.count)
        for index in 0..<shown {
            line("         \(index == 0 ? "evidence:" : "         ") \(finding.evidence[index])", into: &out)
        }
        if shown < finding.evidence.count {
            line("                   \(dim("… \(finding.evidence.count - shown) more (--verbose or --format json lists all)"))", into: &out)
        }
        if let fix = finding.remediation {
            line("         fix:      \(fix.summary)", into: &out)
            if let cli = fix.cli { line("                   \(dim(cli))", into: &out) }
            for command in fix.commands.prefix(2) { line("                   \(dim(command))", into: &out) }
        }
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
