import Foundation

/// Makes equal strings read from one document share one storage.
///
/// Why: a snapshot of 10,000 environments repeats the same few thousand texts millions of times
/// (option namespaces and names, default values, origins, ARN prefixes). Sharing them saves both
/// an allocation per occurrence while reading and hundreds of megabytes of memory afterwards.
/// Short strings (up to 15 UTF-8 bytes) are stored inline by Swift and need no sharing; very long
/// ones rarely repeat.
///
/// Optionally bounded: a table that outgrows the processor's caches costs a cache miss on nearly
/// every lookup, and a reader of many documents meets hundreds of thousands of texts (ids, ARNs)
/// only once. A bounded interner starts over when full: the texts that repeat are met again
/// (and shared again) soon after; the strings already handed out stay valid.
///
/// A class whose table lives in memory it owns: a reader keeps it in a constant and calls it for
/// every string, without the exclusivity checks a stored `var` costs on each call, and growing
/// moves the strings instead of copying (retaining and releasing) them.
final class StringInterner {
    /// An open-addressing table, a power of two slots, at most half used.
    ///
    /// A slot keeps a string beside its hash: a lookup reads one slot (one cache line) to learn
    /// whether it matches, where separate tables of hashes and strings cost two memory reads.
    private struct Slot {
        var hash: UInt64
        var string: String?
    }

    private struct Table {
        var slots: UnsafeMutablePointer<Slot>
        var capacity: Int
        var used = 0

        init(capacity: Int) {
            self.capacity = capacity
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: Slot(hash: 0, string: nil), count: capacity)
        }

        func free() {
            slots.deinitialize(count: capacity)
            slots.deallocate()
        }
    }

    private let table: UnsafeMutablePointer<Table>
    /// The most slots the table grows to; when that many are half used, it starts over.
    private let slotLimit: Int
    static let shortLimit = 15
    static let longLimit = 256

    /// `capacity` (slots) is rounded up to a power of two; so is `slotLimit`, when given (at
    /// least `capacity`): without it the table grows as long as texts come.
    init(capacity: Int = 1024, slotLimit: Int? = nil) {
        var slots = 2
        while slots < capacity { slots *= 2 }
        var limit = slots
        if let slotLimit {
            while limit < slotLimit { limit *= 2 }
        } else {
            limit = Int.max
        }
        self.slotLimit = limit
        table = .allocate(capacity: 1)
        table.initialize(to: Table(capacity: slots))
    }

    deinit {
        table.pointee.free()
        table.deinitialize(count: 1)
        table.deallocate()
    }

    /// The string for these UTF-8 bytes (already validated), shared with earlier equal ones.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > Self.shortLimit, bytes.count <= Self.longLimit else { return String(decoding: bytes, as: UTF8.self) }
        let hash = ByteHash.of(UnsafeRawBufferPointer(bytes))
        let mask = table.pointee.capacity - 1
        let slots = table.pointee.slots
        var slot = Int(truncatingIfNeeded: hash) & mask
        // A slot is looked at by its hash first: only a likely match is read (and retained).
        while slots[slot].string != nil {
            if slots[slot].hash == hash, let existing = slots[slot].string, Self.equal(existing, bytes) { return existing }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if (table.pointee.used + 1) * 2 > table.pointee.capacity {
            // Made room for first, so that the new text is kept either way.
            if table.pointee.capacity < slotLimit { grow() } else { empty() }
            place(string, hash: hash)
        } else {
            slots[slot] = Slot(hash: hash, string: string)
        }
        table.pointee.used += 1
        return string
    }

    /// Compares in place: the table's strings are all native and contiguous, so no copy of the
    /// string (a retain and a release) is needed to reach its bytes.
    private static func equal(_ string: borrowing String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        string.utf8.count == bytes.count && string.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, stored.count) == 0
        } ?? string.utf8.elementsEqual(bytes)
    }

    /// Puts `string` into the first free slot from its hash on (not counted in `used`).
    private func place(_ string: String, hash: UInt64) {
        let mask = table.pointee.capacity - 1
        let slots = table.pointee.slots
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].string != nil { slot = (slot + 1) & mask }
        slots[slot] = Slot(hash: hash, string: string)
    }

    /// Forgets every text (the strings handed out keep their storage).
    private func empty() {
        let capacity = table.pointee.capacity
        table.pointee.free()
        table.pointee = Table(capacity: capacity)
    }

    /// Doubles the table, moving every string to its new slot.
    private func grow() {
        let old = table.pointee
        var grown = Table(capacity: old.capacity * 2)
        grown.used = old.used
        let mask = grown.capacity - 1
        for position in 0..<old.capacity where old.slots[position].string != nil {
            var slot = Int(truncatingIfNeeded: old.slots[position].hash) & mask
            while grown.slots[slot].string != nil { slot = (slot + 1) & mask }
            swap(&grown.slots[slot], &old.slots[position])
        }
        old.free()
        table.pointee = grown
    }
}
