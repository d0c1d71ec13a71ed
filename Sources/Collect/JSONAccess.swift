import Foundation

/// One JSON object of an AWS CLI output or a live answer, with typed reads: the AWS CLI's JSON is
/// loosely typed (numbers as strings, booleans as 0/1 in places), so every read tolerates the
/// forms the CLI emits.
///
/// Two forms, read alike: a `JSONSerialization`-style tree (`[String: Any]`: live answers, and
/// exports the fast reader leaves to `FoundationJSON`), or an object of a `JSONTape` (exports),
/// whose values are decoded only when read. Scalars are read through the values the tree would
/// hold (`String`, `NSNumber`, `NSNull`), so both forms give the same answers.
struct JSONObject: ExpressibleByDictionaryLiteral {
    private enum Storage {
        case tree([String: Any])
        case tape(JSONTape, Int)
    }

    private let storage: Storage

    init(_ tree: [String: Any]) { storage = .tree(tree) }

    init(tape: JSONTape, node: Int) { storage = .tape(tape, node) }

    init(dictionaryLiteral elements: (String, Any)...) {
        storage = .tree(Dictionary(elements) { _, last in last })
    }

    /// The JSON document (an object) held in a string member, read by the fast path; `nil` when
    /// the member is not a string or the fast path leaves its text to `FoundationJSON`.
    func embeddedDocument(_ key: String) -> JSONObject? {
        switch storage {
        case .tree: string(key).flatMap { JSONTape.parse($0.utf8) }.map { JSONObject(tape: $0, node: 0) }
        case .tape(let tape, let node): tape.member(node, key).flatMap(tape.document).map { JSONObject(tape: $0, node: 0) }
        }
    }

    /// `body` over the object's bytes as its document holds them (`nil` for a tree): for what is
    /// remembered by those bytes (`ByteSpanMemo`).
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result? {
        guard case .tape(let tape, let node) = storage else { return nil }
        return try tape.withBytes(of: node, body)
    }

    /// One member's value, unread.
    enum Field {
        case tree(Any)
        case tape(JSONTape, Int)
    }

    subscript(_ key: String) -> Field? {
        switch storage {
        case .tree(let tree): tree[key].map(Field.tree)
        case .tape(let tape, let node): tape.member(node, key).map { .tape(tape, $0) }
        }
    }

    /// The member names (for messages).
    var keys: [String] {
        switch storage {
        case .tree(let tree): Array(tree.keys)
        case .tape(let tape, let node): tape.keys(node)
        }
    }

    /// A scalar member as the tree holds it; `nil` when absent, an object or an array.
    private func scalar(_ key: String) -> Any? {
        switch storage {
        case .tree(let tree): tree[key]
        case .tape(let tape, let node): tape.member(node, key).flatMap(tape.scalar)
        }
    }

    func string(_ key: String) -> String? {
        // A string member (nearly every read) is returned as is, without going through `Any`.
        if case .tape(let tape, let node) = storage, let member = tape.member(node, key) {
            switch tape.kind(member) {
            case .string, .escapedString: return tape.text(member)
            case .object, .array, .null: return nil
            default: return JSONScalar.string(tape.scalar(member))
            }
        }
        return JSONScalar.string(scalar(key))
    }

    // Typed reads of a tape's literals, integers and texts go straight to the node, with the
    // answer the tree's `NSNumber` or `String` gives: making and casting one per read cost more
    // than the read.

    func bool(_ key: String) -> Bool? {
        guard case .tape(let tape, let node) = storage else { return Self.bool(scalar(key)) }
        guard let member = tape.member(node, key) else { return nil }
        switch tape.kind(member) {
        case .trueValue: return true
        case .falseValue: return false
        case .string, .escapedString: return Self.bool(tape.text(member))
        default: return tape.integer(member).map { $0 != 0 } ?? Self.bool(tape.scalar(member))
        }
    }

    private static func bool(_ value: Any?) -> Bool? {
        switch value {
        case let number as NSNumber: number.boolValue
        case let text as String: bool(text)
        default: nil
        }
    }

    private static func bool(_ text: String) -> Bool? {
        ["true", "1", "yes"].contains(text.lowercased()) ? true : (["false", "0", "no"].contains(text.lowercased()) ? false : nil)
    }

    func int(_ key: String) -> Int? {
        guard case .tape(let tape, let node) = storage else { return Self.int(scalar(key)) }
        guard let member = tape.member(node, key) else { return nil }
        switch tape.kind(member) {
        case .string, .escapedString: return Int(tape.text(member))
        default: return tape.integer(member).map { Int($0) } ?? Self.int(tape.scalar(member))
        }
    }

    private static func int(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber: number.intValue
        case let text as String: Int(text)
        default: nil
        }
    }

    /// A timestamp as the AWS CLI prints it: ISO 8601 text or epoch seconds.
    func date(_ key: String) -> Date? {
        guard case .tape(let tape, let node) = storage else { return Self.date(scalar(key)) }
        guard let member = tape.member(node, key) else { return nil }
        switch tape.kind(member) {
        case .string: return withExtendedLifetime(tape) { Timestamps.parse(utf8: tape.content(of: member)) }
        case .escapedString: return Timestamps.parse(tape.text(member))
        default:
            // Up to 2^53 seconds, an integer converts to `Double` exactly, whichever way.
            if let seconds = tape.integer(member), seconds.magnitude < 1 << 53 { return Date(timeIntervalSince1970: Double(seconds)) }
            return Self.date(tape.scalar(member))
        }
    }

    private static func date(_ value: Any?) -> Date? {
        switch value {
        case let number as NSNumber: Date(timeIntervalSince1970: number.doubleValue)
        case let text as String: Timestamps.parse(text)
        default: nil
        }
    }

    func object(_ key: String) -> JSONObject? {
        switch storage {
        case .tree(let tree): (tree[key] as? [String: Any]).map { JSONObject($0) }
        case .tape(let tape, let node): tape.member(node, key).flatMap { tape.kind($0) == .object ? JSONObject(tape: tape, node: $0) : nil }
        }
    }

    /// The member's objects when it is an array of objects only (as `as? [[String: Any]]` reads it), else `nil`.
    func objectArray(_ key: String) -> [JSONObject]? {
        switch storage {
        case .tree(let tree):
            return (tree[key] as? [[String: Any]])?.map { JSONObject($0) }
        case .tape(let tape, let node):
            guard let array = tape.member(node, key), tape.kind(array) == .array else { return nil }
            var objects: [JSONObject] = []
            var mixed = false
            tape.forEachElement(array) { element in
                if tape.kind(element) == .object { objects.append(JSONObject(tape: tape, node: element)) } else { mixed = true }
            }
            return mixed ? nil : objects
        }
    }

    func objects(_ key: String) -> [JSONObject] { objectArray(key) ?? [] }

    func strings(_ key: String) -> [String] {
        switch storage {
        case .tree(let tree):
            return (tree[key] as? [Any] ?? []).compactMap { ($0 as? String) ?? ($0 as? NSNumber)?.stringValue }
        case .tape(let tape, let node):
            guard let array = tape.member(node, key), tape.kind(array) == .array else { return [] }
            var strings: [String] = []
            tape.forEachElement(array) { element in
                if let text = tape.scalar(element).flatMap({ ($0 as? String) ?? ($0 as? NSNumber)?.stringValue }) { strings.append(text) }
            }
            return strings
        }
    }

    /// `[{"Key": k, "Value": v}]` tags as a dictionary.
    func tags(_ key: String = "Tags") -> [String: String] {
        var tags: [String: String] = [:]
        for tag in objects(key) {
            if let name = tag.string("Key") ?? tag.string("key"), let value = tag.string("Value") ?? tag.string("value") { tags[name] = value }
        }
        return tags
    }
}

/// The text of a scalar as the typed reads give it: a string, or a number's (or boolean's) `NSNumber` text.
enum JSONScalar {
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}

/// Timestamps as the AWS CLI prints them: ISO 8601 (`2026-11-19T08:00:00Z`, `…+00:00`,
/// `….123456+00:00`, a space instead of `T`) or epoch seconds. Parsed by hand: an export holds tens
/// of thousands of CloudTrail events and a formatter per date costs more than the rest of the import.
enum Timestamps {
    static func parse(_ text: String) -> Date? {
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        return Array(text.utf8).withUnsafeBufferPointer(iso8601)
    }

    /// `parse` of the text whose UTF-8 is `bytes`, for a reader that has its bytes: an ISO 8601
    /// text is read from them at once (no such text is also a number: a number has no `-` after
    /// four digits), anything else as `parse` reads it.
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        iso8601(bytes) ?? parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The ISO 8601 forms `parse` reads.
    private static func iso8601(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 32 || bytes[10] == 116, bytes[13] == 58, bytes[16] == 58,
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < bytes.count {
            switch bytes[index] {
            case 90, 122: offset = 0
            case 43, 45:
                guard let hours = number(index + 1, 2) else { return nil }
                let minutes = number(index + 4, 2) ?? number(index + 3, 2) ?? 0
                offset = (hours * 3600 + minutes * 60) * (bytes[index] == 45 ? -1 : 1)
            default: return nil
            }
        }
        // Days from civil (proleptic Gregorian), Howard Hinnant's algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }
}

/// Policy documents arrive as JSON objects (AWS CLI decodes them) or as URL-encoded text (raw API):
/// normalize to JSON text.
enum PolicyText {
    /// `known`: texts of documents already normalised, by the bytes of their object (roles
    /// repeat the same documents); the same text either way.
    static func normalize(_ field: JSONObject.Field?, known: ByteSpanMemo<String?>? = nil) -> String? {
        switch field {
        case .tree(let value)?:
            return normalize(value)
        case .tape(let tape, let node)?:
            switch tape.kind(node) {
            case .string, .escapedString: return normalize(tape.text(node))
            case .object:
                if let known, let text = tape.withBytes(of: node, { bytes in known.value(for: bytes) { sortedText(tape, node) } }) { return text }
                return sortedText(tape, node)
            default: return nil
            }
        case nil:
            return nil
        }
    }

    /// The object at `node` as sorted JSON text.
    private static func sortedText(_ tape: JSONTape, _ node: Int) -> String? {
        var writer = SortedJSONWriter()
        if writer.write(tape, node) { return String(decoding: writer.bytes, as: UTF8.self) }
        return normalize(tape.tree(node))
    }

    static func normalize(_ value: Any?) -> String? {
        switch value {
        case let text as String:
            let decoded = text.removingPercentEncoding ?? text
            return decoded.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") ? decoded : text
        case let object as [String: Any]:
            return FoundationJSON.sortedText(object)
        default:
            return nil
        }
    }
}
