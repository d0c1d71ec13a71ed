/// An ordered, case-insensitive list of HTTP headers that keeps repeated names.
///
/// SigV4 joins repeated headers with commas in the order they were added, so a dictionary
/// would change the signature; this keeps the order and the original spelling of names.
public struct HTTPHeaderList: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The headers in order, names as written.
    public private(set) var entries: [(name: String, value: String)]

    /// Creates a list from `(name, value)` pairs, in order.
    public init(_ entries: [(name: String, value: String)] = []) {
        self.entries = entries
    }

    /// Creates a list from a literal; order is the literal's order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.entries = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The first value for `name` (case-insensitive), or `nil`.
    public subscript(name: String) -> String? {
        let lower = name.lowercased()
        return entries.first { $0.name.lowercased() == lower }?.value
    }

    /// All values for `name` (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        let lower = name.lowercased()
        return entries.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    /// Whether a header named `name` (case-insensitive) is present.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a header, keeping any existing ones of the same name.
    public mutating func add(_ name: String, _ value: String) {
        entries.append((name: name, value: value))
    }

    /// Removes every header named `name` (case-insensitive).
    public mutating func remove(_ name: String) {
        let lower = name.lowercased()
        entries.removeAll { $0.name.lowercased() == lower }
    }

    /// Replaces every header named `name` with one header holding `value`.
    public mutating func replace(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        entries.makeIterator()
    }

    public static func == (lhs: HTTPHeaderList, rhs: HTTPHeaderList) -> Bool {
        lhs.entries.elementsEqual(rhs.entries, by: { $0 == $1 })
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.name.lowercased())
            hasher.combine(entry.value)
        }
    }
}
