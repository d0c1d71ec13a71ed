import Foundation

/// A document tree shared by every structured source (YAML, JSON, HCL, plan JSON), with the
/// 1-based line and column of each node, so that every fact read from it can say where it came from.
///
/// Scalars stay text: CloudFormation and Elastic Beanstalk treat option values as strings, and keeping
/// one representation keeps the mappers small. Short-form YAML tags (`!Ref X`) are rewritten into
/// their long form (`{"Ref": "X"}`) by the YAML reader, so one CloudFormation mapper reads both formats.
struct Node: Sendable {
    enum Kind: Sendable {
        case scalar(String)
        case null
        case list([Node])
        case map([Entry])
        /// A value that cannot be known statically (a parameter without default, an import, a
        /// computed attribute); the text says what it was, for evidence.
        case unresolved(String)
    }

    struct Entry: Sendable {
        var key: String
        var keyLine: Int
        var keyColumn: Int
        var value: Node
    }

    var kind: Kind
    var line: Int
    var column: Int

    init(_ kind: Kind, line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    static func scalar(_ text: String, line: Int = 0, column: Int = 0) -> Node { Node(.scalar(text), line: line, column: column) }
    static func unresolved(_ text: String, line: Int = 0, column: Int = 0) -> Node { Node(.unresolved(text), line: line, column: column) }

    /// The scalar text, or `nil` for anything else.
    var string: String? {
        if case .scalar(let text) = kind { return text }
        return nil
    }

    var entries: [Entry]? {
        if case .map(let entries) = kind { return entries }
        return nil
    }

    var items: [Node]? {
        if case .list(let items) = kind { return items }
        return nil
    }

    var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    var isUnresolved: Bool {
        if case .unresolved = kind { return true }
        return false
    }

    /// The value under `key` in a map (first match), or `nil`.
    subscript(key: String) -> Node? {
        guard case .map(let entries) = kind else { return nil }
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }

    /// The entry for `key` in a map, with the key's own position.
    func entry(_ key: String) -> Entry? {
        guard case .map(let entries) = kind else { return nil }
        for entry in entries where entry.key == key { return entry }
        return nil
    }

    /// A map with a single key: the shape of every CloudFormation intrinsic function.
    var singleEntry: Entry? {
        guard case .map(let entries) = kind, entries.count == 1 else { return nil }
        return entries[0]
    }

    /// Interprets a scalar as a boolean the way CloudFormation and YAML 1.1 do.
    var bool: Bool? {
        guard let text = string?.lowercased() else { return nil }
        switch text {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: return nil
        }
    }

    var int: Int? {
        guard let text = string else { return nil }
        if let value = Int(text) { return value }
        var trimmed = Substring(text).drop { $0 == " " || $0 == "\t" }
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        return Int(trimmed)
    }

    /// A list of scalars; a single scalar is treated as a one-element list, and a comma-separated
    /// scalar is split (Elastic Beanstalk lists such as `SecurityGroups` are comma-separated).
    var stringList: [String]? {
        switch kind {
        case .list(let items): return items.compactMap(\.string)
        case .scalar(let text): return [text]
        default: return nil
        }
    }
}
