extension PolicyDocument {
    /// The document as JSON, elements in IAM's customary order, one statement element per line.
    ///
    /// Why our own writer: the tightened policy the least-privilege analysis proposes is shown to
    /// people and pasted into IaC, so its layout must be stable and readable.
    public var json: String {
        // Written into one byte buffer (every failing EB-IAM-012 finding renders a policy).
        var out = JSONBytes()
        out.append("{\n")
        if let version { out.append("  \"Version\": "); out.quote(version); out.append(",\n") }
        if let id { out.append("  \"Id\": "); out.quote(id); out.append(",\n") }
        out.append("  \"Statement\": [")
        for (index, statement) in statements.enumerated() {
            out.append("\n    {\n")
            statement.writeMembers(into: &out)
            out.append("\n    }")
            if index < statements.count - 1 { out.append(",") }
        }
        out.append("\n  ]\n}")
        return out.string
    }

    static func quote(_ text: String) -> String {
        // Most texts need no escape: quote them whole (every failing EB-IAM-012 finding renders a policy).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func list(_ values: [String]) -> String {
        values.count == 1 ? quote(values[0]) : "[" + values.map(quote).joined(separator: ", ") + "]"
    }
}

/// The bytes of a JSON text being written (`PolicyDocument.json`).
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1_024) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `PolicyDocument.quote(text)`, written in place when the text needs no escape.
    mutating func quote(_ text: String) {
        if text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            append(PolicyDocument.quote(text))
            return
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `PolicyDocument.list(values)`.
    mutating func list(_ values: [String]) {
        if values.count == 1 { quote(values[0]); return }
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { append(", ") }
            quote(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

extension PolicyStatement {
    /// The statement's members as `PolicyDocument.json` lays them out: six spaces of indent, one
    /// member per line.
    func writeMembers(into out: inout JSONBytes) {
        if let sid { out.append("      \"Sid\": "); out.quote(sid); out.append(",\n") }
        out.append("      \"Effect\": "); out.quote(effect.rawValue)
        if principal != nil || notPrincipal != nil || !condition.isEmpty {
            // Rare in the documents rendered here (tightened policies): the general path.
            let members = jsonMembers.dropFirst(sid == nil ? 1 : 2)
            for member in members { out.append(",\n      "); out.append(member) }
            return
        }
        out.append(action.isNegated ? ",\n      \"NotAction\": " : ",\n      \"Action\": ")
        out.list(action.patterns.map(\.text))
        if let resource {
            out.append(resource.isNegated ? ",\n      \"NotResource\": " : ",\n      \"Resource\": ")
            out.list(resource.patterns.map(\.text))
        }
    }

    var jsonMembers: [String] {
        var members: [String] = []
        if let sid { members.append("\"Sid\": \(PolicyDocument.quote(sid))") }
        members.append("\"Effect\": \(PolicyDocument.quote(effect.rawValue))")
        if let principal { members.append("\"Principal\": \(PolicyStatement.render(principal))") }
        if let notPrincipal { members.append("\"NotPrincipal\": \(PolicyStatement.render(notPrincipal))") }
        let actionKey = action.isNegated ? "NotAction" : "Action"
        members.append("\"\(actionKey)\": \(PolicyDocument.list(action.patterns.map(\.text)))")
        if let resource {
            let key = resource.isNegated ? "NotResource" : "Resource"
            members.append("\"\(key)\": \(PolicyDocument.list(resource.patterns.map(\.text)))")
        }
        if !condition.isEmpty {
            var operators: [(String, [(String, [String])])] = []
            for clause in condition.clauses {
                if let index = operators.firstIndex(where: { $0.0 == clause.op.text }) {
                    operators[index].1.append((clause.key, clause.values))
                } else {
                    operators.append((clause.op.text, [(clause.key, clause.values)]))
                }
            }
            let rendered = operators.map { op, keys in
                PolicyDocument.quote(op) + ": {" + keys.map { PolicyDocument.quote($0.0) + ": " + PolicyDocument.list($0.1) }.joined(separator: ", ") + "}"
            }
            members.append("\"Condition\": {" + rendered.joined(separator: ", ") + "}")
        }
        return members
    }

    static func render(_ principal: PolicyPrincipal) -> String {
        switch principal {
        case .everyone: return "\"*\""
        case let .entries(entries):
            var groups: [(String, [String])] = []
            for entry in entries {
                if let index = groups.firstIndex(where: { $0.0 == entry.kind.key }) {
                    groups[index].1.append(entry.value)
                } else {
                    groups.append((entry.kind.key, [entry.value]))
                }
            }
            return "{" + groups.map { PolicyDocument.quote($0.0) + ": " + PolicyDocument.list($0.1) }.joined(separator: ", ") + "}"
        }
    }
}
