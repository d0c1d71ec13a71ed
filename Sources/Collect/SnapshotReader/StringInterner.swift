import Foundation

/// Makes equal strings read from one document share one storage.
///
/// Why: a snapshot of 10,000 environments repeats the same few thousand texts millions of times
/// (option namespaces and names, default values, origins, ARN prefixes). Sharing them saves both
/// an allocation per occurrence while reading and hundreds of megabytes of memory afterwards.
/// Short strings (up to 15 UTF-8 bytes) are stored inline by Swift and need no sharing; very long
/// ones rarely repeat.
struct StringInterner {
    private var hashes: [UInt64]
    private var strings: [String?]
    private var used = 0
    static let shortLimit = 15
    static let longLimit = 256

    init(capacity: Int = 64) {
        hashes = [UInt64](repeating: 0, count: capacity)
        strings = [String?](repeating: nil, count: capacity)
    }

    /// The string for these UTF-8 bytes (already validated), shared with earlier equal ones.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > Self.shortLimit, bytes.count <= Self.longLimit else { return String(decoding: bytes, as: UTF8.self) }
        let hash = Self.hash(bytes)
        let mask = hashes.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let existing = strings[slot] {
            if hashes[slot] == hash, Self.equal(existing, bytes) { return existing }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        hashes[slot] = hash
        strings[slot] = string
        used += 1
        if used * 2 > hashes.count { grow() }
        return string
    }

    /// A multiplicative hash over eight bytes at a time (then the tail), mixed at the end.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var index = 0
        while index + 8 <= bytes.count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            index += 8
        }
        while index < bytes.count {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
            index += 1
        }
        hash ^= hash >> 32
        return hash &* 0xD6E8_FEB8_6659_FD93
    }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var string = string
        return string.withUTF8 { stored in
            stored.count == bytes.count && (stored.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, stored.count) == 0)
        }
    }

    private mutating func grow() {
        let oldHashes = hashes, oldStrings = strings
        hashes = [UInt64](repeating: 0, count: oldHashes.count * 2)
        strings = [String?](repeating: nil, count: oldHashes.count * 2)
        let mask = hashes.count - 1
        for (hash, string) in zip(oldHashes, oldStrings) {
            guard let string else { continue }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while strings[slot] != nil { slot = (slot + 1) & mask }
            hashes[slot] = hash
            strings[slot] = string
        }
    }
}
