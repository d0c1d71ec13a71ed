import Foundation

/// Byte-level pre-checks in front of Foundation's text search.
///
/// Why: the scanner asks whether every value holds `://`, a space or a PEM header, and
/// Foundation answers through `NSString` (bridging the value first): a tenth of the time spent
/// classifying an export's values. Foundation matches canonically equivalent text, but nothing
/// other than these very characters is equivalent to the needles used here (ASCII, and free of
/// the letters that have singleton equivalents, such as `K` and the Kelvin sign), so a value
/// whose bytes do not hold the needle cannot hold it; only the others are asked of Foundation.
enum TextSearch {
    /// `value.contains(needle)`, answered without Foundation when the bytes rule it out.
    static func contains(_ value: String, _ needle: StaticString) -> Bool {
        guard mayContain(value, needle) else { return false }
        return value.contains(String(describing: needle))
    }

    /// False only when the UTF-8 of `value` does not hold the bytes of `needle`.
    static func mayContain(_ value: String, _ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        let found = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard length > 0 else { return true }
            guard bytes.count >= length, let base = bytes.baseAddress else { return false }
            let first = Int32(needle.utf8Start.pointee), last = bytes.count - length
            var start = 0
            // Each occurrence of the first byte (found by `memchr`), compared whole.
            while start <= last, let hit = memchr(base + start, first, last - start + 1) {
                let position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if memcmp(base + position, needle.utf8Start, length) == 0 { return true }
                start = position + 1
            }
            return false
        }
        return found ?? true
    }
}
