import Foundation

/// `JSONSerialization` for AWS CLI outputs, reading and writing the same Foundation trees
/// (`[String: Any]`, `[Any]`, `String`, `NSNumber`, `NSNull`) faster.
///
/// Why: an export of 10,000 environments is 330 MB of JSON; on Linux `JSONSerialization` parses it
/// into an intermediate tree then bridges every value, and re-serialises each IAM policy document
/// (to store it as sorted JSON text) through `NSDictionary`. Together that was most of an import.
/// Both directions are strict, like the snapshot reader: what they do not handle exactly as
/// `JSONSerialization` does (a syntax error, a number with a fraction, a repeated key, a number
/// or `null` inside a policy document…) goes to `JSONSerialization` itself.
enum FoundationJSON {
    /// `JSONSerialization.jsonObject(with:)`.
    static func jsonObject(with data: Data) throws -> Any {
        if let object = fastObject(data) { return object }
        return try JSONSerialization.jsonObject(with: data)
    }

    /// `JSONSerialization.data(withJSONObject:options: [.sortedKeys])` as text.
    static func sortedText(_ object: [String: Any]) -> String? {
        var writer = SortedJSONWriter()
        if writer.write(object) { return String(decoding: writer.bytes, as: UTF8.self) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The tree of a document whose top level is an object, or `nil` when the fast reader does not
    /// handle it.
    static func fastObject(_ data: Data) -> Any? {
        data.withUnsafeBytes { buffer -> Any? in
            let input = JSONInput(buffer)
            let start = input.skipWhitespace(0)
            guard input[start] == UInt8(ascii: "{"), let (object, end) = try? value(input, at: start, depth: 0),
                  input.skipWhitespace(end) == input.count else { return nil }
            return object
        }
    }

    private static func value(_ input: JSONInput, at offset: Int, depth: Int) throws -> (Any, Int) {
        let index = input.skipWhitespace(offset)
        guard depth < JSONInput.maximumDepth else { throw FastReadUnsupported() }
        switch input[index] {
        case UInt8(ascii: "\""):
            let (text, end) = try input.string(index)
            return (text, end)
        case UInt8(ascii: "{"):
            var object: [String: Any] = [:]
            var cursor = input.skipWhitespace(index + 1)
            if input[cursor] == UInt8(ascii: "}") { return (object, cursor + 1) }
            while true {
                let (key, keyEnd) = try input.string(cursor)
                let (member, end) = try value(input, at: try input.expect(UInt8(ascii: ":"), at: keyEnd), depth: depth + 1)
                guard object.updateValue(member, forKey: key) == nil else { throw FastReadUnsupported() }
                cursor = input.skipWhitespace(end)
                if input[cursor] == UInt8(ascii: "}") { return (object, cursor + 1) }
                cursor = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: cursor))
            }
        case UInt8(ascii: "["):
            var array: [Any] = []
            var cursor = input.skipWhitespace(index + 1)
            if input[cursor] == UInt8(ascii: "]") { return (array, cursor + 1) }
            while true {
                let (element, end) = try value(input, at: cursor, depth: depth + 1)
                array.append(element)
                cursor = input.skipWhitespace(end)
                if input[cursor] == UInt8(ascii: "]") { return (array, cursor + 1) }
                cursor = try input.expect(UInt8(ascii: ","), at: cursor)
            }
        case UInt8(ascii: "t"): return (NSNumber(value: true), try input.literal(index, "true"))
        case UInt8(ascii: "f"): return (NSNumber(value: false), try input.literal(index, "false"))
        case UInt8(ascii: "n"): return (NSNull(), try input.literal(index, "null"))
        default: return try number(input, at: index)
        }
    }

    /// Integers as `JSONSerialization` makes them (`UInt64`, or `Int64` when negative); other
    /// numbers by `JSONSerialization` itself.
    private static func number(_ input: JSONInput, at index: Int) throws -> (Any, Int) {
        let end = try input.numberEnd(index)
        guard let number = number(UnsafeBufferPointer(start: input.bytes + index, count: end - index)) else { throw FastReadUnsupported() }
        return (number, end)
    }

    /// The number whose JSON text is `text` (already scanned), as this reader makes it; `nil` when
    /// `JSONSerialization` does not read it either.
    static func number(_ text: UnsafeBufferPointer<UInt8>) -> Any? {
        if let value = plainInteger(text) {
            return text.first == UInt8(ascii: "-") ? NSNumber(value: value) : NSNumber(value: UInt64(value))
        }
        let wrapped = Data([UInt8(ascii: "[")] + Array(text) + [UInt8(ascii: "]")])
        guard let array = try? JSONSerialization.jsonObject(with: wrapped) as? [Any], let number = array.first else { return nil }
        return number
    }

    /// Whether `number(text)` reads `text`, answered without making the number for the integers
    /// it reads itself: a document's scan checks every number it holds, and reads few of them.
    static func readsNumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        isPlainInteger(text.dropFirst(text.first == UInt8(ascii: "-") ? 1 : 0)) || number(text) != nil
    }

    /// The value of an integer `number(text)` makes itself (at most 18 digits after an optional
    /// minus), without making the `NSNumber`; `nil` for any other text.
    static func plainInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        let negative = text.first == UInt8(ascii: "-")
        let digits = text.dropFirst(negative ? 1 : 0)
        guard isPlainInteger(digits) else { return nil }
        let magnitude = digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
        return negative ? -magnitude : magnitude
    }

    /// At most 18 decimal digits: an integer that fits `Int64` and `UInt64` alike.
    private static func isPlainInteger(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        digits.count <= 18 && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// Compact JSON with keys in `JSONSerialization`'s `.sortedKeys` order and its escapes (including
/// `\/`), for trees of objects, arrays and strings: the IAM policy documents an export holds.
/// `write` returns false for anything else (numbers, booleans, `null`).
struct SortedJSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: Any) -> Bool {
        switch value {
        case let text as String:
            string(text)
        case let object as [String: Any]:
            bytes.append(UInt8(ascii: "{"))
            for (position, key) in Self.sortedKeys(Array(object.keys)).enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                string(key)
                bytes.append(UInt8(ascii: ":"))
                guard let member = object[key], write(member) else { return false }
            }
            bytes.append(UInt8(ascii: "}"))
        case let array as [Any]:
            bytes.append(UInt8(ascii: "["))
            for (position, element) in array.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                guard write(element) else { return false }
            }
            bytes.append(UInt8(ascii: "]"))
        default:
            return false
        }
        return true
    }

    /// `text` as a JSON string, escaped the way `JSONSerialization` escapes it. Runs of bytes
    /// that need no escape are copied whole.
    private mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(utf8: $0) }
    }

    /// The text whose UTF-8 is `utf8` as a JSON string, as `string(_:)` writes it.
    private mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in utf8.indices where Self.needsEscape(utf8[index]) {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            escape(utf8[index])
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes += [92, 34]
        case UInt8(ascii: "\\"): bytes += [92, 92]
        case UInt8(ascii: "/"): bytes += [92, 47]
        case 0x08: bytes += [92, UInt8(ascii: "b")]
        case 0x0C: bytes += [92, UInt8(ascii: "f")]
        case 0x0A: bytes += [92, UInt8(ascii: "n")]
        case 0x0D: bytes += [92, UInt8(ascii: "r")]
        case 0x09: bytes += [92, UInt8(ascii: "t")]
        default: bytes += Array("\\u00".utf8) + Array(String(format: "%02x", byte).utf8)
        }
    }

    /// Keys in the order `JSONSerialization` sorts them, found by asking it once per set of keys
    /// (policy documents repeat the same few sets): exact whatever its comparison is.
    static func sortedKeys(_ keys: [String]) -> [String] {
        let canonical = keys.sorted()
        return keyOrders.answer(canonical) {
            var probe: [String: Any] = [:]
            for key in canonical { probe[key] = NSNull() }
            guard let data = try? JSONSerialization.data(withJSONObject: probe, options: [.sortedKeys]),
                  let order = try? topLevelKeys(data), Set(order) == Set(canonical) else { return canonical }
            return order
        }
    }

    /// The keys of a top-level object, in document order.
    private static func topLevelKeys(_ data: Data) throws -> [String] {
        try data.withUnsafeBytes { buffer in
            let input = JSONInput(buffer)
            var keys: [String] = []
            var index = input.skipWhitespace(try input.expect(UInt8(ascii: "{"), at: 0))
            if input[index] == UInt8(ascii: "}") { return keys }
            while true {
                let (key, keyEnd) = try input.string(index)
                keys.append(key)
                index = input.skipWhitespace(try input.skipValue(try input.expect(UInt8(ascii: ":"), at: keyEnd)))
                if input[index] == UInt8(ascii: "}") { return keys }
                index = input.skipWhitespace(try input.expect(UInt8(ascii: ","), at: index))
            }
        }
    }

    private static let keyOrders = KeyOrderMemo<[String], [String]>()
}

/// Remembered key orders (bounded).
private final class KeyOrderMemo<Key: Hashable, Order>: @unchecked Sendable {
    private let lock = NSLock()
    private var orders: [Key: Order] = [:]

    func answer(_ keys: Key, compute: () -> Order) -> Order {
        lock.lock()
        if let known = orders[keys] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let order = compute()
        lock.lock()
        if orders.count >= 10_000 { orders.removeAll(keepingCapacity: true) }
        orders[keys] = order
        lock.unlock()
        return order
    }
}

extension SortedJSONWriter {
    /// `write(_:)` for a value of a tape, read without building its tree.
    ///
    /// Texts are written from the document's bytes (a string without escapes in the document is
    /// its UTF-8 as it stands) and an object's members are put in order by their keys' bytes, so
    /// no `String` or dictionary is made per member: an export's IAM file holds tens of thousands
    /// of distinct policy documents.
    mutating func write(_ tape: JSONTape, _ node: Int) -> Bool {
        switch tape.kind(node) {
        case .string:
            withExtendedLifetime(tape) { string(utf8: tape.content(of: node)) }
        case .escapedString:
            string(tape.text(node))
        case .object:
            // Keys are unescaped ASCII in a tape, and never repeated.
            var members: [(key: UnsafeBufferPointer<UInt8>, value: Int)] = []
            tape.forEachMember(node) { key, value in members.append((tape.content(of: key), value)) }
            members.sort { Self.precedes($0.key, $1.key) }
            bytes.append(UInt8(ascii: "{"))
            let written = withExtendedLifetime(tape) { () -> Bool in
                for (position, member) in Self.keyOrder(members.map(\.key)).enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    string(utf8: members[member].key)
                    bytes.append(UInt8(ascii: ":"))
                    guard write(tape, members[member].value) else { return false }
                }
                return true
            }
            guard written else { return false }
            bytes.append(UInt8(ascii: "}"))
        case .array:
            bytes.append(UInt8(ascii: "["))
            var position = 0
            var written = true
            tape.forEachElement(node) { element in
                guard written else { return }
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                position += 1
                written = write(tape, element)
            }
            guard written else { return false }
            bytes.append(UInt8(ascii: "]"))
        default:
            return false
        }
        return true
    }

    /// Byte order, a shorter text before the texts it begins: `String`'s order for ASCII.
    private static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// The positions of `keys` (distinct, in byte order) in `sortedKeys`' order, remembered by the
    /// keys' bytes.
    private static func keyOrder(_ keys: [UnsafeBufferPointer<UInt8>]) -> [Int] {
        guard keys.count > 1 else { return Array(keys.indices) }
        // Keys hold no control characters (the tape refuses them), so a line feed separates them.
        var joined: [UInt8] = []
        for key in keys {
            if !joined.isEmpty { joined.append(0x0A) }
            joined.append(contentsOf: key)
        }
        return keyPositions.answer(String(decoding: joined, as: UTF8.self)) {
            let names = keys.map { String(decoding: $0, as: UTF8.self) }
            return sortedKeys(names).map { name in names.firstIndex(of: name)! }
        }
    }

    private static let keyPositions = KeyOrderMemo<String, [Int]>()
}
