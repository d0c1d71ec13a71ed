import Foundation

/// Byte-level text search, and pre-checks in front of Foundation's.
///
/// Why: the scanner asks whether every value holds `://`, a space or a PEM header, and
/// Foundation answers through `NSString` (bridging the value first): a tenth of the time spent
/// classifying an export's values. Foundation matches canonically equivalent text, but nothing
/// other than these very characters is equivalent to the needles used here (ASCII, and free of
/// the letters that have singleton equivalents, such as `K` and the Kelvin sign), so a value
/// whose bytes do not hold the needle cannot hold it; only the others are asked of Foundation.
public enum TextSearch {
    /// The byte offset of the first occurrence of `needle` in `haystack` at or after `start`, or
    /// nil (always nil for an empty needle). Bytes, not characters: callers that need Foundation's
    /// answer use it on ASCII text only, or as a pre-check.
    public static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let needleBase = needle.baseAddress, let first = needle.first, let base = haystack.baseAddress else { return nil }
        let last = haystack.count - needle.count
        var position = start
        // Each occurrence of the first byte (found by `memchr`), compared whole.
        while position <= last, let hit = memchr(base + position, Int32(first), last - position + 1) {
            let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, needleBase, needle.count) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }

    /// `value.contains(needle)`, answered without Foundation when the bytes rule it out.
    static func contains(_ value: String, _ needle: StaticString) -> Bool {
        guard mayContain(value, needle) else { return false }
        return value.contains(String(describing: needle))
    }

    /// `value.range(of: needle)` for a needle of the kind above: looked for in the bytes when
    /// `value` is ASCII (its bytes are then its characters and nothing else is equivalent), else
    /// asked of Foundation.
    ///
    /// Why: exports hold thousands of listener rule ARNs and URLs with credentials, each searched
    /// once; Foundation bridged every one to `NSString` to search it.
    public static func range(of needle: StaticString, in value: String) -> Range<String.Index>? {
        let length = needle.utf8CodeUnitCount
        // The needle's byte offset in an ASCII value (`.some(nil)`: not there); `nil` for any other value.
        let asciiOffset: Int?? = value.utf8.withContiguousStorageIfAvailable { bytes -> Int?? in
            guard length > 0, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return .some(firstOffset(of: UnsafeBufferPointer(start: needle.utf8Start, count: length), in: bytes))
        } ?? nil
        guard let asciiOffset else { return value.range(of: String(describing: needle)) }
        guard let offset = asciiOffset else { return nil }
        let start = value.utf8.index(value.utf8.startIndex, offsetBy: offset)
        return start..<value.utf8.index(start, offsetBy: length)
    }

    /// False only when the UTF-8 of `value` does not hold the bytes of `needle`.
    static func mayContain(_ value: String, _ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard length > 0 else { return true }
        let found = value.utf8.withContiguousStorageIfAvailable { bytes in
            firstOffset(of: UnsafeBufferPointer(start: needle.utf8Start, count: length), in: bytes) != nil
        }
        return found ?? true
    }
}
