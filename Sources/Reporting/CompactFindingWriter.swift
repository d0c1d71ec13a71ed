import Controls

/// Findings in compact JSON, written straight into bytes: the same text `JSONReport.write(_:to:)`
/// produces through `JSONWriter` without indentation (a test renders every example finding both
/// ways), without its per-token bookkeeping.
///
/// Why: a report of 10,000 environments holds 550,000 findings (330 MB); rendering them was a
/// tenth of the audit. Keys are fixed, so each is one copy of static bytes.
struct CompactFindingWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// One finding, as an array element (no separator).
    mutating func write(_ finding: Finding) {
        raw("{\"control\":")
        string(finding.control)
        raw(",\"evidence\":")
        strings(finding.evidence)
        raw(",\"layer\":")
        string(finding.layer.rawValue)
        if let location = finding.location {
            raw(",\"location\":{")
            if let column = location.column {
                raw("\"column\":")
                integer(column)
                raw(",")
            }
            raw("\"file\":")
            string(location.file)
            if let line = location.line {
                raw(",\"line\":")
                integer(line)
            }
            raw("}")
        }
        if let reason = finding.reason {
            raw(",\"reason\":")
            string(reason)
        }
        if let fix = finding.remediation {
            raw(",\"remediation\":{")
            if let cli = fix.cli {
                raw("\"cli\":")
                string(cli)
                raw(",")
            }
            raw("\"commands\":")
            strings(fix.commands)
            if let ebextensions = fix.ebextensions {
                raw(",\"ebextensions\":")
                string(ebextensions)
            }
            raw(",\"optionSettings\":[")
            for (position, change) in fix.optionSettings.enumerated() {
                raw(position == 0 ? "{\"namespace\":" : ",{\"namespace\":")
                string(change.namespace)
                raw(",\"optionName\":")
                string(change.optionName)
                if let resource = change.resourceName {
                    raw(",\"resourceName\":")
                    string(resource)
                }
                raw(",\"value\":")
                string(change.value)
                raw("}")
            }
            raw("],\"summary\":")
            string(fix.summary)
            raw("}")
        }
        raw(",\"resource\":{")
        if let environment = finding.resource.environment {
            raw("\"environment\":")
            string(environment)
            raw(",")
        }
        raw("\"id\":")
        string(finding.resource.id)
        if let name = finding.resource.name {
            raw(",\"name\":")
            string(name)
        }
        raw(",\"type\":")
        string(finding.resource.type)
        raw("},\"severity\":")
        string(finding.severity.rawValue)
        if let source = finding.source {
            raw(",\"source\":")
            string(source)
        }
        if let suppression = finding.suppression {
            raw(",\"suppression\":")
            string(suppression)
        }
        raw(",\"title\":")
        string(finding.title)
        raw(",\"verdict\":")
        string(finding.verdict.rawValue)
        raw("}")
    }

    private mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func strings(_ items: [String]) {
        bytes.append(UInt8(ascii: "["))
        for position in items.indices {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            string(items[position])
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func string(_ text: String) {
        JSONWriter.appendString(text, to: &bytes)
    }
}
