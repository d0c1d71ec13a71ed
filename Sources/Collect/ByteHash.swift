/// A fast hash of a run of bytes, for the tables that find texts and values again by their bytes
/// (`StringInterner`, `ByteSpanMemo`).
///
/// Why not `Hasher`: these tables hash millions of short byte runs straight from a file's buffer;
/// a multiplicative hash over eight bytes at a time needs no `String` and no per-call seed. Not
/// for untrusted keys in long-lived tables: it is not keyed.
enum ByteHash {
    /// Eight bytes at a time, then the tail, mixed at the end.
    @inline(__always)
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var index = 0
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                hash = (hash ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
                hash ^= hash >> 29
                index += 8
            }
        }
        while index < bytes.count {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
            index += 1
        }
        hash ^= hash >> 32
        return hash &* 0xD6E8_FEB8_6659_FD93
    }
}
