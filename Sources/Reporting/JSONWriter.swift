/// A small streaming JSON writer: reports can hold hundreds of thousands of findings, and
/// `JSONEncoder`'s generic Codable path costs more than the audit itself at that size.
///
/// A writer can resume where another stopped (`containers`), so that parts of one document are
/// rendered separately — findings in parallel batches — and concatenated byte for byte into what a
/// single writer would have produced.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var indent = 0
    private let pretty: Bool
    private var needsComma: [Bool] = [false]

    init(pretty: Bool, capacity: Int = 1 << 16) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// A writer positioned inside open containers, outermost first: `true` for a container that
    /// already holds an item (the next one needs a comma).
    init(pretty: Bool, containers: [Bool], capacity: Int = 1 << 16) {
        self.init(pretty: pretty, capacity: capacity)
        needsComma = [true] + containers
        indent = containers.count
    }

    /// The open containers, in the form `init(pretty:containers:)` takes.
    var containers: [Bool] { Array(needsComma.dropFirst()) }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"key":` inside an object.
    mutating func key(_ name: String) {
        separator()
        string(name)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        pendingKey = true
    }

    mutating func value(_ text: String) { separator(); string(text) }
    mutating func value(_ number: Int) { separator(); bytes.append(contentsOf: String(number).utf8) }
    mutating func value(_ flag: Bool) { separator(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }

    mutating func field(_ name: String, _ text: String?) {
        guard let text else { return }
        key(name)
        value(text)
    }

    mutating func field(_ name: String, _ number: Int?) {
        guard let number else { return }
        key(name)
        value(number)
    }

    mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for item in strings { value(item) }
        endArray()
    }

    private var pendingKey = false

    private mutating func separator() {
        if pendingKey {
            pendingKey = false
            return
        }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if pretty && indent > 0 { newline() }
    }

    private mutating func open(_ byte: UInt8) {
        separator()
        bytes.append(byte)
        indent += 1
        needsComma.append(false)
    }

    private mutating func close(_ byte: UInt8) {
        let hadItems = needsComma.removeLast()
        indent -= 1
        if pretty && hadItems { newline() }
        bytes.append(byte)
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { bytes.append(contentsOf: [32, 32]) }
    }

    private mutating func string(_ text: String) {
        Self.appendString(text, to: &bytes)
    }

    /// A JSON string literal: quotes, and escapes for `"`, `\\` and control characters.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        appendContents(text, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON string literal's contents, without the quotes (see `appendString`).
    static func appendContents(_ text: String, to bytes: inout [UInt8]) {
        // Native strings are contiguous UTF-8: scan and copy them as one buffer, read in place
        // (no copy of the string, so no reference counting on strings every finding shares).
        func append(_ buffer: UnsafeBufferPointer<UInt8>) {
            if mayNeedEscape(buffer) { escaped(buffer, to: &bytes) } else { bytes.append(contentsOf: buffer) }
        }
        if text.utf8.withContiguousStorageIfAvailable(append) == nil {
            var text = text
            text.withUTF8(append)
        }
    }

    /// False when no byte is a quote, a backslash or a control character (eight bytes at a time;
    /// true may be a false alarm, then the escaping path copies the text as it is).
    private static func mayNeedEscape(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress.map(UnsafeRawPointer.init) else { return false }
        var index = 0
        while index + 8 <= buffer.count {
            if mayNeedEscape(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
            index += 8
        }
        while index < buffer.count {
            if needsEscape(buffer[index]) { return true }
            index += 1
        }
        return false
    }

    /// False when none of the word's eight bytes is a quote, a backslash or a control character
    /// (true may be a false alarm).
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        return (((word &- ones &* 0x20) & ~word) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs != 0
    }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The escape for a byte that `needsEscape`: `\"`, `\\`, `\n`, `\r`, `\t` or `\u00XX`, as
    /// its bytes in a word (first byte lowest) and how many of them there are.
    static func escape(_ byte: UInt8) -> (word: UInt64, length: Int) {
        let backslash = UInt64(92)
        switch byte {
        case UInt8(ascii: "\""): return (backslash | 34 << 8, 2)
        case UInt8(ascii: "\\"): return (backslash | 92 << 8, 2)
        case UInt8(ascii: "\n"): return (backslash | 110 << 8, 2)
        case UInt8(ascii: "\r"): return (backslash | 114 << 8, 2)
        case UInt8(ascii: "\t"): return (backslash | 116 << 8, 2)
        default:
            let digits = UInt64(hexDigit(byte >> 4)) << 32 | UInt64(hexDigit(byte & 0xF)) << 40
            return (backslash | 117 << 8 | 48 << 16 | 48 << 24 | digits, 6)
        }
    }

    /// The text with escapes; the runs between escaped bytes are copied whole (fixes carry
    /// multi-line `.ebextensions` snippets, so this path is common).
    private static func escaped(_ buffer: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var runStart = 0
        for index in 0..<buffer.count {
            let byte = buffer[index]
            guard needsEscape(byte) else { continue }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index])) }
            runStart = index + 1
            var (word, length) = escape(byte)
            for _ in 0..<length {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        if runStart < buffer.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart...])) }
    }

    /// `0123456789abcdef`.
    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 48 + value : 87 + value }
}
