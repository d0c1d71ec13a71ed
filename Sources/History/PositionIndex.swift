/// An index from a key to the position in an array of the element that holds it, where the key is
/// never materialised: the caller gives a hash of it and a test of equality between positions.
///
/// Why: drift compares two fleet-sized runs (over half a million findings each). Keying a
/// dictionary by the findings' strings hashed every key with SipHash and compared them through
/// `String` on every probe, which was most of the comparison's time; here each key is hashed once
/// by the caller and strings are compared only when 32 bits of the hashes already agree.
struct PositionIndex {
    /// Open addressing, linear probing: `hash's high 32 bits << 32 | position + 1`, 0 when empty.
    private var slots: [UInt64]
    private let mask: Int

    /// Room for `count` keys at a load factor of at most one half.
    init(capacity count: Int) {
        var size = 16
        while size < count * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The slot holding a key equal to the one at `hash`, or the empty slot where it belongs.
    private func slot(for hash: UInt64, equals: (Int) -> Bool) -> (slot: Int, position: Int?) {
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            if entry >> 32 == tag, equals(Int(entry & 0xFFFF_FFFF) - 1) { return (slot, Int(entry & 0xFFFF_FFFF) - 1) }
            slot = (slot + 1) & mask
        }
    }

    /// The position of the element whose key equals the one hashed to `hash`, if any.
    ///
    /// - Parameter equals: whether the element at a candidate position has the key sought.
    func position(hash: UInt64, equals: (Int) -> Bool) -> Int? {
        slot(for: hash, equals: equals).position
    }

    /// Adds `position` under its key unless an equal key is present; then `replace` decides,
    /// given the position already there, whether `position` takes its place.
    ///
    /// - Returns: the position indexed under the key afterwards.
    @discardableResult
    mutating func insert(_ position: Int, hash: UInt64, equals: (Int) -> Bool, replace: (Int) -> Bool = { _ in false }) -> Int {
        precondition(position >= 0 && position < Int(UInt32.max), "position out of range")
        let found = slot(for: hash, equals: equals)
        if let existing = found.position, !replace(existing) { return existing }
        slots[found.slot] = (hash >> 32) << 32 | UInt64(position + 1)
        return position
    }
}

/// A 64-bit hash of a sequence of optional strings, read eight bytes at a time. `nil` and `""`
/// hash differently, and so do `["ab", "c"]` and `["a", "bc"]`.
struct KeyHasher {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func combine(_ text: String?) {
        guard var text else {
            mix(0xFF)
            return
        }
        text.withUTF8 { bytes in
            var index = 0
            if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
                while index + 8 <= bytes.count {
                    state = (state ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
                    state ^= state >> 29
                    index += 8
                }
            }
            while index < bytes.count {
                mix(UInt64(bytes[index]))
                index += 1
            }
        }
        // The length ends each string, so that no two splits of the same bytes collide by design.
        mix(0x100 | UInt64(text.utf8.count) << 9)
    }

    private mutating func mix(_ value: UInt64) {
        state = (state ^ value) &* 0x0000_0100_0000_01B3
    }

    /// The hash, its bits mixed so that both the low bits (the slot) and the high bits (the tag)
    /// depend on every byte.
    var value: UInt64 {
        var hash = state
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
