/// A fast reader for the YAML that CloudFormation templates and Elastic Beanstalk files are made
/// of: block mappings and sequences, flow collections, plain, quoted and block scalars, comments
/// and local tags (`!Ref`). It builds `Node`s directly from bytes, several times faster than
/// composing with Yams and converting.
///
/// It is a fast path only: on anything outside that subset (anchors, aliases, complex keys,
/// several documents, multi-line quoted scalars, duplicate keys, tabs in indentation) or on any
/// syntax error it throws `Unsupported`, and `YAMLReader` hands the text to Yams, which parses
/// the full language and reports real errors. A differential test checks both agree.
struct FastYAMLReader {
    struct Unsupported: Error {}

    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    static func parse(_ text: String) throws(Unsupported) -> Node {
        var reader = FastYAMLReader(text)
        return try reader.document()
    }

    // MARK: Low level

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }
    private func at(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
    private var column: Int {
        var count = 1
        var index = lineStart
        while index < offset { if bytes[index] & 0xC0 != 0x80 { count += 1 }; index += 1 }
        return count
    }
    private var indent: Int { offset - lineStart }

    private static func isSpace(_ byte: UInt8?) -> Bool { byte == 0x20 }
    private static func isBreakOrEnd(_ byte: UInt8?) -> Bool { byte == nil || byte == 0x0A || byte == 0x0D }
    private static func isBlankOrEnd(_ byte: UInt8?) -> Bool { byte == nil || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Separation inside a line: spaces and tabs.
    private mutating func skipSpaces() { while current == 0x20 || current == 0x09 { offset += 1 } }

    /// Indentation: spaces only (a tab there is left to Yams).
    private mutating func skipIndent() { while current == 0x20 { offset += 1 } }

    private mutating func newline() {
        if current == 0x0D { offset += 1 }
        if current == 0x0A { offset += 1 }
        line += 1
        lineStart = offset
    }

    /// Skips the rest of a line (spaces and an optional comment) and the line break.
    private mutating func endLine() throws(Unsupported) {
        skipSpaces()
        if current == UInt8(ascii: "#") { while !Self.isBreakOrEnd(current) { offset += 1 } }
        guard Self.isBreakOrEnd(current) else { throw Unsupported() }
        if current != nil { newline() }
    }

    /// Moves to the first content character of the next non-blank, non-comment line; returns its indent.
    private mutating func nextContent() throws(Unsupported) -> Int? {
        while true {
            skipIndent()
            if current == 0x09 { throw Unsupported() }
            if current == nil { return nil }
            if current == UInt8(ascii: "#") || Self.isBreakOrEnd(current) {
                while !Self.isBreakOrEnd(current) { offset += 1 }
                if current == nil { return nil }
                newline()
                continue
            }
            return indent
        }
    }

    private mutating func enter() throws(Unsupported) {
        depth += 1
        if depth > maximumNestingDepth { throw Unsupported() }
    }

    /// The plain scalars YAML reads as null; the length test spares four comparisons for nearly every scalar.
    private static func isNullSpelling(_ text: String) -> Bool {
        let count = text.utf8.count
        if count == 0 { return true }
        if count != 1 && count != 4 { return false }
        return text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// Local tags as CloudFormation writes them (`Ref`, `GetAtt`, `Sub`); anything else goes to Yams.
    private static func isSimpleTag(_ tag: String) -> Bool {
        !tag.isEmpty && tag.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 58 || $0 == 46 || $0 == 95 }
    }

    /// First characters that keep a line from being a plain `key:` (indicators and quotes).
    private static let keyIndicators = ByteSet("[]{},!&*|>'\"%@`#")
    /// First characters a block plain scalar cannot have.
    private static let plainBlockRefused = ByteSet("]},#")
    /// Indicators that cannot start a plain scalar when a blank follows them.
    private static let plainBlockIndicators = ByteSet("-?:")
    /// First characters of a flow mapping key the fast reader leaves to Yams.
    private static let flowKeyRefused = ByteSet("#,[]{}&*!|>%@`?")
    /// First characters of a flow value the fast reader leaves to Yams.
    private static let flowValueRefused = ByteSet("&*?|>%@`#,]}")

    // MARK: Structure

    /// YAML allows no control characters (other than tab and line breaks), nor C1 controls.
    private func hasForbiddenCharacters() -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var previous: UInt8 = 0
            for byte in buffer {
                // Printable ASCII, the bulk of any template, is always allowed.
                if byte >= 0x20 && byte < 0x7F { previous = byte; continue }
                if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return true }
                if byte == 0x7F { return true }
                if previous == 0xC2, byte >= 0x80, byte <= 0x9F, byte != 0x85 { return true }
                if previous == 0xEF, byte == 0xBF { return true } // U+FFFx specials, e.g. replacement characters
                previous = byte
            }
            return false
        }
    }

    private mutating func document() throws(Unsupported) -> Node {
        if hasForbiddenCharacters() { throw Unsupported() }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3; lineStart = 3 }
        guard let first = try nextContent() else { return Node(.null, line: 1, column: 1) }
        if current == UInt8(ascii: "%") { throw Unsupported() }
        if bytes[offset...].starts(with: Array("---".utf8)), Self.isBlankOrEnd(at(offset + 3)) {
            offset += 3
            skipSpaces()
            if !Self.isBreakOrEnd(current) && current != UInt8(ascii: "#") { throw Unsupported() }
            try endLine()
            guard let next = try nextContent() else { return Node(.null, line: line, column: 1) }
            let node = try block(indent: next, parentIndent: -1)
            try expectEnd()
            return node
        }
        let node = try block(indent: first, parentIndent: -1)
        try expectEnd()
        return node
    }

    private mutating func expectEnd() throws(Unsupported) {
        if try nextContent() != nil { throw Unsupported() }
    }

    /// A block node starting at the current position (first content of a line at `indent`).
    private mutating func block(indent: Int, parentIndent: Int) throws(Unsupported) -> Node {
        try enter()
        defer { depth -= 1 }
        guard indent > parentIndent else { throw Unsupported() }
        if current == UInt8(ascii: "-"), Self.isBlankOrEnd(at(offset + 1)) { return try sequence(indent: indent) }
        if isMappingKeyAhead() { return try mapping(indent: indent) }
        // A lone scalar or flow node on its own line.
        let node = try inlineValue(parentIndent: parentIndent)
        return node
    }

    /// True when the current line (from the current position) is `key:` followed by a blank.
    private func isMappingKeyAhead() -> Bool {
        var index = offset
        guard let first = at(index) else { return false }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            index += 1
            while let byte = at(index), byte != first, byte != 0x0A { index += byte == UInt8(ascii: "\\") && first == UInt8(ascii: "\"") ? 2 : 1 }
            guard at(index) == first else { return false }
            index += 1
            while at(index) == 0x20 { index += 1 }
            return at(index) == UInt8(ascii: ":") && Self.isBlankOrEnd(at(index + 1))
        }
        if Self.keyIndicators.contains(first) { return false }
        while let byte = at(index), byte != 0x0A, byte != 0x0D {
            if byte == UInt8(ascii: ":"), Self.isBlankOrEnd(at(index + 1)) { return true }
            if byte == UInt8(ascii: "#"), at(index - 1) == 0x20 { return false }
            index += 1
        }
        return false
    }

    private mutating func key() throws(Unsupported) -> String {
        if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
            let text = try quoted()
            skipSpaces()
            return text
        }
        if current == UInt8(ascii: "?") || current == UInt8(ascii: "&") || current == UInt8(ascii: "*") { throw Unsupported() }
        let start = offset
        while let byte = current, !(byte == UInt8(ascii: ":") && Self.isBlankOrEnd(at(offset + 1))) {
            if Self.isBreakOrEnd(byte) { throw Unsupported() }
            offset += 1
        }
        var end = offset
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        if text.isEmpty || text == "<<" { throw Unsupported() }
        return text
    }

    private mutating func mapping(indent: Int) throws(Unsupported) -> Node {
        let mapLine = line
        let mapColumn = column
        var entries: [Node.Entry] = []
        var keys = KeySet()
        while true {
            let keyLine = line
            let keyColumn = column
            let name = try key()
            guard current == UInt8(ascii: ":") else { throw Unsupported() }
            offset += 1
            guard keys.insert(name, entries) else { throw Unsupported() }
            let value = try valueAfterIndicator(parentIndent: indent, allowSequenceAtSameIndent: true)
            entries.append(Node.Entry(key: name, keyLine: keyLine, keyColumn: keyColumn, value: value))
            guard let next = try nextContent() else { break }
            if next < indent { break }
            if next > indent { throw Unsupported() }
            if current == UInt8(ascii: "-"), Self.isBlankOrEnd(at(offset + 1)) { break }
            guard isMappingKeyAhead() else { throw Unsupported() }
        }
        return Node(.map(entries), line: mapLine, column: mapColumn)
    }

    private mutating func sequence(indent: Int) throws(Unsupported) -> Node {
        let seqLine = line
        let seqColumn = column
        var items: [Node] = []
        while true {
            offset += 1 // "-"
            skipSpaces()
            if Self.isBreakOrEnd(current) || current == UInt8(ascii: "#") {
                try endLine()
                if let next = try nextContent(), next > indent {
                    items.append(try block(indent: next, parentIndent: indent))
                } else {
                    items.append(Node(.null, line: line, column: column))
                }
            } else if current == UInt8(ascii: "-"), Self.isBlankOrEnd(at(offset + 1)) {
                items.append(try sequence(indent: offset - lineStart))
            } else if isMappingKeyAhead() {
                items.append(try mapping(indent: offset - lineStart))
            } else {
                items.append(try inlineValue(parentIndent: indent))
            }
            guard let next = try nextContent() else { break }
            if next < indent { break }
            if next > indent { throw Unsupported() }
            guard current == UInt8(ascii: "-"), Self.isBlankOrEnd(at(offset + 1)) else { break }
        }
        return Node(.list(items), line: seqLine, column: seqColumn)
    }

    /// The value after `key:` — on the same line, or a block on the following lines.
    private mutating func valueAfterIndicator(parentIndent: Int, allowSequenceAtSameIndent: Bool) throws(Unsupported) -> Node {
        skipSpaces()
        if Self.isBreakOrEnd(current) || current == UInt8(ascii: "#") {
            let nullLine = line
            let nullColumn = column
            try endLine()
            let save = (offset, line, lineStart)
            if let next = try nextContent() {
                if next > parentIndent { return try block(indent: next, parentIndent: parentIndent) }
                if next == parentIndent, allowSequenceAtSameIndent, current == UInt8(ascii: "-"), Self.isBlankOrEnd(at(offset + 1)) {
                    return try sequence(indent: next)
                }
            }
            (offset, line, lineStart) = save
            return Node(.null, line: nullLine, column: nullColumn)
        }
        return try inlineValue(parentIndent: parentIndent)
    }

    /// A value starting on the current line: tag, flow collection, quoted, block or plain scalar.
    private mutating func inlineValue(parentIndent: Int) throws(Unsupported) -> Node {
        let valueLine = line
        let valueColumn = column
        if current == UInt8(ascii: "&") || current == UInt8(ascii: "*") || current == UInt8(ascii: "?") || current == UInt8(ascii: "%")
            || current == UInt8(ascii: "@") || current == UInt8(ascii: "`") {
            throw Unsupported()
        }
        if current == UInt8(ascii: "!") {
            let start = offset
            while !Self.isBlankOrEnd(current) { offset += 1 }
            let tag = String(decoding: bytes[(start + 1)..<offset], as: UTF8.self)
            if !Self.isSimpleTag(tag) { throw Unsupported() }
            skipSpaces()
            var value: Node
            if Self.isBreakOrEnd(current) || current == UInt8(ascii: "#") {
                value = try valueAfterIndicator(parentIndent: parentIndent, allowSequenceAtSameIndent: false)
                if value.isNull { value = Node(.scalar(""), line: valueLine, column: valueColumn) }
            } else {
                value = try inlineValue(parentIndent: parentIndent)
            }
            return YAMLReader.intrinsic(tag: tag, value: Node(value.kind, line: valueLine, column: valueColumn))
        }
        if current == UInt8(ascii: "[") || current == UInt8(ascii: "{") {
            let node = try flow()
            try endLine()
            return node
        }
        if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
            let text = try quoted()
            try endLine()
            return Node(.scalar(text), line: valueLine, column: valueColumn)
        }
        if current == UInt8(ascii: "|") || current == UInt8(ascii: ">") {
            return Node(.scalar(try blockScalar(parentIndent: parentIndent)), line: valueLine, column: valueColumn)
        }
        // Plain scalar, possibly continued on more-indented lines; it cannot start with an indicator.
        if let first = current, Self.plainBlockRefused.contains(first) { throw Unsupported() }
        if let first = current, Self.plainBlockIndicators.contains(first), Self.isBlankOrEnd(at(offset + 1)) { throw Unsupported() }
        var text = try plainRest(flow: false)
        try endLine()
        while true {
            let save = (offset, line, lineStart)
            guard let next = try nextContent(), next > parentIndent, !isMappingKeyAhead(),
                  !(current == UInt8(ascii: "-") && Self.isBlankOrEnd(at(offset + 1))) else {
                (offset, line, lineStart) = save
                break
            }
            if line != save.1 { throw Unsupported() } // blank or comment lines inside a plain scalar
            text += " " + (try plainRest(flow: false))
            try endLine()
        }
        if Self.isNullSpelling(text) {
            return Node(.null, line: valueLine, column: valueColumn)
        }
        return Node(.scalar(text), line: valueLine, column: valueColumn)
    }

    /// A plain scalar up to a comment, the end of line, or (in flow context) a flow indicator.
    /// In block context `: ` cannot appear inside it (YAML reads a mapping there): left to Yams.
    private mutating func plainRest(flow: Bool) throws(Unsupported) -> String {
        let start = offset
        while let byte = current, !Self.isBreakOrEnd(byte) {
            if byte == UInt8(ascii: "#"), offset > start, bytes[offset - 1] == 0x20 || bytes[offset - 1] == 0x09 { break }
            if !flow, byte == UInt8(ascii: ":"), Self.isBlankOrEnd(at(offset + 1)) { throw Unsupported() }
            if flow {
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { break }
                if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { throw Unsupported() }
                if byte == UInt8(ascii: ":"), Self.isBlankOrEnd(at(offset + 1)) || at(offset + 1) == UInt8(ascii: ",") { break }
            }
            offset += 1
        }
        var end = offset
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func quoted() throws(Unsupported) -> String {
        let quote = current!
        offset += 1
        var buffer: [UInt8] = []
        while let byte = current {
            if Self.isBreakOrEnd(byte) { throw Unsupported() }
            if byte == quote {
                if quote == UInt8(ascii: "'"), at(offset + 1) == quote { buffer.append(quote); offset += 2; continue }
                offset += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                guard let escape = at(offset + 1) else { throw Unsupported() }
                offset += 2
                switch escape {
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "0"): buffer.append(0)
                default: throw Unsupported()
                }
                continue
            }
            buffer.append(byte)
            offset += 1
        }
        throw Unsupported()
    }

    private mutating func blockScalar(parentIndent: Int) throws(Unsupported) -> String {
        let folded = current == UInt8(ascii: ">")
        offset += 1
        var chomp: UInt8 = 0
        while let byte = current, !Self.isBlankOrEnd(byte) {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") { chomp = byte } else { throw Unsupported() }
            offset += 1
        }
        try endLine()
        var lines: [ArraySlice<UInt8>] = []
        var contentIndent: Int?
        var lastContentHadBreak = true
        while current != nil {
            let start = offset
            var spaces = 0
            while at(start + spaces) == 0x20 { spaces += 1 }
            var end = start + spaces
            while !Self.isBreakOrEnd(at(end)) { end += 1 }
            let blank = end == start + spaces
            if !blank {
                if contentIndent == nil {
                    guard spaces > parentIndent else { break }
                    contentIndent = spaces
                }
                guard let contentIndent, spaces >= contentIndent else { break }
                if at(start + spaces) == 0x09 && spaces == contentIndent { throw Unsupported() }
                lines.append(bytes[(start + contentIndent)..<end])
                lastContentHadBreak = at(end) != nil
            } else {
                lines.append([])
            }
            offset = end
            lineStart = start
            if current == nil { break }
            newline()
        }
        // Trailing blank lines belong to chomping.
        var trailing = 0
        while let last = lines.last, last.isEmpty { lines.removeLast(); trailing += 1 }
        var output: [UInt8] = []
        for (index, piece) in lines.enumerated() {
            if index > 0 {
                if folded, !piece.isEmpty, !lines[index - 1].isEmpty, piece.first != 0x20, lines[index - 1].first != 0x20 {
                    output.append(0x20)
                } else if folded, piece.isEmpty || lines[index - 1].isEmpty {
                    if piece.isEmpty { output.append(0x0A) }
                    if !piece.isEmpty && lines[index - 1].isEmpty { /* the blank line already gave the newline */ }
                } else {
                    if folded { throw Unsupported() }
                    output.append(0x0A)
                }
            }
            output += piece
        }
        if folded, lines.contains(where: { $0.first == 0x20 }) { throw Unsupported() }
        if !lines.isEmpty {
            switch chomp {
            case UInt8(ascii: "-"): break
            case UInt8(ascii: "+"): output += [UInt8](repeating: 0x0A, count: trailing + (lastContentHadBreak ? 1 : 0))
            default: if lastContentHadBreak { output.append(0x0A) }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: Flow collections

    private mutating func skipFlowSpace() throws(Unsupported) {
        while let byte = current {
            if byte == 0x20 { offset += 1 } else if byte == 0x0A || byte == 0x0D { newline() } else if byte == UInt8(ascii: "#"), offset > 0, bytes[offset - 1] == 0x20 || bytes[offset - 1] == 0x0A {
                while !Self.isBreakOrEnd(current) { offset += 1 }
            } else if byte == 0x09 { throw Unsupported() } else { return }
        }
    }

    private mutating func flow() throws(Unsupported) -> Node {
        try enter()
        defer { depth -= 1 }
        let startLine = line
        let startColumn = column
        let open = current!
        offset += 1
        let close = open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
        var items: [Node] = []
        var entries: [Node.Entry] = []
        var keys = KeySet()
        while true {
            try skipFlowSpace()
            guard let byte = current else { throw Unsupported() }
            if byte == close { offset += 1; break }
            if open == UInt8(ascii: "{") {
                let keyLine = line
                let keyColumn = column
                let name: String
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    name = try quoted()
                } else {
                    if Self.flowKeyRefused.contains(byte) { throw Unsupported() }
                    name = try plainRest(flow: true)
                }
                guard keys.insert(name, entries), !name.isEmpty else { throw Unsupported() }
                try skipFlowSpace()
                guard current == UInt8(ascii: ":") else { throw Unsupported() }
                offset += 1
                try skipFlowSpace()
                let value = (current == UInt8(ascii: ",") || current == close) ? Node(.null, line: line, column: column) : try flowValue()
                entries.append(Node.Entry(key: name, keyLine: keyLine, keyColumn: keyColumn, value: value))
            } else {
                if isFlowPairAhead() { throw Unsupported() }
                items.append(try flowValue())
            }
            try skipFlowSpace()
            if current == UInt8(ascii: ",") { offset += 1; continue }
            guard current == close else { throw Unsupported() }
            offset += 1
            break
        }
        return open == UInt8(ascii: "[") ? Node(.list(items), line: startLine, column: startColumn)
            : Node(.map(entries), line: startLine, column: startColumn)
    }

    /// `[a: b]` (a single-pair mapping inside a sequence) is left to Yams.
    private func isFlowPairAhead() -> Bool {
        var index = offset
        while let byte = at(index), byte != UInt8(ascii: ","), byte != UInt8(ascii: "]"), byte != 0x0A, byte != UInt8(ascii: "["), byte != UInt8(ascii: "{") {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return false }
            if byte == UInt8(ascii: ":"), Self.isBlankOrEnd(at(index + 1)) || at(index + 1) == UInt8(ascii: ",") { return true }
            index += 1
        }
        return false
    }

    private mutating func flowValue() throws(Unsupported) -> Node {
        let valueLine = line
        let valueColumn = column
        guard let byte = current else { throw Unsupported() }
        if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { return try flow() }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return Node(.scalar(try quoted()), line: valueLine, column: valueColumn) }
        if byte == UInt8(ascii: "!") {
            let start = offset
            while !Self.isBlankOrEnd(current), current != UInt8(ascii: ","), current != UInt8(ascii: "]"), current != UInt8(ascii: "}") { offset += 1 }
            let tag = String(decoding: bytes[(start + 1)..<offset], as: UTF8.self)
            if !Self.isSimpleTag(tag) { throw Unsupported() }
            skipSpaces()
            let value: Node
            if current == UInt8(ascii: ",") || current == UInt8(ascii: "]") || current == UInt8(ascii: "}") {
                value = Node(.scalar(""), line: valueLine, column: valueColumn)
            } else {
                value = try flowValue()
            }
            return YAMLReader.intrinsic(tag: tag, value: Node(value.kind, line: valueLine, column: valueColumn))
        }
        if Self.flowValueRefused.contains(byte) { throw Unsupported() }
        let text = try plainRest(flow: true)
        if Self.isBreakOrEnd(current) { throw Unsupported() } // multi-line plain scalar in flow
        if Self.isNullSpelling(text) { return Node(.null, line: valueLine, column: valueColumn) }
        return Node(.scalar(text), line: valueLine, column: valueColumn)
    }
}

/// A set of ASCII bytes as a 128-bit mask: membership is one shift and test, where
/// `String.UTF8View.contains` walks the string for every byte read.
struct ByteSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ members: String) {
        for byte in members.utf8 where byte < 128 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
        return false
    }
}

/// The keys of one mapping being read, to refuse duplicates. Most mappings have a handful of
/// keys: those are compared with the entries already read, and a hash set is built only for
/// large mappings.
struct KeySet {
    private var large: Set<String>?
    private static let linearLimit = 12

    /// Records `name`; false when `entries` (the mapping's entries so far) already has it.
    mutating func insert(_ name: String, _ entries: [Node.Entry]) -> Bool {
        if large == nil {
            if entries.count < Self.linearLimit {
                for entry in entries where entry.key == name { return false }
                return true
            }
            large = Set(entries.map(\.key))
        }
        return large!.insert(name).inserted
    }
}
