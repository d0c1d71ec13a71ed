import Controls
import Foundation
import Inventory

/// SARIF 2.1.0 rendering for code scanning: one rule per catalog control, one result per failing
/// (or suppressed) finding, with physical locations where the finding came from a file and a
/// `partialFingerprints` entry that survives line moves, so a finding is tracked across commits.
public enum SARIFReport {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func render(_ report: Report, catalog: Catalog) throws -> Data {
        let used = Set(report.findings.map(\.control))
        var rules: [[String: Any]] = []
        var ruleIndex: [String: Int] = [:]
        for control in catalog.controls {
            ruleIndex[control.id] = rules.count
            rules.append(rule(control))
        }
        for id in used.sorted() where ruleIndex[id] == nil {
            ruleIndex[id] = rules.count
            rules.append(["id": id, "name": "EbguardMeta", "shortDescription": ["text": id], "properties": ["security-severity": "3.0"]])
        }
        var results: [[String: Any]] = []
        var occurrences: [String: Int] = [:]
        for finding in report.findings where finding.verdict == .fail || finding.verdict == .suppressed {
            let key = fingerprintKey(finding)
            let occurrence = occurrences[key, default: 0]
            occurrences[key] = occurrence + 1
            results.append(result(finding, ruleIndex: ruleIndex[finding.control] ?? 0, fingerprint: fingerprint(key + "\u{1F}\(occurrence)")))
        }
        var notifications: [[String: Any]] = []
        for problem in report.inputProblems {
            var location: [String: Any] = ["artifactLocation": ["uri": uri(problem.file)]]
            if let line = problem.line { location["region"] = region(line: line, column: problem.column) }
            notifications.append(["level": "warning", "message": ["text": problem.message], "locations": [["physicalLocation": location]]])
        }
        let run: [String: Any] = [
            "tool": ["driver": ["name": "ebguard", "version": report.tool.version, "semanticVersion": report.tool.version,
                                "informationUri": "https://github.com/ebguard/ebguard", "rules": rules]],
            "results": results,
            "invocations": [["executionSuccessful": true, "toolExecutionNotifications": notifications]],
            "columnKind": "unicodeCodePoints",
        ]
        let document: [String: Any] = ["$schema": schemaURI, "version": "2.1.0", "runs": [run]]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    static func rule(_ control: Control) -> [String: Any] {
        var help = control.remediation.summary
        if let cli = control.remediation.cli { help += "\n\nAWS CLI:\n" + cli }
        if let snippet = control.remediation.ebextensions { help += "\n\n.ebextensions:\n" + snippet }
        var markdown = "**\(control.title)**\n\n\(control.rationale)\n\n**Fix:** \(control.remediation.summary)"
        if let cli = control.remediation.cli { markdown += "\n\n```sh\n\(cli)\n```" }
        if let snippet = control.remediation.ebextensions { markdown += "\n\n```yaml\n# .ebextensions/ebguard-\(control.id.lowercased()).config\n\(snippet)\n```" }
        markdown += "\n\nReferences: " + control.references.map { "\($0.kind.rawValue): \($0.text)" }.joined(separator: "; ")
        return [
            "id": control.id,
            "name": ruleName(control.title),
            "shortDescription": ["text": control.title],
            "fullDescription": ["text": control.rationale],
            "help": ["text": help, "markdown": markdown],
            "defaultConfiguration": ["level": level(control.severity)],
            "properties": ["security-severity": securitySeverity(control.severity), "tags": ["security", "elastic-beanstalk", control.layer.rawValue],
                           "precision": "high", "problem.severity": level(control.severity) == "note" ? "recommendation" : level(control.severity)],
        ]
    }

    static func result(_ finding: Finding, ruleIndex: Int, fingerprint: String) -> [String: Any] {
        var message = finding.title
        if !finding.evidence.isEmpty { message += ": " + finding.evidence.joined(separator: "; ") }
        var result: [String: Any] = [
            "ruleId": finding.control,
            "ruleIndex": ruleIndex,
            "level": level(finding.severity),
            "message": ["text": message],
            "partialFingerprints": ["ebguardFinding/v1": fingerprint],
            "properties": ["resource": ["type": finding.resource.type, "id": finding.resource.id, "environment": finding.resource.environment ?? ""],
                           "severity": finding.severity.rawValue],
        ]
        if let location = finding.location {
            var physical: [String: Any] = ["artifactLocation": ["uri": uri(location.file)]]
            if let line = location.line { physical["region"] = region(line: line, column: location.column) }
            result["locations"] = [["physicalLocation": physical, "logicalLocations": [["name": finding.resource.name ?? finding.resource.id, "kind": "resource"]]]]
        } else {
            result["locations"] = [["logicalLocations": [["name": finding.resource.id, "fullyQualifiedName": "\(finding.resource.environment ?? "")/\(finding.resource.type)/\(finding.resource.id)", "kind": "resource"]]]]
        }
        if finding.verdict == .suppressed {
            result["suppressions"] = [["kind": "inSource", "justification": finding.suppression ?? ""]]
        }
        return result
    }

    static func region(line: Int, column: Int?) -> [String: Any] {
        var region: [String: Any] = ["startLine": max(1, line)]
        if let column { region["startColumn"] = max(1, column) }
        return region
    }

    /// Relative paths as given; `bundle.zip!/path` entries point at the archive.
    static func uri(_ path: String) -> String {
        let file = path.components(separatedBy: "!").first ?? path
        let trimmed = file.hasPrefix("./") ? String(file.dropFirst(2)) : file
        return trimmed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? trimmed
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub's scale: ≥ 9 critical, ≥ 7 high, ≥ 4 medium, > 0 low.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.5"
        }
    }

    static func ruleName(_ title: String) -> String {
        title.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Stable across line moves: control, resource and file, not the line (or any text that quotes it);
    /// repeated findings of one key are told apart by their order.
    static func fingerprintKey(_ finding: Finding) -> String {
        [finding.control, finding.resource.type, finding.resource.id, finding.resource.environment ?? "", finding.location?.file ?? ""].joined(separator: "\u{1F}")
    }

    /// FNV-1a 64-bit, hex.
    static func fingerprint(_ key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(format: "%016llx", hash)
    }
}
