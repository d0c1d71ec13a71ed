import Foundation

/// A value the fast snapshot reader reads straight from the bytes.
///
/// Why: reading a snapshot of 10,000 environments with `JSONDecoder` took 7 s of a 19 s audit
/// (its generic `Codable` path builds a tree of the whole document, then a container and a
/// dynamic call per field). Each model type declares its fields once (`SnapshotObject`), in the
/// same form `JSONEncoder` wrote them; anything else in the file makes the reader give up
/// (`FastReadUnsupported`) and `JSONDecoder` read it as before.
protocol SnapshotReadable: SendableMetatype {
    /// Reads the value at `offset` (whitespace first is allowed); returns it and the offset after it.
    static func read(_ input: JSONInput, at offset: Int) throws -> (Self, Int)
}

/// A struct read as a JSON object of its stored properties, keyed by their names (the synthesized
/// `Codable` form). A test checks that `snapshotFields` names every stored property.
protocol SnapshotObject: SnapshotReadable {
    static var snapshotFields: SnapshotFields<Self> { get }
    /// A value whose optional properties are `nil`, to fill in.
    static func snapshotBlank() -> Self
}

/// One stored property: its key and how to read its value into the struct.
struct SnapshotField<Root>: Sendable {
    let name: [UInt8]
    let isRequired: Bool
    /// Reads the value at the offset into the struct the pointer points at (initialized); returns
    /// the offset after the value.
    let read: @Sendable (UnsafeMutablePointer<Root>, JSONInput, Int) throws -> Int
    /// Copies the property from the second value into the first (assembling values read in parallel).
    let copy: @Sendable (inout Root, Root) -> Void

    /// A non-optional property: the key must be present with a value.
    static func required<Value: SnapshotReadable>(_ name: String, _ path: WritableKeyPath<Root, Value> & Sendable) -> SnapshotField {
        let place = StoredPlace(path)
        return SnapshotField(name: Array(name.utf8), isRequired: true, read: { root, input, offset in
            let (value, end) = try Value.read(input, at: offset)
            place.store(value, in: root)
            return end
        }, copy: { $0[keyPath: path] = $1[keyPath: path] })
    }

    /// An optional property: absent or `null` is `nil`.
    static func optional<Value: SnapshotReadable>(_ name: String, _ path: WritableKeyPath<Root, Value?> & Sendable) -> SnapshotField {
        let place = StoredPlace(path)
        return SnapshotField(name: Array(name.utf8), isRequired: false, read: { root, input, offset in
            let start = input.skipWhitespace(offset)
            if input.isNull(start) {
                place.store(nil, in: root)
                return start + 4
            }
            let (value, end) = try Value.read(input, at: start)
            place.store(value, in: root)
            return end
        }, copy: { $0[keyPath: path] = $1[keyPath: path] })
    }
}

/// Where a stored property lies in its struct, found once per field table: a value read is stored
/// straight at its offset, where writing through the key path took a call into the key path
/// machinery for every field of every value read. (A key path without an offset, which the model
/// does not have, is written through as before.)
struct StoredPlace<Root, Value>: Sendable {
    let path: WritableKeyPath<Root, Value> & Sendable
    let offset: Int?

    init(_ path: WritableKeyPath<Root, Value> & Sendable) {
        self.path = path
        offset = MemoryLayout<Root>.offset(of: path)
    }

    @inline(__always)
    func store(_ value: consuming Value, in root: UnsafeMutablePointer<Root>) {
        guard let offset else {
            root.pointee[keyPath: path] = value
            return
        }
        (UnsafeMutableRawPointer(root) + offset).assumingMemoryBound(to: Value.self).pointee = value
    }
}

/// A type's fields, with the mask of the required ones.
struct SnapshotFields<Root>: Sendable, ExpressibleByArrayLiteral {
    let fields: [SnapshotField<Root>]
    let requiredMask: UInt64

    init(arrayLiteral fields: SnapshotField<Root>...) {
        precondition(fields.count <= 64, "the snapshot reader tracks at most 64 fields per type")
        // In key order, as JSONEncoder's sorted keys come.
        let fields = fields.sorted { $0.name.lexicographicallyPrecedes($1.name) }
        self.fields = fields
        requiredMask = fields.enumerated().reduce(0) { mask, entry in entry.element.isRequired ? mask | (1 << UInt64(entry.offset)) : mask }
    }
}

extension SnapshotFields {
    /// The position of the field whose name is the key text `start..<end`, or -1. Keys come sorted,
    /// like the table: starting at `cursor` (after the previous match), the first try almost always matches.
    func field(named start: Int, _ end: Int, in input: JSONInput, from cursor: Int) -> Int {
        let length = end - start
        for step in 0..<fields.count {
            let position = cursor + step < fields.count ? cursor + step : cursor + step - fields.count
            let name = fields[position].name
            if name.count == length, name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, input.bytes + start, length) == 0 }) {
                return position
            }
        }
        return -1
    }

    /// Reads the member whose key starts at `index` (its opening quote) into `value`: finds its
    /// field (an unknown key, from a newer writer, or a repeated one fails the read: JSONDecoder
    /// then decides), marks it in `seen`, moves `cursor` past it, and returns the offset after its
    /// value and the whitespace that follows.
    @inline(__always)
    func readMember(_ value: inout Root, _ input: JSONInput, at index: Int, seen: inout UInt64, cursor: inout Int) throws -> Int {
        guard input[index] == UInt8(ascii: "\"") else { throw FastReadUnsupported() }
        let (keyEnd, escaped) = try input.stringEnd(index)
        guard !escaped else { throw FastReadUnsupported() }
        let found = field(named: index + 1, keyEnd - 1, in: input, from: cursor)
        guard found >= 0, seen & (1 << UInt64(found)) == 0 else { throw FastReadUnsupported() }
        seen |= 1 << UInt64(found)
        cursor = found + 1 < fields.count ? found + 1 : 0
        let valueStart = try input.expect(UInt8(ascii: ":"), at: keyEnd)
        return input.skipWhitespace(try withUnsafeMutablePointer(to: &value) { try fields[found].read($0, input, valueStart) })
    }
}

extension SnapshotObject {
    static func read(_ input: JSONInput, at offset: Int) throws -> (Self, Int) { try readObject(input, at: offset) }

    /// Reads the object at `offset` field by field (what `read` does unless a type reads its
    /// values another way first, as `Origin` does with repeated ones).
    static func readObject(_ input: JSONInput, at offset: Int) throws -> (Self, Int) {
        let table = snapshotFields
        var value = snapshotBlank()
        var seen: UInt64 = 0
        var cursor = 0
        var index = input.skipWhitespace(try input.expect(UInt8(ascii: "{"), at: offset))
        if input[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                index = try table.readMember(&value, input, at: index, seen: &seen, cursor: &cursor)
                if input[index] == UInt8(ascii: "}") { index += 1; break }
                guard input[index] == UInt8(ascii: ",") else { throw FastReadUnsupported() }
                index = input.skipWhitespace(index + 1)
            }
        }
        guard seen & table.requiredMask == table.requiredMask else { throw FastReadUnsupported() }
        return (value, index)
    }
}

// MARK: Scalars and collections

extension String: SnapshotReadable {
    static func read(_ input: JSONInput, at offset: Int) throws -> (String, Int) { try input.string(offset) }
}

extension Int: SnapshotReadable {
    static func read(_ input: JSONInput, at offset: Int) throws -> (Int, Int) { try input.integer(offset) }
}

extension Bool: SnapshotReadable {
    static func read(_ input: JSONInput, at offset: Int) throws -> (Bool, Int) { try input.bool(offset) }
}

extension Date: SnapshotReadable {
    static func read(_ input: JSONInput, at offset: Int) throws -> (Date, Int) { try input.date(offset) }
}

extension Array: SnapshotReadable where Element: SnapshotReadable {
    static func read(_ input: JSONInput, at offset: Int) throws -> ([Element], Int) {
        var elements: [Element] = []
        var index = input.skipWhitespace(try input.expect(UInt8(ascii: "["), at: offset))
        if input[index] == UInt8(ascii: "]") { return (elements, index + 1) }
        while true {
            let (element, end) = try Element.read(input, at: index)
            elements.append(element)
            index = input.skipWhitespace(end)
            if input[index] == UInt8(ascii: "]") { return (elements, index + 1) }
            guard input[index] == UInt8(ascii: ",") else { throw FastReadUnsupported() }
            index += 1
        }
    }
}

extension Dictionary: SnapshotReadable where Key == String, Value: SnapshotReadable {
    /// Reads the entries into a buffer first, then makes the dictionary at its final size: grown
    /// entry by entry, a dictionary of tens of thousands of resources rehashed every key and moved
    /// every value each time it doubled.
    static func read(_ input: JSONInput, at offset: Int) throws -> ([String: Value], Int) {
        var index = input.skipWhitespace(try input.expect(UInt8(ascii: "{"), at: offset))
        if input[index] == UInt8(ascii: "}") { return ([:], index + 1) }
        var keys = MovingBuffer<String>(capacity: 16), values = MovingBuffer<Value>(capacity: 16)
        defer { keys.free(); values.free() }
        while true {
            let (key, keyEnd) = try input.string(index)
            let (value, end) = try Value.read(input, at: try input.expect(UInt8(ascii: ":"), at: keyEnd))
            keys.append(key)
            values.append(value)
            index = input.skipWhitespace(end)
            if input[index] == UInt8(ascii: "}") { break }
            guard input[index] == UInt8(ascii: ",") else { throw FastReadUnsupported() }
            index = input.skipWhitespace(index + 1)
        }
        var dictionary = [String: Value](minimumCapacity: keys.count)
        while keys.remaining > 0 {
            // A repeated key: JSONDecoder decides.
            guard dictionary.updateValue(values.take(), forKey: keys.take()) == nil else { throw FastReadUnsupported() }
        }
        return (dictionary, index + 1)
    }
}

/// Enumerations stored as their raw text.
protocol SnapshotRawValue: SnapshotReadable, RawRepresentable where RawValue == String {}

extension SnapshotRawValue {
    static func read(_ input: JSONInput, at offset: Int) throws -> (Self, Int) {
        let (text, end) = try input.string(offset)
        guard let value = Self(rawValue: text) else { throw FastReadUnsupported() }
        return (value, end)
    }
}
