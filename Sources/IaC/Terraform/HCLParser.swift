/// A small HCL2 parser: bodies (attributes and blocks), comments (`#`, `//`, `/* */`), strings
/// with `${…}` interpolation, heredocs (`<<EOF`, `<<-EOF`), lists, objects, function calls,
/// traversals (`aws_iam_role.app.name`, `var.x[0]`), operators and conditionals. `for`
/// expressions and template directives are parsed (skipped) and evaluate as unknown.
///
/// Errors carry a line and column; nesting is bounded so hostile input cannot overflow the stack.
struct HCLParser {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    /// Inside `(`, `[` or `{` of an expression newlines are insignificant.
    private var bracketDepth = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    static func parse(_ text: String) throws(ParseError) -> HCLBody {
        var parser = HCLParser(text)
        let body = try parser.body(closing: false)
        return body
    }

    // MARK: Positions and errors

    private var column: Int {
        var count = 1
        var index = lineStart
        while index < offset && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    private func error(_ message: String) -> ParseError {
        ParseError("invalid HCL: \(message)", line: line, column: column)
    }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private func peek(_ distance: Int = 1) -> UInt8? {
        offset + distance < bytes.count ? bytes[offset + distance] : nil
    }

    private mutating func advance() {
        if offset < bytes.count, bytes[offset] == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        offset += 1
    }

    /// Skips spaces and comments; newlines too when `newlines` (or inside brackets).
    private mutating func skip(newlines: Bool) {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0D: advance()
            case 0x0A:
                guard newlines || bracketDepth > 0 else { return }
                advance()
            case UInt8(ascii: "#"):
                while let next = current, next != 0x0A { advance() }
            case UInt8(ascii: "/") where peek() == UInt8(ascii: "/"):
                while let next = current, next != 0x0A { advance() }
            case UInt8(ascii: "/") where peek() == UInt8(ascii: "*"):
                advance(); advance()
                while current != nil, !(current == UInt8(ascii: "*") && peek() == UInt8(ascii: "/")) { advance() }
                advance(); advance()
            default: return
            }
        }
    }

    private mutating func enter() throws(ParseError) {
        depth += 1
        if depth > maximumNestingDepth { throw error("nesting deeper than \(maximumNestingDepth) levels") }
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95 || byte >= 0x80
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 48 && byte <= 57) || byte == 45
    }

    private mutating func identifier() -> String? {
        guard let byte = current, Self.isIdentifierStart(byte) else { return nil }
        let start = offset
        while let next = current, Self.isIdentifierByte(next) { advance() }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    // MARK: Bodies

    private mutating func body(closing: Bool) throws(ParseError) -> HCLBody {
        try enter()
        defer { depth -= 1 }
        var result = HCLBody()
        while true {
            skip(newlines: true)
            guard let byte = current else {
                if closing { throw error("unexpected end of file: missing '}'") }
                return result
            }
            if byte == UInt8(ascii: "}") {
                guard closing else { throw error("unexpected '}'") }
                advance()
                return result
            }
            let startLine = line
            let startColumn = column
            guard let name = identifier() else { throw error("expected an attribute or block name") }
            skip(newlines: false)
            if current == UInt8(ascii: "=") && peek() != UInt8(ascii: "=") {
                advance()
                skip(newlines: false)
                let value = try expression()
                result.attributes.append(HCLAttribute(name: name, value: value, line: startLine, column: startColumn))
                skip(newlines: false)
                if let end = current, end != 0x0A, end != UInt8(ascii: "}") { throw error("expected a newline after the attribute") }
                continue
            }
            var labels: [String] = []
            while let next = current, next != UInt8(ascii: "{") {
                if next == UInt8(ascii: "\"") {
                    labels.append(try plainString())
                } else if let label = identifier() {
                    labels.append(label)
                } else {
                    throw error("expected a block label or '{'")
                }
                skip(newlines: false)
            }
            guard current == UInt8(ascii: "{") else { throw error("expected '{'") }
            advance()
            let inner = try self.body(closing: true)
            result.blocks.append(HCLBlock(type: name, labels: labels, body: inner, line: startLine, column: startColumn))
        }
    }

    /// A quoted label (no interpolation expected).
    private mutating func plainString() throws(ParseError) -> String {
        guard case .template(let parts, _, _) = try quotedTemplate() else { return "" }
        var text = ""
        for part in parts { if case .text(let piece) = part { text += piece } }
        return text
    }

    // MARK: Expressions

    private mutating func expression() throws(ParseError) -> HCLExpression {
        try enter()
        defer { depth -= 1 }
        let condition = try binary(precedence: 0)
        skip(newlines: false)
        if current == UInt8(ascii: "?") {
            advance()
            skip(newlines: true)
            let yes = try expression()
            skip(newlines: true)
            guard current == UInt8(ascii: ":") else { throw error("expected ':' in a conditional") }
            advance()
            skip(newlines: true)
            let no = try expression()
            return .conditional(condition, yes, no)
        }
        return condition
    }

    private static let operators: [[String]] = [["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]]

    private mutating func matchOperator(_ candidates: [String]) -> String? {
        for candidate in candidates {
            let utf8 = Array(candidate.utf8)
            guard offset + utf8.count <= bytes.count, Array(bytes[offset..<offset + utf8.count]) == utf8 else { continue }
            // `->`, `=>`, `/*`, `//` are not operators here.
            if candidate == "-", peek() == UInt8(ascii: ">") { continue }
            if candidate == "/", peek() == UInt8(ascii: "/") || peek() == UInt8(ascii: "*") { continue }
            if candidate == ">" || candidate == "<", peek() == UInt8(ascii: "=") { continue }
            for _ in utf8 { advance() }
            return candidate
        }
        return nil
    }

    private mutating func binary(precedence: Int) throws(ParseError) -> HCLExpression {
        guard precedence < Self.operators.count else { return try unary() }
        var left = try binary(precedence: precedence + 1)
        while true {
            skip(newlines: false)
            guard let op = matchOperator(Self.operators[precedence]) else { return left }
            skip(newlines: true)
            let right = try binary(precedence: precedence + 1)
            left = .binary(op, left, right)
        }
    }

    private mutating func unary() throws(ParseError) -> HCLExpression {
        skip(newlines: false)
        if current == UInt8(ascii: "!") || current == UInt8(ascii: "-") {
            let op = current == UInt8(ascii: "!") ? "!" : "-"
            advance()
            try enter()
            defer { depth -= 1 }
            return .unary(op, try unary())
        }
        return try postfix(try primary())
    }

    private mutating func steps() throws(ParseError) -> [HCLExpression.Step] {
        var steps: [HCLExpression.Step] = []
        while let byte = current {
            if byte == UInt8(ascii: "."), let next = peek() {
                if next == UInt8(ascii: "*") {
                    advance(); advance()
                    steps.append(.splat)
                    continue
                }
                if next >= 48 && next <= 57 {
                    advance()
                    let start = offset
                    while let digit = current, digit >= 48 && digit <= 57 { advance() }
                    steps.append(.index(.literal(.scalar(String(decoding: bytes[start..<offset], as: UTF8.self)))))
                    continue
                }
                guard Self.isIdentifierStart(next) else { return steps }
                advance()
                steps.append(.attribute(identifier() ?? ""))
            } else if byte == UInt8(ascii: "[") {
                advance()
                bracketDepth += 1
                skip(newlines: true)
                if current == UInt8(ascii: "*") {
                    advance()
                    steps.append(.splat)
                } else {
                    steps.append(.index(try expression()))
                }
                skip(newlines: true)
                bracketDepth -= 1
                guard current == UInt8(ascii: "]") else { throw error("expected ']'") }
                advance()
            } else {
                return steps
            }
        }
        return steps
    }

    private mutating func postfix(_ base: HCLExpression) throws(ParseError) -> HCLExpression {
        let more = try steps()
        if more.isEmpty { return base }
        if case .traversal(let root, let existing, let line, let column) = base {
            return .traversal(root: root, steps: existing + more, line: line, column: column)
        }
        return .postfix(base, more)
    }

    private mutating func primary() throws(ParseError) -> HCLExpression {
        skip(newlines: false)
        let startLine = line
        let startColumn = column
        guard let byte = current else { throw error("unexpected end of file in an expression") }
        switch byte {
        case UInt8(ascii: "\""):
            return try quotedTemplate()
        case UInt8(ascii: "<") where peek() == UInt8(ascii: "<"):
            return try heredoc()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = offset
            while let next = current, (next >= 48 && next <= 57) || next == UInt8(ascii: ".") || next == UInt8(ascii: "e")
                || next == UInt8(ascii: "E") || ((next == UInt8(ascii: "+") || next == UInt8(ascii: "-")) && (bytes[offset - 1] | 0x20) == UInt8(ascii: "e")) {
                advance()
            }
            return .literal(.scalar(String(decoding: bytes[start..<offset], as: UTF8.self), line: startLine, column: startColumn))
        case UInt8(ascii: "("):
            advance()
            bracketDepth += 1
            skip(newlines: true)
            let inner = try expression()
            skip(newlines: true)
            bracketDepth -= 1
            guard current == UInt8(ascii: ")") else { throw error("expected ')'") }
            advance()
            return inner
        case UInt8(ascii: "["):
            return try listOrFor(startLine, startColumn)
        case UInt8(ascii: "{"):
            return try objectOrFor(startLine, startColumn)
        default:
            guard let name = identifier() else { throw error("unexpected character in an expression") }
            switch name {
            case "true", "false": return .literal(.scalar(name, line: startLine, column: startColumn))
            case "null": return .literal(Node(.null, line: startLine, column: startColumn))
            default: break
            }
            if current == UInt8(ascii: "(") || (current == UInt8(ascii: ":") && peek() == UInt8(ascii: ":")) {
                var function = name
                while current == UInt8(ascii: ":") && peek() == UInt8(ascii: ":") {
                    advance(); advance()
                    function += "::" + (identifier() ?? "")
                }
                guard current == UInt8(ascii: "(") else { throw error("expected '(' after a function name") }
                advance()
                bracketDepth += 1
                var arguments: [HCLExpression] = []
                skip(newlines: true)
                while current != UInt8(ascii: ")") {
                    guard current != nil else { throw error("unterminated function call") }
                    arguments.append(try expression())
                    skip(newlines: true)
                    if current == UInt8(ascii: ".") && peek() == UInt8(ascii: ".") && bytes.count > offset + 2 && bytes[offset + 2] == UInt8(ascii: ".") {
                        advance(); advance(); advance()
                        skip(newlines: true)
                    }
                    if current == UInt8(ascii: ",") { advance(); skip(newlines: true) } else if current != UInt8(ascii: ")") {
                        throw error("expected ',' or ')' in a function call")
                    }
                }
                advance()
                bracketDepth -= 1
                return .call(name: function, arguments: arguments, line: startLine, column: startColumn)
            }
            return .traversal(root: name, steps: [], line: startLine, column: startColumn)
        }
    }

    /// True when the next word is `for` followed by a space (a for expression).
    private func startsWithFor() -> Bool {
        let word = Array("for".utf8)
        guard offset + 4 <= bytes.count, Array(bytes[offset..<offset + 3]) == word else { return false }
        let after = bytes[offset + 3]
        return after == 0x20 || after == 0x09 || after == 0x0A
    }

    /// Skips a balanced bracket group (used for `for` expressions), honouring strings.
    private mutating func skipBalanced(open: UInt8, close: UInt8) throws(ParseError) {
        var level = 0
        while let byte = current {
            if byte == UInt8(ascii: "\"") {
                _ = try quotedTemplate()
                continue
            }
            if byte == open { level += 1 }
            if byte == close {
                level -= 1
                if level == 0 { advance(); return }
            }
            advance()
        }
        throw error("unterminated bracket")
    }

    private mutating func listOrFor(_ startLine: Int, _ startColumn: Int) throws(ParseError) -> HCLExpression {
        let save = (offset, line, lineStart)
        advance()
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        skip(newlines: true)
        if startsWithFor() {
            (offset, line, lineStart) = save
            try skipBalanced(open: UInt8(ascii: "["), close: UInt8(ascii: "]"))
            return .unknown("for expression", line: startLine, column: startColumn)
        }
        var items: [HCLExpression] = []
        while current != UInt8(ascii: "]") {
            guard current != nil else { throw error("unterminated list") }
            items.append(try expression())
            skip(newlines: true)
            if current == UInt8(ascii: ",") { advance(); skip(newlines: true) } else if current != UInt8(ascii: "]") {
                throw error("expected ',' or ']' in a list")
            }
        }
        advance()
        return .list(items, line: startLine, column: startColumn)
    }

    private mutating func objectOrFor(_ startLine: Int, _ startColumn: Int) throws(ParseError) -> HCLExpression {
        let save = (offset, line, lineStart)
        advance()
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        skip(newlines: true)
        if startsWithFor() {
            (offset, line, lineStart) = save
            try skipBalanced(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"))
            return .unknown("for expression", line: startLine, column: startColumn)
        }
        var entries: [(key: HCLExpression, value: HCLExpression)] = []
        while current != UInt8(ascii: "}") {
            guard current != nil else { throw error("unterminated object") }
            var key = try expression()
            if case .traversal(let root, let steps, let line, let column) = key, steps.isEmpty {
                key = .literal(.scalar(root, line: line, column: column))
            }
            skip(newlines: true)
            guard current == UInt8(ascii: "=") || current == UInt8(ascii: ":") else { throw error("expected '=' or ':' in an object") }
            advance()
            skip(newlines: true)
            let value = try expression()
            entries.append((key, value))
            skip(newlines: true)
            if current == UInt8(ascii: ",") { advance(); skip(newlines: true) }
        }
        advance()
        return .object(entries, line: startLine, column: startColumn)
    }

    // MARK: Strings

    private mutating func quotedTemplate() throws(ParseError) -> HCLExpression {
        let startLine = line
        let startColumn = column
        advance()
        var parts: [HCLExpression.TemplatePart] = []
        var buffer: [UInt8] = []
        while true {
            guard let byte = current else { throw error("unterminated string") }
            if byte == 0x0A { throw error("newline in a quoted string") }
            if byte == UInt8(ascii: "\"") { advance(); break }
            if byte == UInt8(ascii: "\\") {
                advance()
                guard let escape = current else { throw error("unterminated string") }
                advance()
                switch escape {
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = escape == UInt8(ascii: "u") ? 4 : 8
                    var value: UInt32 = 0
                    for _ in 0..<count {
                        guard let digit = current, let hex = Self.hexValue(digit) else { break }
                        value = value << 4 | hex
                        advance()
                    }
                    buffer.append(contentsOf: Array(String(Unicode.Scalar(value) ?? "\u{FFFD}").utf8))
                default: buffer.append(escape)
                }
                continue
            }
            if (byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%")) && peek() == UInt8(ascii: "{") {
                if peek(2) == nil { throw error("unterminated interpolation") }
                if !buffer.isEmpty { parts.append(.text(String(decoding: buffer, as: UTF8.self))); buffer = [] }
                try interpolation(isDirective: byte == UInt8(ascii: "%"), into: &parts)
                continue
            }
            if (byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%")) && peek() == byte && peek(2) == UInt8(ascii: "{") {
                buffer.append(byte); buffer.append(UInt8(ascii: "{"))
                advance(); advance(); advance()
                continue
            }
            buffer.append(byte)
            advance()
        }
        if !buffer.isEmpty || parts.isEmpty { parts.append(.text(String(decoding: buffer, as: UTF8.self))) }
        return .template(parts, line: startLine, column: startColumn)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 48...57: return UInt32(byte - 48)
        case 65...70: return UInt32(byte - 55)
        case 97...102: return UInt32(byte - 87)
        default: return nil
        }
    }

    private mutating func interpolation(isDirective: Bool, into parts: inout [HCLExpression.TemplatePart]) throws(ParseError) {
        advance(); advance()
        if isDirective {
            while let byte = current, byte != UInt8(ascii: "}") { advance() }
            guard current != nil else { throw error("unterminated template directive") }
            advance()
            parts.append(.directive)
            return
        }
        bracketDepth += 1
        skip(newlines: true)
        if current == UInt8(ascii: "~") { advance() }
        let inner = try expression()
        skip(newlines: true)
        if current == UInt8(ascii: "~") { advance() }
        bracketDepth -= 1
        guard current == UInt8(ascii: "}") else { throw error("expected '}' to close an interpolation") }
        advance()
        parts.append(.interpolation(inner))
    }

    private mutating func heredoc() throws(ParseError) -> HCLExpression {
        let startLine = line
        let startColumn = column
        advance(); advance()
        let indented = current == UInt8(ascii: "-")
        if indented { advance() }
        guard let marker = identifier() else { throw error("expected a heredoc marker") }
        while let byte = current, byte != 0x0A { advance() }
        advance()
        var lines: [String] = []
        while true {
            guard current != nil else { throw error("unterminated heredoc (missing \(marker))") }
            let start = offset
            while let byte = current, byte != 0x0A { advance() }
            var text = String(decoding: bytes[start..<offset], as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            if text.trimmingCharactersInSpaces() == marker { break }
            lines.append(text)
            advance()
        }
        if indented {
            let indent = lines.filter { !$0.trimmingCharactersInSpaces().isEmpty }
                .map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
            lines = lines.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " || $0 == "\t" }.count))) }
        }
        let content = lines.map { $0 + "\n" }.joined()
        // Interpolations in the heredoc are parsed as a quoted template of the same text.
        var inner = HCLParser("\"" + content.replacingOccurrencesOfQuotes() + "\"")
        inner.line = startLine + 1
        if case .template(let parts, _, _) = try inner.quotedTemplate() {
            return .template(parts, line: startLine, column: startColumn)
        }
        return .literal(.scalar(content, line: startLine, column: startColumn))
    }
}

private extension String {
    func trimmingCharactersInSpaces() -> Substring {
        let start = drop { $0 == " " || $0 == "\t" }
        var end = start
        while let last = end.last, last == " " || last == "\t" { end = end.dropLast() }
        return end
    }

    /// Escapes quotes, backslashes and newlines so heredoc text parses as one quoted template.
    func replacingOccurrencesOfQuotes() -> String {
        var output = ""
        for character in self {
            switch character {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            default: output.append(character)
            }
        }
        return output
    }
}
