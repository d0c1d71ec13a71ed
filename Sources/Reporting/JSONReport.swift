import Controls
import Foundation
import Inventory

/// The JSON rendering of a report (docs/json-report.md): sorted keys so output is stable and
/// diffable; optional fields omitted when absent. Written by hand for speed; `Report` stays
/// `Codable` so consumers (and tests) can decode it.
public enum JSONReport {
    public static func render(_ report: Report, pretty: Bool = true) throws -> Data {
        let stream = JSONReportStream(pretty: pretty)
        var bytes = stream.head()
        let findings = stream.fragment(report.findings)
        bytes += findings.bytes
        bytes += stream.tail(report, findingsWritten: findings.tally.findings > 0)
        return Data(bytes)
    }

    static func write(_ finding: Finding, to out: inout JSONWriter) {
        out.beginObject()
        out.field("control", finding.control)
        out.field("evidence", strings: finding.evidence)
        out.field("layer", finding.layer.rawValue)
        if let location = finding.location {
            out.key("location")
            out.beginObject()
            out.field("column", location.column)
            out.field("file", location.file)
            out.field("line", location.line)
            out.endObject()
        }
        out.field("reason", finding.reason)
        if let fix = finding.remediation {
            out.key("remediation")
            out.beginObject()
            out.field("cli", fix.cli)
            out.field("commands", strings: fix.commands)
            out.field("ebextensions", fix.ebextensions)
            out.key("optionSettings")
            out.beginArray()
            for change in fix.optionSettings {
                out.beginObject()
                out.field("namespace", change.namespace)
                out.field("optionName", change.optionName)
                out.field("resourceName", change.resourceName)
                out.field("value", change.value)
                out.endObject()
            }
            out.endArray()
            out.field("summary", fix.summary)
            out.endObject()
        }
        out.key("resource")
        out.beginObject()
        out.field("environment", finding.resource.environment)
        out.field("id", finding.resource.id)
        out.field("name", finding.resource.name)
        out.field("type", finding.resource.type)
        out.endObject()
        out.field("severity", finding.severity.rawValue)
        out.field("source", finding.source)
        out.field("suppression", finding.suppression)
        out.field("title", finding.title)
        out.field("verdict", finding.verdict.rawValue)
        out.endObject()
    }

    static func write(_ summary: Summary, to out: inout JSONWriter) {
        func counts(_ name: String, _ values: [String: Int]) {
            out.key(name)
            out.beginObject()
            for key in values.keys.sorted() { out.key(key); out.value(values[key] ?? 0) }
            out.endObject()
        }
        out.beginObject()
        out.key("environments")
        out.value(summary.environments)
        counts("failuresByLayer", summary.failuresByLayer)
        counts("failuresBySeverity", summary.failuresBySeverity)
        out.key("findings")
        out.value(summary.findings)
        counts("verdicts", summary.verdicts)
        out.endObject()
    }
}

/// The JSON report in three parts, so that findings can be rendered in parallel batches and
/// written out as they are evaluated instead of held whole (an audit of 10,000 environments
/// renders 550,000 findings, about 330 MB): `head()`, then `fragment(_:)` per batch in order
/// (joined with a comma between non-empty fragments, see `separator`), then `tail(_:findingsWritten:)`.
/// The parts concatenate to exactly the bytes of `JSONReport.render`, which is built from them.
public struct JSONReportStream: Sendable {
    /// One batch of findings rendered, with their counts for the summary.
    ///
    /// A compact fragment keeps the buffer it was written into, read in place by `withBytes`:
    /// copying each into an array would copy the whole report (hundreds of megabytes) once more.
    public struct Fragment: Sendable {
        private let storage: Storage
        public var tally: FindingTally

        private enum Storage: Sendable {
            case array([UInt8])
            case written(ReportBytes)
        }

        init(bytes: [UInt8], tally: FindingTally) {
            storage = .array(bytes)
            self.tally = tally
        }

        init(written: ReportBytes, tally: FindingTally) {
            storage = .written(written)
            self.tally = tally
        }

        /// The bytes, as an array (a copy for a compact fragment).
        public var bytes: [UInt8] {
            switch storage {
            case .array(let bytes): bytes
            case .written(let written): written.array
            }
        }

        public var isEmpty: Bool {
            switch storage {
            case .array(let bytes): bytes.isEmpty
            case .written(let written): written.count == 0
            }
        }

        /// Reads the bytes in place.
        public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            switch storage {
            case .array(let bytes): try bytes.withUnsafeBufferPointer(body)
            case .written(let written): try written.withBytes(body)
            }
        }
    }

    public let pretty: Bool

    public init(pretty: Bool) { self.pretty = pretty }

    /// Writer state inside the findings array: inside the report object (which has a key) and
    /// inside the array (empty so far).
    private static let insideFindings = [true, false]

    /// `{"findings":[`
    public func head() -> [UInt8] {
        var out = JSONWriter(pretty: pretty, capacity: 64)
        out.beginObject()
        out.key("findings")
        out.beginArray()
        return out.bytes
    }

    /// Bytes to put between two non-empty fragments.
    public var separator: [UInt8] { [UInt8(ascii: ",")] }

    /// Findings as array items (without a leading comma), and their tally.
    ///
    /// Takes the findings: each is moved out of the array to be written, not copied (a finding
    /// holds a dozen strings and arrays, and a report half a million findings). A caller that
    /// keeps its own reference to the array pays one copy of it, as before.
    public func fragment(_ findings: consuming [Finding]) -> Fragment {
        var tally = FindingTally()
        let count = findings.count
        // Reversed through the buffer, which moves the findings' bytes (the array's own
        // `reverse()` copies each finding), then taken from the back.
        findings.withUnsafeMutableBufferPointer { $0.reverse() }
        guard pretty else {
            let out = CompactFindingWriter(capacity: 700 * count)
            while let finding = findings.popLast() {
                if tally.findings > 0 { out.separator() }
                tally.add(finding)
                out.write(finding)
            }
            return Fragment(written: out.finished, tally: tally)
        }
        var out = JSONWriter(pretty: true, containers: Self.insideFindings, capacity: 900 * max(1, count))
        while let finding = findings.popLast() {
            tally.add(finding)
            JSONReport.write(finding, to: &out)
        }
        return Fragment(bytes: out.bytes, tally: tally)
    }

    /// Closes the findings array and writes everything after it; `report.findings` is not read
    /// (its `summary` is: build it from the fragments' tallies).
    public func tail(_ report: Report, findingsWritten: Bool) -> [UInt8] {
        var out = JSONWriter(pretty: pretty, containers: [true, findingsWritten], capacity: 4096)
        out.endArray()
        out.key("gaps")
        out.beginArray()
        for gap in report.gaps {
            out.beginObject()
            out.field("fact", gap.fact.rawValue)
            out.field("message", gap.message)
            out.field("operation", gap.operation)
            out.field("reason", gap.reason.rawValue)
            out.field("resource", gap.resource)
            out.endObject()
        }
        out.endArray()
        out.key("inputProblems")
        out.beginArray()
        for problem in report.inputProblems {
            out.beginObject()
            out.field("column", problem.column)
            out.field("file", problem.file)
            out.field("line", problem.line)
            out.field("message", problem.message)
            out.endObject()
        }
        out.endArray()
        out.key("schemaVersion")
        out.value(report.schemaVersion)
        out.key("source")
        out.beginObject()
        out.field("collectedAt", report.source.collectedAt.map { $0.formatted(.iso8601) })
        out.field("kind", report.source.kind)
        out.field("location", report.source.location)
        if let regions = report.source.regions { out.field("regions", strings: regions) }
        out.field("toolVersion", report.source.toolVersion)
        out.endObject()
        out.key("summary")
        JSONReport.write(report.summary, to: &out)
        out.key("tool")
        out.beginObject()
        out.field("name", report.tool.name)
        out.field("version", report.tool.version)
        out.endObject()
        out.endObject()
        var bytes = out.bytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
