import Yams

/// Reads YAML into a positioned `Node` tree, keeping CloudFormation's short-form tags.
///
/// Yams' `load` drops tags such as `!Ref` (it would read `!Ref Bucket` as `"Bucket"`, silently
/// turning a reference into a literal), so the reader uses `compose` and rewrites every short-form
/// intrinsic into its long form: `!Ref X` → `{Ref: X}`, `!GetAtt A.B` → `{Fn::GetAtt: [A, B]}`,
/// `!Sub …` → `{Fn::Sub: …}`, `!Condition C` → `{Condition: C}`. The basic resolver is used (no
/// regular expressions per scalar): scalars stay text and only the null spellings become `null`.
enum YAMLReader {
    /// Parses the first YAML document of `text`.
    static func parse(_ text: String) throws(ParseError) -> Node {
        if let fast = try? FastYAMLReader.parse(text) { return fast }
        return try parseWithYams(text)
    }

    /// The full YAML language through Yams (the fallback of the fast reader, and its reference in tests).
    static func parseWithYams(_ text: String) throws(ParseError) -> Node {
        if let depth = flowNestingDepth(text), depth > maximumNestingDepth {
            throw ParseError("invalid YAML: nesting deeper than \(maximumNestingDepth) levels", line: nil, column: nil)
        }
        let composed: Yams.Node?
        do {
            composed = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw describe(error)
        } catch {
            throw ParseError("invalid YAML: \(error)")
        }
        guard let composed else { return Node(.null, line: 1, column: 1) }
        return convert(composed, depth: 0)
    }

    private static func describe(_ error: YamlError) -> ParseError {
        switch error {
        case .scanner(let context, let problem, let mark, _):
            return ParseError("invalid YAML: \(problem)\(context.map { " \($0.text)" } ?? "")", line: mark.line, column: mark.column)
        case .parser(let context, let problem, let mark, _):
            return ParseError("invalid YAML: \(problem)\(context.map { " \($0.text)" } ?? "")", line: mark.line, column: mark.column)
        case .composer(let context, let problem, let mark, _):
            return ParseError("invalid YAML: \(problem)\(context.map { " \($0.text)" } ?? "")", line: mark.line, column: mark.column)
        default:
            return ParseError("invalid YAML: \(error)")
        }
    }

    /// The deepest `[`/`{` flow nesting, counted cheaply before handing the text to the recursive composer.
    private static func flowNestingDepth(_ text: String) -> Int? {
        var depth = 0
        var deepest = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                depth += 1
                if depth > deepest { deepest = depth }
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                depth = max(0, depth - 1)
            }
        }
        return deepest
    }

    private static func convert(_ node: Yams.Node, depth: Int) -> Node {
        let line = node.mark?.line ?? 0
        let column = node.mark?.column ?? 0
        if depth > maximumNestingDepth { return Node(.null, line: line, column: column) }
        let tag = node.tag.description
        let plain: Node
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, isNullSpelling(scalar.string), !tag.hasPrefix("!") || tag == "!" {
                plain = Node(.null, line: line, column: column)
            } else {
                plain = Node(.scalar(scalar.string), line: line, column: column)
            }
        case .sequence(let sequence):
            var items: [Node] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(convert(item, depth: depth + 1)) }
            plain = Node(.list(items), line: line, column: column)
        case .mapping(let mapping):
            var entries: [Node.Entry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let keyText = key.scalar?.string ?? "\(key)"
                entries.append(Node.Entry(key: keyText, keyLine: key.mark?.line ?? line, keyColumn: key.mark?.column ?? column,
                                          value: convert(value, depth: depth + 1)))
            }
            plain = Node(.map(entries), line: line, column: column)
        case .alias:
            plain = Node(.null, line: line, column: column)
        }
        guard tag.hasPrefix("!"), !tag.hasPrefix("!!"), tag.count > 1 else { return plain }
        return intrinsic(tag: String(tag.dropFirst()), value: plain)
    }

    private static func isNullSpelling(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// Rewrites a short-form tag into the long form CloudFormation JSON uses.
    static func intrinsic(tag: String, value: Node) -> Node {
        var argument = value
        let key: String
        switch tag {
        case "Ref": key = "Ref"
        case "Condition": key = "Condition"
        case "GetAtt":
            key = "Fn::GetAtt"
            if let text = value.string, let dot = text.firstIndex(of: ".") {
                argument = Node(.list([
                    Node(.scalar(String(text[..<dot])), line: value.line, column: value.column),
                    Node(.scalar(String(text[text.index(after: dot)...])), line: value.line, column: value.column),
                ]), line: value.line, column: value.column)
            }
        default: key = "Fn::" + tag
        }
        if argument.isNull { argument = Node(.scalar(""), line: value.line, column: value.column) }
        return Node(.map([Node.Entry(key: key, keyLine: value.line, keyColumn: value.column, value: argument)]),
                    line: value.line, column: value.column)
    }
}
