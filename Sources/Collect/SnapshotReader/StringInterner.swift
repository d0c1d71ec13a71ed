import Foundation

/// Makes equal strings read from one document share one storage.
///
/// Why: a snapshot of 10,000 environments repeats the same few thousand texts millions of times
/// (option namespaces and names, default values, origins, ARN prefixes). Sharing them saves both
/// an allocation per occurrence while reading and hundreds of megabytes of memory afterwards.
/// Short strings (up to 15 UTF-8 bytes) are stored inline by Swift and need no sharing; very long
/// ones rarely repeat.
///
/// A class whose table lives in memory it owns: a reader keeps it in a constant and calls it for
/// every string, without the exclusivity checks a stored `var` costs on each call, and growing
/// moves the strings instead of copying (retaining and releasing) them.
final class StringInterner {
    /// An open-addressing table, a power of two slots, at most half used.
    ///
    /// A slot keeps a string beside its hash: a lookup reads one slot (one cache line) to learn
    /// whether it matches, where separate tables of hashes and strings cost two memory reads.
    private struct Slot: InternerSlot {
        var hash: UInt64
        var string: String?
        static var empty: Slot { Slot(hash: 0, string: nil) }
    }

    /// A text as written in a document, escapes and all, with the string it decodes to.
    private struct EscapedSlot: InternerSlot {
        var hash: UInt64
        /// The escaped form (the key).
        var string: String?
        var decoded: String
        static var empty: EscapedSlot { EscapedSlot(hash: 0, string: nil, decoded: "") }
    }

    private let table: UnsafeMutablePointer<Table<Slot>>
    /// Decoded texts by their escaped form: escaped texts repeat like any other (`JSONEncoder`
    /// writes every `/` as `\/`, so every ARN and path of a snapshot is escaped), and a repeat
    /// is then found without decoding it again.
    private let escapedTable: UnsafeMutablePointer<Table<EscapedSlot>>
    static let shortLimit = 15
    static let longLimit = 256

    /// `capacity` (slots) is rounded up to a power of two.
    init(capacity: Int = 1024) {
        var slots = 2
        while slots < capacity { slots *= 2 }
        table = .allocate(capacity: 1)
        table.initialize(to: Table(capacity: slots))
        escapedTable = .allocate(capacity: 1)
        escapedTable.initialize(to: Table(capacity: 64))
    }

    deinit {
        table.pointee.free()
        table.deinitialize(count: 1)
        table.deallocate()
        escapedTable.pointee.free()
        escapedTable.deinitialize(count: 1)
        escapedTable.deallocate()
    }

    /// The string for these UTF-8 bytes (already validated), shared with earlier equal ones.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > Self.shortLimit, bytes.count <= Self.longLimit else { return String(decoding: bytes, as: UTF8.self) }
        let hash = ByteHash.of(UnsafeRawBufferPointer(bytes))
        let (slot, found) = table.pointee.find(hash, bytes)
        if let found { return found.pointee.string.unsafelyUnwrapped }
        let string = String(decoding: bytes, as: UTF8.self)
        table.pointee.insert(Slot(hash: hash, string: string), at: slot)
        return string
    }

    /// The string an escaped text (validated UTF-8 with valid escapes) decodes to: `decode`
    /// makes it the first time these bytes are met, and the same string is returned for them
    /// from then on, without decoding them again.
    func string(escaped bytes: UnsafeBufferPointer<UInt8>,
                decode: (UnsafeBufferPointer<UInt8>) throws(FastReadUnsupported) -> String) throws(FastReadUnsupported) -> String {
        guard bytes.count > Self.shortLimit, bytes.count <= Self.longLimit else { return try decode(bytes) }
        let hash = ByteHash.of(UnsafeRawBufferPointer(bytes))
        let (slot, found) = escapedTable.pointee.find(hash, bytes)
        if let found { return found.pointee.decoded }
        let decoded = try decode(bytes)
        escapedTable.pointee.insert(EscapedSlot(hash: hash, string: String(decoding: bytes, as: UTF8.self), decoded: decoded), at: slot)
        return decoded
    }
}

/// A slot of an interner's table: empty while `string` is `nil`.
private protocol InternerSlot {
    var hash: UInt64 { get }
    var string: String? { get }
    static var empty: Self { get }
}

/// An open-addressing table of slots, a power of two of them, at most half used, in memory it
/// owns: growing moves the slots instead of copying (retaining and releasing) their strings.
private struct Table<Slot: InternerSlot> {
    var slots: UnsafeMutablePointer<Slot>
    var capacity: Int
    var used = 0

    init(capacity: Int) {
        self.capacity = capacity
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: .empty, count: capacity)
    }

    func free() {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    /// The slot holding these bytes, or the empty slot where they belong.
    @inline(__always)
    func find(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> (slot: Int, found: UnsafeMutablePointer<Slot>?) {
        let mask = capacity - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        // A slot is looked at by its hash first: only a likely match is read (and retained).
        while slots[slot].string != nil {
            if slots[slot].hash == hash, let existing = slots[slot].string, Self.equal(existing, bytes) { return (slot, slots + slot) }
            slot = (slot + 1) & mask
        }
        return (slot, nil)
    }

    /// Fills the empty slot `find` gave; grows the table when it is half used.
    mutating func insert(_ value: Slot, at slot: Int) {
        slots[slot] = value
        used += 1
        if used * 2 > capacity { grow() }
    }

    /// Compares in place: the table's strings are all native and contiguous, so no copy of the
    /// string (a retain and a release) is needed to reach its bytes.
    private static func equal(_ string: borrowing String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        string.utf8.count == bytes.count && string.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, stored.count) == 0
        } ?? string.utf8.elementsEqual(bytes)
    }

    /// Doubles the table, moving every slot to its new place.
    private mutating func grow() {
        var grown = Table(capacity: capacity * 2)
        grown.used = used
        let mask = grown.capacity - 1
        for position in 0..<capacity where slots[position].string != nil {
            var slot = Int(truncatingIfNeeded: slots[position].hash) & mask
            while grown.slots[slot].string != nil { slot = (slot + 1) & mask }
            swap(&grown.slots[slot], &slots[position])
        }
        free()
        self = grown
    }
}
