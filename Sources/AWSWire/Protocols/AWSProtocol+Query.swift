import SigV4

/// Serialization of the Query and EC2 protocols: `Action`, `Version` and flattened parameters.
enum QuerySerializer {
    /// Flattens `parameters` (an object) into form pairs. Query lists become `Name.member.N`
    /// (an empty list becomes `Name=` as botocore sends it); EC2 lists become `Name.N`;
    /// nested objects become `Name.Field`; `null` is skipped. Keys are emitted sorted.
    static func pairs(action: String, version: String, parameters: JSONValue, ec2: Bool) -> [(String, String)] {
        var out: [(String, String)] = [("Action", action), ("Version", version)]
        if let object = parameters.object {
            for key in object.keys.sorted() { flatten(prefix: key, value: object[key]!, ec2: ec2, into: &out) }
        }
        return out
    }

    static func flatten(prefix: String, value: JSONValue, ec2: Bool, into out: inout [(String, String)]) {
        switch value {
        case .null: return
        case .bool(let b): out.append((prefix, b ? "true" : "false"))
        case .number: out.append((prefix, scalarText(value)))
        case .string(let s): out.append((prefix, s))
        case .array(let items):
            if items.isEmpty {
                if !ec2 { out.append((prefix, "")) }
                return
            }
            for (i, item) in items.enumerated() {
                flatten(prefix: ec2 ? "\(prefix).\(i + 1)" : "\(prefix).member.\(i + 1)", value: item, ec2: ec2, into: &out)
            }
        case .object(let o):
            for key in o.keys.sorted() { flatten(prefix: "\(prefix).\(key)", value: o[key]!, ec2: ec2, into: &out) }
        }
    }

    static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .number(let n): return n == n.rounded() && abs(n) < 9.0e15 ? String(Int64(n)) : String(n)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        default: return ""
        }
    }

    /// The form body `a=b&c=d`, AWS-percent-encoded.
    static func formBody(_ pairs: [(String, String)]) -> [UInt8] {
        Array(pairs.map { "\(SigV4Encoding.encode($0.0))=\(SigV4Encoding.encode($0.1))" }.joined(separator: "&").utf8)
    }
}
