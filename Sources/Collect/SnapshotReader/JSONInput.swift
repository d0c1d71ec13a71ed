import Foundation
import Inventory

/// Why the fast snapshot reader gave up; `Snapshot` then reads the file with `JSONDecoder`, which
/// decides (and words any error) exactly as before.
struct FastReadUnsupported: Error {}

/// The bytes of one JSON document and the strict scanning primitives the fast snapshot reader is
/// built on.
///
/// Strict on purpose: anything `JSONDecoder` might treat differently (a syntax error anywhere,
/// invalid UTF-8, a lone surrogate, a number form other than a plain integer where an integer is
/// read, a duplicate key, deep nesting) throws `FastReadUnsupported`, so the reader either gives
/// exactly `JSONDecoder`'s result or hands the file to it.
///
/// Valid only inside the `withUnsafeBytes` call that made it.
final class JSONInput {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let interner: StringInterner
    static let maximumDepth = 200
    /// The most slots an interner's table grows to: it stays within the processor's caches.
    static let internerSlotLimit = 1 << 14
    /// The last origin the snapshot reader read here (see `RepeatedValue`).
    var lastOrigin: RepeatedValue<Origin>?
    /// The option setting rows of the last environment the snapshot reader read here (see
    /// `OptionSettings.rows`).
    var lastSettingRows = OptionSettings.SettingRows()

    /// `expectedStrings`: about how many different texts the reader will meet (the interner's
    /// starting size, so that it seldom grows; it is bounded, see `StringInterner`).
    init(_ buffer: UnsafeRawBufferPointer, expectedStrings: Int = 32) {
        interner = StringInterner(capacity: min(2 * expectedStrings, Self.internerSlotLimit), slotLimit: Self.internerSlotLimit)
        bytes = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = buffer.count
    }

    /// Shares texts through `interner` (with the other documents it reads on this thread).
    init(_ buffer: UnsafeRawBufferPointer, interner: StringInterner) {
        self.interner = interner
        bytes = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = buffer.count
    }

    @inline(__always) subscript(_ offset: Int) -> UInt8 { offset < count ? bytes[offset] : 0 }

    /// The offset of the first non-whitespace byte at or after `offset`.
    @inline(__always) func skipWhitespace(_ offset: Int) -> Int {
        var index = offset
        while index < count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { break }
            index += 1
        }
        return index
    }

    /// Expects `byte` at the next non-whitespace offset; returns the offset after it.
    @inline(__always) func expect(_ byte: UInt8, at offset: Int) throws(FastReadUnsupported) -> Int {
        let index = skipWhitespace(offset)
        guard index < count, bytes[index] == byte else { throw FastReadUnsupported() }
        return index + 1
    }

    // MARK: Skipping (with validation)

    /// The offset just after the value starting at `offset` (whitespace first is allowed).
    func skipValue(_ offset: Int, depth: Int = 0) throws(FastReadUnsupported) -> Int {
        let index = skipWhitespace(offset)
        guard index < count, depth < Self.maximumDepth else { throw FastReadUnsupported() }
        switch bytes[index] {
        case UInt8(ascii: "\""): return try stringEnd(index).end
        case UInt8(ascii: "{"):
            var cursor = skipWhitespace(index + 1)
            if cursor < count, bytes[cursor] == UInt8(ascii: "}") { return cursor + 1 }
            while true {
                guard cursor < count, bytes[cursor] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
                cursor = try expect(UInt8(ascii: ":"), at: try stringEnd(cursor).end)
                cursor = skipWhitespace(try skipValue(cursor, depth: depth + 1))
                guard cursor < count else { throw FastReadUnsupported() }
                if bytes[cursor] == UInt8(ascii: "}") { return cursor + 1 }
                guard bytes[cursor] == UInt8(ascii: ",") else { throw FastReadUnsupported() }
                cursor = skipWhitespace(cursor + 1)
            }
        case UInt8(ascii: "["):
            var cursor = skipWhitespace(index + 1)
            if cursor < count, bytes[cursor] == UInt8(ascii: "]") { return cursor + 1 }
            while true {
                cursor = skipWhitespace(try skipValue(cursor, depth: depth + 1))
                guard cursor < count else { throw FastReadUnsupported() }
                if bytes[cursor] == UInt8(ascii: "]") { return cursor + 1 }
                guard bytes[cursor] == UInt8(ascii: ",") else { throw FastReadUnsupported() }
                cursor += 1
            }
        case UInt8(ascii: "t"): return try literal(index, "true")
        case UInt8(ascii: "f"): return try literal(index, "false")
        case UInt8(ascii: "n"): return try literal(index, "null")
        default: return try numberEnd(index)
        }
    }

    // MARK: Skimming (no validation)

    /// The offset just after the value starting at `offset` (whitespace first is allowed), found
    /// by following only quotes, escapes and brackets; `nil` when the document ends first.
    ///
    /// Several times faster than `skipValue`, and right for any valid value, but it checks nothing:
    /// use it only where a strict reader then reads the same value and must end at the same offset
    /// (a damaged value either fails that reader or ends elsewhere).
    func skimValue(_ offset: Int) -> Int? {
        var index = skipWhitespace(offset)
        guard index < count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return skimString(index)
        case UInt8(ascii: "{"), UInt8(ascii: "["): break
        default:
            // A number or literal: up to the next delimiter.
            while index < count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return index
                default: index += 1
                }
            }
            return index
        }
        var depth = 0
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let end = skimString(index) else { return nil }
                index = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The offset after the string whose opening quote is at `offset`, eight bytes at a time.
    private func skimString(_ offset: Int) -> Int? {
        var index = offset + 1
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while index < count {
            if index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let quotes = ((quote &- ones) & ~quote) & highs
                let found = quotes | (((backslash &- ones) & ~backslash) & highs)
                if found == 0 { index += 8; continue }
                index += found.trailingZeroBitCount / 8
                // The lowest flagged byte is always a real quote or backslash, flagged as what it
                // is: no need to read it again.
                if quotes & found & (0 &- found) != 0 { return index + 1 }
                index += 2
                continue
            }
            switch bytes[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }

    func literal(_ offset: Int, _ word: StaticString) throws(FastReadUnsupported) -> Int {
        let length = word.utf8CodeUnitCount
        guard offset + length <= count, memcmp(bytes + offset, word.utf8Start, length) == 0 else { throw FastReadUnsupported() }
        return offset + length
    }

    /// True when the value at `offset` (after whitespace) is `null`.
    func isNull(_ offset: Int) -> Bool {
        let index = skipWhitespace(offset)
        return index + 4 <= count && memcmp(bytes + index, "null", 4) == 0
    }

    /// The end of a JSON number (strict grammar) starting at `offset`.
    func numberEnd(_ offset: Int) throws(FastReadUnsupported) -> Int {
        var index = offset
        if self[index] == UInt8(ascii: "-") { index += 1 }
        func digits() throws(FastReadUnsupported) {
            let start = index
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > start else { throw FastReadUnsupported() }
        }
        if self[index] == UInt8(ascii: "0") { index += 1 } else { try digits() }
        if self[index] == UInt8(ascii: ".") { index += 1; try digits() }
        if self[index] == UInt8(ascii: "e") || self[index] == UInt8(ascii: "E") {
            index += 1
            if self[index] == UInt8(ascii: "+") || self[index] == UInt8(ascii: "-") { index += 1 }
            try digits()
        }
        return index
    }

    /// Scans the string starting at the quote at `offset`: the offset after its closing quote,
    /// and whether it holds escapes. Validates escapes, control characters and UTF-8.
    @inline(__always) func stringEnd(_ offset: Int) throws(FastReadUnsupported) -> (end: Int, escaped: Bool) {
        let scan = try stringScan(offset)
        return (scan.end, scan.escaped)
    }

    /// `stringEnd`, telling also whether one of the escapes is a `\u` escape: only those can fail
    /// to decode (a lone surrogate), so only a string holding one needs `validateUnicodeEscapes`.
    func stringScan(_ offset: Int) throws(FastReadUnsupported) -> (end: Int, escaped: Bool, unicodeEscaped: Bool) {
        var index = offset + 1
        var escaped = false, unicodeEscaped = false
        while index < count {
            index = plainRunEnd(index)
            guard index < count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return (index + 1, escaped, unicodeEscaped) }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard index + 1 < count else { throw FastReadUnsupported() }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard index + 6 <= count else { throw FastReadUnsupported() }
                    for position in (index + 2)..<(index + 6) where Self.hexValue(bytes[position]) == nil { throw FastReadUnsupported() }
                    unicodeEscaped = true
                    index += 6
                default: throw FastReadUnsupported()
                }
                continue
            }
            if byte < 0x20 { throw FastReadUnsupported() }
            if byte >= 0x80 {
                index = try utf8SequenceEnd(index)
                continue
            }
            index += 1
        }
        throw FastReadUnsupported()
    }

    /// Skips eight bytes at a time while none is a quote, a backslash, a control character or
    /// non-ASCII (the common case of a string's content); returns the offset of the first such
    /// byte, or of the last few bytes when fewer than eight remain.
    @inline(__always) private func plainRunEnd(_ offset: Int) -> Int {
        var index = offset
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let special = (word | ((word &- ones &* 0x20) & ~word) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs
            // Each test flags its lowest match exactly (borrows only run upwards), so the lowest
            // flagged byte is the first special one: a short string ends in one step.
            if special != 0 { return index + special.trailingZeroBitCount / 8 }
            index += 8
        }
        return index
    }

    /// The end of the well-formed UTF-8 sequence starting at `offset` (no overlongs, surrogates or
    /// code points past U+10FFFF).
    private func utf8SequenceEnd(_ offset: Int) throws(FastReadUnsupported) -> Int {
        let lead = bytes[offset]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw FastReadUnsupported()
        }
        guard offset + length <= count else { throw FastReadUnsupported() }
        let second = bytes[offset + 1]
        guard second >= low, second <= high else { throw FastReadUnsupported() }
        for position in (offset + 2)..<(offset + length) where bytes[position] & 0xC0 != 0x80 { throw FastReadUnsupported() }
        return offset + length
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    // MARK: Values

    /// The string value starting at `offset` (after whitespace) and the offset after it.
    func string(_ offset: Int) throws(FastReadUnsupported) -> (value: String, end: Int) {
        let index = skipWhitespace(offset)
        guard index < count, bytes[index] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
        let (end, escaped) = try stringEnd(index)
        let content = UnsafeBufferPointer(start: bytes + index + 1, count: end - index - 2)
        return (escaped ? try unescape(content) : interner.string(content), end)
    }

    /// Decodes a string's escapes (already validated by `stringEnd`) and shares the result like
    /// any other string: escaped texts repeat too (`JSONEncoder` writes every `/` as `\/`, so
    /// every ARN and path is escaped).
    func unescape(_ content: UnsafeBufferPointer<UInt8>) throws(FastReadUnsupported) -> String {
        // The decoded text is never longer than its escaped form.
        let decoded = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, content.count)) { output -> String? in
            guard let length = Self.decodeEscapes(content, into: output) else { return nil }
            return interner.string(UnsafeBufferPointer(rebasing: output[..<length]))
        }
        guard let decoded else { throw FastReadUnsupported() }
        return decoded
    }

    /// Checks that the escapes of a string `stringEnd` scanned decode (no lone or mismatched
    /// surrogate) without making the string: for a reader that only needs to know the document is
    /// valid yet.
    ///
    /// Only a `\u` escape can fail to decode (`stringEnd` checked the others), so the escapes are
    /// looked over first, and the string is decoded only when one of them is a `\u`: an export's
    /// escaped strings are mostly documents held in a string, escaped quotes throughout.
    func validateEscapes(_ content: UnsafeBufferPointer<UInt8>) throws(FastReadUnsupported) {
        guard Self.holdsUnicodeEscape(content) else { return }
        try validateUnicodeEscapes(content)
    }

    /// Checks that the escapes of a string `stringScan` found a `\u` escape in decode.
    func validateUnicodeEscapes(_ content: UnsafeBufferPointer<UInt8>) throws(FastReadUnsupported) {
        let valid = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, content.count)) { Self.decodeEscapes(content, into: $0) != nil }
        guard valid else { throw FastReadUnsupported() }
    }

    /// Whether one of the escapes of `content` (each a backslash and at least one more byte, as
    /// `stringEnd` checked) is a `\u` escape.
    private static func holdsUnicodeEscape(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let source = content.baseAddress else { return false }
        var index = 0
        while index < content.count {
            index += backslashOffset(source + index, content.count - index)
            if index + 1 < content.count, content[index + 1] == UInt8(ascii: "u") { return true }
            // The escaped byte is skipped with its backslash (`\\` is one escape).
            index += 2
        }
        return false
    }

    /// The UTF-8 of `content` with its escapes decoded, in new storage the caller owns (`nil` for a
    /// lone or mismatched surrogate).
    func decodedBytes(_ content: UnsafeBufferPointer<UInt8>) -> UnsafeMutableRawBufferPointer? {
        let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, content.count))
        guard let length = Self.decodeEscapes(content, into: output) else {
            output.deallocate()
            return nil
        }
        return UnsafeMutableRawBufferPointer(start: output.baseAddress, count: length)
    }

    /// Writes the UTF-8 of `content` with its escapes decoded into `output`; the length written, or
    /// `nil` for a lone or mismatched surrogate.
    private static func decodeEscapes(_ content: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard let source = content.baseAddress, let target = output.baseAddress else { return 0 }
        var index = 0, length = 0
        while index < content.count {
            // The text up to the next escape, in one copy.
            let run = backslashOffset(source + index, content.count - index)
            if run > 0 {
                (target + length).update(from: source + index, count: run)
                length += run
                index += run
                continue
            }
            let kind = content[index + 1]
            index += 2
            var decoded = kind
            switch kind {
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex4(content, index)
                index += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    // A high surrogate must be followed by an escaped low one.
                    guard index + 6 <= content.count, content[index] == UInt8(ascii: "\\"), content[index + 1] == UInt8(ascii: "u") else { return nil }
                    let low = hex4(content, index + 2)
                    guard low >= 0xDC00 && low <= 0xDFFF else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    return nil
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                UTF8.encode(unicode) { unit in
                    output[length] = unit
                    length += 1
                }
                continue
            default: break
            }
            output[length] = decoded
            length += 1
        }
        return length
    }

    /// The offset of the first backslash in the `count` bytes at `start` (`count` when there is
    /// none), eight bytes at a time.
    ///
    /// Why not `memchr`: the escaped strings of an export are mostly documents held in a string,
    /// whose escapes (a quote's) are a few bytes apart; a call per escape cost more than the search.
    @inline(__always) private static func backslashOffset(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var index = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)) ^ (ones &* 0x5C)
            // The lowest flagged byte is exactly the first backslash (borrows only run upwards).
            let found = (word &- ones) & ~word & (ones &* 0x80)
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < count, start[index] != UInt8(ascii: "\\") { index += 1 }
        return index
    }

    private static func hex4(_ content: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { value, position in value << 4 | (hexValue(content[index + position]) ?? 0) }
    }

    /// A plain integer literal (`-?digits`, no fraction or exponent) that fits `Int`.
    func integer(_ offset: Int) throws(FastReadUnsupported) -> (value: Int, end: Int) {
        let index = skipWhitespace(offset)
        let end = try numberEnd(index)
        var position = index
        let negative = self[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard end - position <= 18 else { throw FastReadUnsupported() }
        var value = 0
        while position < end {
            let byte = bytes[position]
            guard byte >= 0x30, byte <= 0x39 else { throw FastReadUnsupported() }
            value = value * 10 + Int(byte - 0x30)
            position += 1
        }
        return (negative ? -value : value, end)
    }

    func bool(_ offset: Int) throws(FastReadUnsupported) -> (value: Bool, end: Int) {
        let index = skipWhitespace(offset)
        switch self[index] {
        case UInt8(ascii: "t"): return (true, try literal(index, "true"))
        case UInt8(ascii: "f"): return (false, try literal(index, "false"))
        default: throw FastReadUnsupported()
        }
    }

    /// A date as `JSONEncoder`'s `.iso8601` strategy writes it: `2026-11-20T12:00:00Z`, nothing else.
    func date(_ offset: Int) throws(FastReadUnsupported) -> (value: Date, end: Int) {
        let index = skipWhitespace(offset)
        guard index < count, bytes[index] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
        let (end, escaped) = try stringEnd(index)
        guard !escaped, end - index - 2 == 20 else { throw FastReadUnsupported() }
        let text = UnsafeBufferPointer(start: bytes + index + 1, count: 20)
        func number(_ start: Int, _ length: Int) throws(FastReadUnsupported) -> Int {
            var value = 0
            for position in start..<(start + length) {
                let byte = text[position]
                guard byte >= 0x30, byte <= 0x39 else { throw FastReadUnsupported() }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"), text[10] == UInt8(ascii: "T"), text[13] == UInt8(ascii: ":"),
              text[16] == UInt8(ascii: ":"), text[19] == UInt8(ascii: "Z") else { throw FastReadUnsupported() }
        let year = try number(0, 4), month = try number(5, 2), day = try number(8, 2)
        let hour = try number(11, 2), minute = try number(14, 2), second = try number(17, 2)
        // Foundation's Gregorian calendar switches to Julian dates before 1582: leave those to it.
        guard year >= 1600, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24, minute < 60, second < 60 else {
            throw FastReadUnsupported()
        }
        // Days from civil (proleptic Gregorian), Howard Hinnant's algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return (Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second)), end)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
