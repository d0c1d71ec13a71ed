import Foundation

/// Values made from JSON values, found again by the exact bytes they were made from.
///
/// Why: an export repeats the same values across its files and records: every environment's
/// configuration file lists the same option objects (a fleet of 10,000 environments holds a
/// million option settings, some fifty thousand of them distinct), and roles repeat the same
/// policy documents. Mapping one again means finding its members, reading and sharing each text
/// and, for an option setting, asking the secret scanner. Equal bytes always map to an equal
/// value, so the value made the first time is handed out again (and equal values share their
/// strings).
///
/// Used by one thread at a time, like `StringInterner`. Bounded: when full, it starts over.
final class ByteSpanMemo<Value> {
    /// An open-addressing table in memory the memo owns: a slot is empty while its key's address
    /// is `nil`; its value is initialised only while its key is set.
    private let hashes: UnsafeMutablePointer<UInt64>
    private let keys: UnsafeMutablePointer<UnsafeMutableRawBufferPointer>
    private let values: UnsafeMutablePointer<Value>
    private let slots: Int
    private let limit: Int
    private var used = 0

    /// `limit`: how many values are kept before starting over.
    init(limit: Int = 1 << 15) {
        self.limit = max(1, limit)
        var slots = 2
        while slots < 2 * self.limit { slots *= 2 }
        self.slots = slots
        hashes = .allocate(capacity: slots)
        keys = .allocate(capacity: slots)
        keys.initialize(repeating: UnsafeMutableRawBufferPointer(start: nil, count: 0), count: slots)
        values = .allocate(capacity: slots)
    }

    deinit {
        empty()
        hashes.deallocate()
        keys.deallocate()
        values.deallocate()
    }

    /// How many values are kept now.
    var count: Int { used }

    /// The value made from `bytes` before, or `make()`'s, kept for the next equal bytes.
    func value(for bytes: UnsafeRawBufferPointer, make: () throws -> Value) rethrows -> Value {
        values[try slot(for: bytes, make: make)]
    }

    /// `body` over the value `value(for:make:)` answers, read where the memo keeps it (valid only
    /// during `body`).
    ///
    /// Why: a caller that puts the value into storage of its own (an option setting into the
    /// environment's list, where it is then given its origin) copies it once, not once out of the
    /// memo and again into its storage.
    func withValue<Result>(for bytes: UnsafeRawBufferPointer, make: () throws -> Value,
                           _ body: (UnsafePointer<Value>) throws -> Result) rethrows -> Result {
        try body(values + slot(for: bytes, make: make))
    }

    /// The slot holding the value made from `bytes`, made by `make()` and kept when there was none.
    @inline(__always)
    private func slot(for bytes: UnsafeRawBufferPointer, make: () throws -> Value) rethrows -> Int {
        let hash = ByteHash.of(bytes)
        let mask = slots - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let stored = keys[slot].baseAddress {
            if hashes[slot] == hash, keys[slot].count == bytes.count,
               bytes.isEmpty || memcmp(stored, bytes.baseAddress!, bytes.count) == 0 {
                return slot
            }
            slot = (slot + 1) & mask
        }
        let value = try make()
        if used >= limit {
            empty()
            slot = Int(truncatingIfNeeded: hash) & mask
        }
        let key = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        if !bytes.isEmpty { key.copyMemory(from: bytes) }
        hashes[slot] = hash
        keys[slot] = UnsafeMutableRawBufferPointer(start: key.baseAddress, count: bytes.count)
        (values + slot).initialize(to: value)
        used += 1
        return slot
    }

    /// Forgets every value.
    private func empty() {
        guard used > 0 else { return }
        for slot in 0..<slots where keys[slot].baseAddress != nil {
            keys[slot].deallocate()
            keys[slot] = UnsafeMutableRawBufferPointer(start: nil, count: 0)
            (values + slot).deinitialize(count: 1)
        }
        used = 0
    }
}
