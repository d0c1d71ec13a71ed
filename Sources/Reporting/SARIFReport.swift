import Controls
import Foundation
import Inventory

/// SARIF 2.1.0 rendering for code scanning: one rule per catalog control, one result per failing
/// (or suppressed) finding, with physical locations where the finding came from a file and a
/// `partialFingerprints` entry that survives line moves, so a finding is tracked across commits.
public enum SARIFReport {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    /// Renders the SARIF log. Written directly as bytes (see `SARIFWriter`): the output is the
    /// same document, key order and layout as before, at a fraction of the time and memory.
    public static func render(_ report: Report, catalog: Catalog) throws -> Data {
        var ruleIndex: [String: Int] = [:]
        for (index, control) in catalog.controls.enumerated() { ruleIndex[control.id] = index }
        var metaRules: [String] = []
        for id in Set(report.findings.map(\.control)).sorted() where ruleIndex[id] == nil {
            ruleIndex[id] = catalog.controls.count + metaRules.count
            metaRules.append(id)
        }
        let reported = report.findings.lazy.filter { $0.verdict == .fail || $0.verdict == .suppressed }
        var json = SARIFWriter(capacity: 64 << 10 + report.findings.count * 1_024)
        json.beginObject()
        json.field("$schema", schemaURI)
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.field("columnKind", "unicodeCodePoints")
        json.key("invocations")
        json.beginArray()
        json.beginObject()
        json.key("executionSuccessful")
        json.value(true)
        json.key("toolExecutionNotifications")
        json.beginArray()
        for problem in report.inputProblems { notification(problem, into: &json) }
        json.endArray()
        json.endObject()
        json.endArray()
        json.key("results")
        json.beginArray()
        writeResults(Array(reported), ruleIndex: ruleIndex, into: &json)
        json.endArray()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.field("informationUri", "https://github.com/ebguard/ebguard")
        json.field("name", "ebguard")
        json.key("rules")
        json.beginArray()
        for control in catalog.controls { rule(control, into: &json) }
        for id in metaRules { metaRule(id, into: &json) }
        json.endArray()
        json.field("semanticVersion", report.tool.version)
        json.field("version", report.tool.version)
        json.endObject()
        json.endObject()
        json.endObject()
        json.endArray()
        json.field("version", "2.1.0")
        json.endObject()
        return json.finish()
    }

    /// The results, in order. Fingerprints are numbered in one pass (a repeated key counts its
    /// occurrences in report order); the results themselves are rendered a round of chunks at a
    /// time on every core and joined in order, so a scan with tens of thousands of results does
    /// not end on one core, and at most one round's bytes are held twice.
    static func writeResults(_ findings: [Finding], ruleIndex: [String: Int], into json: inout SARIFWriter) {
        var occurrences: [String: Int] = [:]
        let fingerprints = findings.map { finding in
            let key = fingerprintKey(finding)
            let occurrence = occurrences[key, default: 0]
            occurrences[key] = occurrence + 1
            return fingerprint(key + "\u{1F}\(occurrence)")
        }
        let chunk = 1_024
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var start = 0
        while start < findings.count {
            let ranges = (0..<workers).map { worker in
                min(findings.count, start + worker * chunk)..<min(findings.count, start + (worker + 1) * chunk)
            }.filter { !$0.isEmpty }
            var parts = [SARIFWriter](repeating: SARIFWriter(elementsOf: json), count: ranges.count)
            parts.withUnsafeMutableBufferPointer { buffer in
                let shared = SharedParts(buffer: buffer)
                DispatchQueue.concurrentPerform(iterations: ranges.count) { worker in
                    for position in ranges[worker] {
                        result(findings[position], ruleIndex: ruleIndex[findings[position].control] ?? 0,
                               fingerprint: fingerprints[position], into: &shared.buffer[worker])
                    }
                }
            }
            for part in parts { json.append(elementsOf: part) }
            start += workers * chunk
        }
    }

    /// Each worker writes only its own element of the buffer.
    private struct SharedParts: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<SARIFWriter>
    }

    /// An input problem as a tool execution notification, at its file (and line) when known.
    static func notification(_ problem: InputProblem, into json: inout SARIFWriter) {
        json.beginObject()
        json.field("level", "warning")
        json.key("locations")
        json.beginArray()
        json.beginObject()
        json.key("physicalLocation")
        physicalLocation(file: problem.file, line: problem.line, column: problem.column, into: &json)
        json.endObject()
        json.endArray()
        json.message("message", text: problem.message)
        json.endObject()
    }

    static func rule(_ control: Control, into json: inout SARIFWriter) {
        var help = control.remediation.summary
        if let cli = control.remediation.cli { help += "\n\nAWS CLI:\n" + cli }
        if let snippet = control.remediation.ebextensions { help += "\n\n.ebextensions:\n" + snippet }
        var markdown = "**\(control.title)**\n\n\(control.rationale)\n\n**Fix:** \(control.remediation.summary)"
        if let cli = control.remediation.cli { markdown += "\n\n```sh\n\(cli)\n```" }
        if let snippet = control.remediation.ebextensions { markdown += "\n\n```yaml\n# .ebextensions/ebguard-\(control.id.lowercased()).config\n\(snippet)\n```" }
        markdown += "\n\nReferences: " + control.references.map { "\($0.kind.rawValue): \($0.text)" }.joined(separator: "; ")
        let level = level(control.severity)
        json.beginObject()
        json.key("defaultConfiguration")
        json.beginObject()
        json.field("level", level)
        json.endObject()
        json.message("fullDescription", text: control.rationale)
        json.key("help")
        json.beginObject()
        json.field("markdown", markdown)
        json.field("text", help)
        json.endObject()
        json.field("id", control.id)
        json.field("name", ruleName(control.title))
        json.key("properties")
        json.beginObject()
        json.field("precision", "high")
        json.field("problem.severity", level == "note" ? "recommendation" : level)
        json.field("security-severity", securitySeverity(control.severity))
        json.key("tags")
        json.beginArray()
        for tag in ["security", "elastic-beanstalk", control.layer.rawValue] { json.value(tag) }
        json.endArray()
        json.endObject()
        json.message("shortDescription", text: control.title)
        json.endObject()
    }

    /// A rule for a finding id outside the catalog (meta findings such as suppressions without a reason).
    static func metaRule(_ id: String, into json: inout SARIFWriter) {
        json.beginObject()
        json.field("id", id)
        json.field("name", "EbguardMeta")
        json.key("properties")
        json.beginObject()
        json.field("security-severity", "3.0")
        json.endObject()
        json.message("shortDescription", text: id)
        json.endObject()
    }

    static func result(_ finding: Finding, ruleIndex: Int, fingerprint: String, into json: inout SARIFWriter) {
        var message = finding.title
        if !finding.evidence.isEmpty { message += ": " + finding.evidence.joined(separator: "; ") }
        json.beginObject()
        json.field("level", level(finding.severity))
        json.key("locations")
        json.beginArray()
        json.beginObject()
        json.key("logicalLocations")
        json.beginArray()
        json.beginObject()
        if let location = finding.location {
            json.field("kind", "resource")
            json.field("name", finding.resource.name ?? finding.resource.id)
            json.endObject()
            json.endArray()
            json.key("physicalLocation")
            physicalLocation(file: location.file, line: location.line, column: location.column, into: &json)
        } else {
            json.field("fullyQualifiedName", "\(finding.resource.environment ?? "")/\(finding.resource.type)/\(finding.resource.id)")
            json.field("kind", "resource")
            json.field("name", finding.resource.id)
            json.endObject()
            json.endArray()
        }
        json.endObject()
        json.endArray()
        json.message("message", text: message)
        json.key("partialFingerprints")
        json.beginObject()
        json.field("ebguardFinding/v1", fingerprint)
        json.endObject()
        json.key("properties")
        json.beginObject()
        json.key("resource")
        json.beginObject()
        json.field("environment", finding.resource.environment ?? "")
        json.field("id", finding.resource.id)
        json.field("type", finding.resource.type)
        json.endObject()
        json.field("severity", finding.severity.rawValue)
        json.endObject()
        json.field("ruleId", finding.control)
        json.field("ruleIndex", ruleIndex)
        if finding.verdict == .suppressed {
            json.key("suppressions")
            json.beginArray()
            json.beginObject()
            json.field("justification", finding.suppression ?? "")
            json.field("kind", "inSource")
            json.endObject()
            json.endArray()
        }
        json.endObject()
    }

    /// `{ "artifactLocation" : { "uri" : … }, "region" : … }`; the region only when the line is known.
    static func physicalLocation(file: String, line: Int?, column: Int?, into json: inout SARIFWriter) {
        json.beginObject()
        json.key("artifactLocation")
        json.beginObject()
        json.field("uri", uri(file))
        json.endObject()
        if let line {
            json.key("region")
            json.beginObject()
            if let column { json.field("startColumn", max(1, column)) }
            json.field("startLine", max(1, line))
            json.endObject()
        }
        json.endObject()
    }

    /// Relative paths as given; `bundle.zip!/path` entries point at the archive.
    static func uri(_ path: String) -> String {
        // Almost every path is plain ASCII that percent-encoding leaves as is: checked on bytes,
        // since Foundation's encoding of every result's path was a visible share of a large scan.
        if path.utf8.allSatisfy(isPlainPathByte) {
            return path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        }
        let file = path.components(separatedBy: "!").first ?? path
        let trimmed = file.hasPrefix("./") ? String(file.dropFirst(2)) : file
        return trimmed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? trimmed
    }

    /// Bytes `.urlPathAllowed` keeps unencoded, except `!` (which starts an archive entry) and `:`
    /// (Foundation encodes it in a first segment, where it would read as a URI scheme).
    private static func isPlainPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "$"),
             UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: ","), UInt8(ascii: "="), UInt8(ascii: "@"):
            true
        default:
            false
        }
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

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// FNV-1a 64-bit, hex.
    static func fingerprint(_ key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for position in 0..<16 { buffer[position] = hexDigits[Int((hash >> (60 - 4 * UInt64(position))) & 0xF)] }
            return 16
        }
    }
}
