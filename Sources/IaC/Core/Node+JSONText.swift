/// Serializes a (resolved) node as JSON text: how policy documents are stored in the inventory,
/// whatever syntax they were written in (YAML, JSON, HCL `jsonencode`, a policy-document data source).
extension Node {
    /// JSON text; scalars become strings (IAM accepts strings everywhere), unresolved parts become
    /// `"${unresolved: …}"` strings, which never match a wildcard.
    var jsonText: String {
        var output = ""
        write(into: &output)
        return output
    }

    private func write(into output: inout String) {
        switch kind {
        case .scalar(let text): Node.writeString(text, into: &output)
        case .null: output += "null"
        case .unresolved(let text): Node.writeString("${unresolved: \(text)}", into: &output)
        case .list(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(into: &output)
            }
            output += "]"
        case .map(let entries):
            output += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { output += "," }
                Node.writeString(entry.key, into: &output)
                output += ":"
                entry.value.write(into: &output)
            }
            output += "}"
        }
    }

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        // Most strings need no escaping: append them whole rather than scalar by scalar.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
