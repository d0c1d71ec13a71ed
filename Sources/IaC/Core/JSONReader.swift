/// A small JSON reader that keeps the line and column of every value.
///
/// Foundation's `JSONSerialization` drops positions, and findings must point at a line. The reader
/// works on UTF-8 bytes without intermediate allocations beyond the tree it builds, tolerates `//`
/// and `/* */` comments (JSON-ish configuration files carry them), refuses nesting deeper than
/// `maximumNestingDepth`, and reports the first error with its position instead of crashing.
struct JSONReader {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    /// Column counting is incremental: offsets only grow, and minified JSON is one very long line.
    private var columnOffset = 0
    private var columnValue = 1

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document.
    static func parse(_ text: String) throws(ParseError) -> Node {
        var reader = JSONReader(bytes: Array(text.utf8))
        return try reader.document()
    }

    static func parse(bytes: [UInt8]) throws(ParseError) -> Node {
        var reader = JSONReader(bytes: bytes)
        return try reader.document()
    }

    mutating func document() throws(ParseError) -> Node {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3; lineStart = 3 }
        skipSpace()
        let node = try value()
        skipSpace()
        if offset < bytes.count { throw error("unexpected content after the JSON value") }
        return node
    }

    /// The 1-based column of `offset`, counted in Unicode scalars.
    private var column: Int {
        mutating get {
            if columnOffset < lineStart { columnOffset = lineStart; columnValue = 1 }
            while columnOffset < offset && columnOffset < bytes.count {
                if bytes[columnOffset] & 0xC0 != 0x80 { columnValue += 1 }
                columnOffset += 1
            }
            return columnValue
        }
    }

    private mutating func error(_ message: String) -> ParseError {
        ParseError("invalid JSON: \(message)", line: line, column: column)
    }

    private mutating func skipSpace() {
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case 0x20, 0x09, 0x0D: offset += 1
            case 0x0A:
                offset += 1
                line += 1
                lineStart = offset
            case UInt8(ascii: "/") where offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "/"):
                while offset < bytes.count && bytes[offset] != 0x0A { offset += 1 }
            case UInt8(ascii: "/") where offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "*"):
                offset += 2
                while offset + 1 < bytes.count && !(bytes[offset] == UInt8(ascii: "*") && bytes[offset + 1] == UInt8(ascii: "/")) {
                    if bytes[offset] == 0x0A { line += 1; lineStart = offset + 1 }
                    offset += 1
                }
                offset = min(offset + 2, bytes.count)
            default: return
            }
        }
    }

    private mutating func value() throws(ParseError) -> Node {
        guard offset < bytes.count else { throw error("unexpected end of input") }
        let startLine = line
        let startColumn = column
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            return Node(.map(try object()), line: startLine, column: startColumn)
        case UInt8(ascii: "["):
            return Node(.list(try array()), line: startLine, column: startColumn)
        case UInt8(ascii: "\""):
            return Node(.scalar(try string()), line: startLine, column: startColumn)
        case UInt8(ascii: "t"):
            try literal("true")
            return Node(.scalar("true"), line: startLine, column: startColumn)
        case UInt8(ascii: "f"):
            try literal("false")
            return Node(.scalar("false"), line: startLine, column: startColumn)
        case UInt8(ascii: "n"):
            try literal("null")
            return Node(.null, line: startLine, column: startColumn)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return Node(.scalar(try number()), line: startLine, column: startColumn)
        default:
            throw error("unexpected character")
        }
    }

    private mutating func literal(_ word: String) throws(ParseError) {
        var index = offset
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw error("unexpected literal") }
            index += 1
        }
        offset = index
    }

    private mutating func number() throws(ParseError) -> String {
        let start = offset
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                offset += 1
            default:
                return String(decoding: bytes[start..<offset], as: UTF8.self)
            }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func enter() throws(ParseError) {
        depth += 1
        if depth > maximumNestingDepth { throw error("nesting deeper than \(maximumNestingDepth) levels") }
    }

    private mutating func object() throws(ParseError) -> [Node.Entry] {
        try enter()
        defer { depth -= 1 }
        offset += 1
        var entries: [Node.Entry] = []
        skipSpace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") { offset += 1; return entries }
        while true {
            skipSpace()
            guard offset < bytes.count else { throw error("unterminated object") }
            guard bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let keyLine = line
            let keyColumn = column
            let key = try string()
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            offset += 1
            skipSpace()
            let item = try value()
            entries.append(Node.Entry(key: key, keyLine: keyLine, keyColumn: keyColumn, value: item))
            skipSpace()
            guard offset < bytes.count else { throw error("unterminated object") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "}") { offset += 1; return entries }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func array() throws(ParseError) -> [Node] {
        try enter()
        defer { depth -= 1 }
        offset += 1
        var items: [Node] = []
        skipSpace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") { offset += 1; return items }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard offset < bytes.count else { throw error("unterminated array") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "]") { offset += 1; return items }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func string() throws(ParseError) -> String {
        offset += 1
        let start = offset
        // Fast path: no escapes.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start..<offset], as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte == 0x0A { throw error("newline in a string") }
            offset += 1
        }
        var buffer = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte == 0x0A { throw error("newline in a string") }
            if byte == UInt8(ascii: "\\") {
                offset += 1
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), offset + 1 < bytes.count,
                       bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                        offset += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    buffer.append(contentsOf: Array(String(character).utf8))
                default: buffer.append(escape)
                }
                continue
            }
            buffer.append(byte)
            offset += 1
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws(ParseError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var result: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            result = result << 4 | digit
            offset += 1
        }
        return result
    }
}
