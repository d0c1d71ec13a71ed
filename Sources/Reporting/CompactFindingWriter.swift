import Controls

/// Findings in compact JSON, written straight into bytes: the same text `JSONReport.write(_:to:)`
/// produces through `JSONWriter` without indentation (a test renders every example finding both
/// ways), without its per-token bookkeeping.
///
/// Why: a report of 10,000 environments holds 550,000 findings (330 MB); rendering them was a
/// tenth of the audit. Keys are fixed, so each is one copy of static bytes.
struct CompactFindingWriter {
    private let out: ReportBytes

    init(capacity: Int) { out = ReportBytes(capacity: capacity) }

    /// The bytes written so far.
    var bytes: [UInt8] { out.array }

    /// The buffer written, to be read once writing is over.
    var finished: ReportBytes { out }

    /// The comma between two findings.
    func separator() { out.append(UInt8(ascii: ",")) }

    /// One finding, as an array element (no separator).
    ///
    /// Each key is written with the quotes around it and the opening quote of its string value,
    /// and `text` writes only a value's contents: half the appends of writing each token apart.
    func write(_ finding: Finding) {
        raw("{\"control\":\"")
        text(finding.control)
        raw("\",\"evidence\":")
        strings(finding.evidence)
        raw(Self.layerField(finding.layer))
        if let location = finding.location {
            raw(",\"location\":{")
            if let column = location.column {
                raw("\"column\":")
                integer(column)
                raw(",")
            }
            raw("\"file\":\"")
            text(location.file)
            raw("\"")
            if let line = location.line {
                raw(",\"line\":")
                integer(line)
            }
            raw("}")
        }
        if let reason = finding.reason {
            raw(",\"reason\":\"")
            text(reason)
            raw("\"")
        }
        if let fix = finding.remediation {
            raw(",\"remediation\":{")
            if let cli = fix.cli {
                raw("\"cli\":\"")
                text(cli)
                raw("\",")
            }
            raw("\"commands\":")
            strings(fix.commands)
            if let ebextensions = fix.ebextensions {
                raw(",\"ebextensions\":\"")
                text(ebextensions)
                raw("\"")
            }
            raw(",\"optionSettings\":[")
            for (position, change) in fix.optionSettings.enumerated() {
                raw(position == 0 ? "{\"namespace\":\"" : ",{\"namespace\":\"")
                text(change.namespace)
                raw("\",\"optionName\":\"")
                text(change.optionName)
                if let resource = change.resourceName {
                    raw("\",\"resourceName\":\"")
                    text(resource)
                }
                raw("\",\"value\":\"")
                text(change.value)
                raw("\"}")
            }
            raw("],\"summary\":\"")
            text(fix.summary)
            raw("\"}")
        }
        raw(",\"resource\":{")
        if let environment = finding.resource.environment {
            raw("\"environment\":\"")
            text(environment)
            raw("\",")
        }
        raw("\"id\":\"")
        text(finding.resource.id)
        if let name = finding.resource.name {
            raw("\",\"name\":\"")
            text(name)
        }
        raw("\",\"type\":\"")
        text(finding.resource.type)
        raw(Self.severityField(finding.severity))
        if let source = finding.source {
            raw("\",\"source\":\"")
            text(source)
        }
        if let suppression = finding.suppression {
            raw("\",\"suppression\":\"")
            text(suppression)
        }
        raw("\",\"title\":\"")
        text(finding.title)
        raw(Self.verdictEnd(finding.verdict))
    }

    // The three enumerations are written with their keys as static bytes: no string to make,
    // scan and copy for three of the dozen values of every finding.

    /// `","layer":"…"` after the evidence.
    static func layerField(_ layer: Layer) -> StaticString {
        switch layer {
        case .identity: ",\"layer\":\"identity\""
        case .network: ",\"layer\":\"network\""
        case .data: ",\"layer\":\"data\""
        case .runtime: ",\"layer\":\"runtime\""
        case .detection: ",\"layer\":\"detection\""
        }
    }

    /// The end of the resource object and the severity, up to its closing quote (excluded).
    static func severityField(_ severity: Severity) -> StaticString {
        switch severity {
        case .info: "\"},\"severity\":\"info"
        case .low: "\"},\"severity\":\"low"
        case .medium: "\"},\"severity\":\"medium"
        case .high: "\"},\"severity\":\"high"
        case .critical: "\"},\"severity\":\"critical"
        }
    }

    /// The end of the title, the verdict and the end of the finding.
    static func verdictEnd(_ verdict: Verdict) -> StaticString {
        switch verdict {
        case .pass: "\",\"verdict\":\"pass\"}"
        case .fail: "\",\"verdict\":\"fail\"}"
        case .notAssessed: "\",\"verdict\":\"not-assessed\"}"
        case .notApplicable: "\",\"verdict\":\"not-applicable\"}"
        case .suppressed: "\",\"verdict\":\"suppressed\"}"
        }
    }

    private func raw(_ text: StaticString) { out.append(text) }

    private func strings(_ items: [String]) {
        out.append(UInt8(ascii: "["))
        for position in items.indices {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.appendContents(items[position])
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
    }

    private func integer(_ value: Int) {
        var digits = String(value)
        digits.withUTF8 { out.append($0) }
    }

    /// A string value's contents, escaped, without its quotes.
    private func text(_ value: String) { out.appendContents(value) }
}
