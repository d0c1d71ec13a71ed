import Foundation

/// Literal substring search over UTF-8 bytes.
///
/// `String.contains(_:)` with a `String` argument resolves to Foundation's `range(of:)`, which
/// bridges to `NSString` and compares UTF-16 code units with Unicode equivalence: on a 2,000-file
/// scan the whole-file checks (template sniffing, the suppression marker) cost a fifth of the
/// parsing time. The needles here are ASCII, so a byte search finds the same places.
enum ByteSearch {
    /// True when `needle`'s UTF-8 bytes occur in `text`.
    static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in needle.withUTF8 { contains(haystack, $0) } }
    }

    /// True when `needle` occurs in `haystack` (`memchr` for the first byte, then `memcmp`).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count, let base = haystack.baseAddress, let pattern = needle.baseAddress else { return false }
        let last = base + (haystack.count - needle.count)
        var cursor = base
        while cursor <= last {
            guard let found = memchr(cursor, Int32(first), last - cursor + 1) else { return false }
            let candidate = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            if memcmp(candidate, pattern, needle.count) == 0 { return true }
            cursor = candidate + 1
        }
        return false
    }
}
