import Foundation
import Inventory
import Secrets

/// Foundation's string search, replacement and trimming, on bytes when the text is ASCII.
///
/// Why: on Linux, Foundation answers `contains`, `replacingOccurrences` and `trimmingCharacters`
/// through CFString and UTF-16 copies; controls call them for every environment, property and
/// CloudTrail event, and together they cost more than most controls' logic. For ASCII text a
/// byte comparison finds exactly what Foundation finds; any other text takes Foundation's path.
enum FastText {
    private static func isASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isASCII) ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// No byte has its high bit set (eight bytes at a time).
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return true }
        var index = 0
        while index + 8 <= bytes.count {
            if base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Runs `body` on the UTF-8 bytes of `text`, in place when the string stores them contiguously.
    private static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// `haystack.contains(needle)` as Foundation answers it (an empty needle is never found).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        guard isASCII(haystack), isASCII(needle) else { return haystack.range(of: needle) != nil }
        return withBytes(haystack) { haystack in withBytes(needle) { needle in TextSearch.firstOffset(of: needle, in: haystack) != nil } }
    }

    /// The text after the first occurrence of `marker`, or nil (Foundation's `range(of:)`).
    static func suffix(after marker: String, in text: String) -> Substring? {
        guard isASCII(text), isASCII(marker) else { return text.range(of: marker).map { text[$0.upperBound...] } }
        guard let offset = withBytes(text, { text in withBytes(marker) { marker in TextSearch.firstOffset(of: marker, in: text) } }) else { return nil }
        return text[text.utf8.index(text.utf8.startIndex, offsetBy: offset + marker.utf8.count)...]
    }

    /// `text.replacingOccurrences(of: target, with: replacement)`.
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        guard !target.isEmpty, isASCII(text), isASCII(target) else { return text.replacingOccurrences(of: target, with: replacement) }
        return withBytes(text) { source in
            withBytes(target) { pattern in
                guard var match = TextSearch.firstOffset(of: pattern, in: source) else { return text }
                var output: [UInt8] = []
                output.reserveCapacity(source.count)
                var copied = 0
                while true {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<match]))
                    output.append(contentsOf: replacement.utf8)
                    copied = match + pattern.count
                    guard let next = TextSearch.firstOffset(of: pattern, in: source, from: copied) else { break }
                    match = next
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied...]))
                return String(decoding: output, as: UTF8.self)
            }
        }
    }

    /// `parts.joined()` in one allocation: evidence texts are built for every finding, and
    /// interpolating them piece by piece grew each string several times. The bytes are copied
    /// straight into the new string's storage (appending part by part also checked and updated the
    /// string's count, flags and uniqueness at every part).
    static func joined(_ parts: String...) -> String {
        var count = 0
        for part in parts { count += part.utf8.count }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            for part in parts {
                let utf8 = part.utf8
                let copied = utf8.withContiguousStorageIfAvailable { bytes in
                    if let source = bytes.baseAddress, let target = buffer.baseAddress { (target + offset).initialize(from: source, count: bytes.count) }
                    return bytes.count
                }
                if let copied {
                    offset += copied
                } else {
                    for byte in utf8 { buffer[offset] = byte; offset += 1 }
                }
            }
            return offset
        }
    }

    /// `text.trimmingCharacters(in: .whitespaces)`.
    static func trimmingWhitespace(_ text: Substring) -> String {
        guard isASCII(text) else { return text.trimmingCharacters(in: .whitespaces) }
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
              let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        return String(text[first...last])
    }

    /// `text.split(whereSeparator: { separators.contains($0) })` for ASCII separators: on bytes
    /// when the text is ASCII (then every byte is a character), else by characters.
    static func split(_ text: String, separators: ByteSet) -> [Substring] {
        guard isASCII(text) else {
            return text.split(whereSeparator: { character in character.utf8.count == 1 && separators.contains(character.utf8.first ?? 0) })
        }
        var tokens: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if separators.contains(utf8[index]) {
                if start != index { tokens.append(text[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != index { tokens.append(text[start..<index]) }
        return tokens
    }

    /// The items of a list (`"sg-1, sg-2,,sg-3"` → `["sg-1", "sg-2", "sg-3"]`): `split` at
    /// `separators`, each part trimmed of spaces and tabs, empty ones left out.
    ///
    /// One pass over the bytes when the text is ASCII, each item made straight from its trimmed
    /// bytes: list options (subnets, security groups) are read for every environment, and slicing
    /// the string into substrings first cost a character-boundary check per cut.
    static func items(_ text: String, separators: ByteSet) -> [String] {
        guard isASCII(text) else { return split(text, separators: separators).map(trimmingWhitespace).filter { !$0.isEmpty } }
        return withBytes(text) { bytes in
            var items: [String] = []
            var start = 0
            for end in 0...bytes.count where end == bytes.count || separators.contains(bytes[end]) {
                var first = start, last = end
                while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
                while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
                if first < last { items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self)) }
                start = end + 1
            }
            return items
        }
    }

    /// `KeyNames.isSensitive`, answered once per distinct key: every environment repeats the same
    /// property names.
    static func isSensitiveKey(_ key: String) -> Bool { sensitiveKeys.answer(key) { KeyNames.isSensitive(key) } }

    private static let sensitiveKeys = BoundedMemo<String, Bool>(capacity: 50_000)
}

/// A set of bytes as a 256-bit map: membership is a shift and a mask.
///
/// Why: splitting option values and connection strings tests every byte of them; a `Set<UInt8>`
/// hashes each byte to answer.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return word & (UInt64(1) << UInt64(byte & 63)) != 0
    }
}
