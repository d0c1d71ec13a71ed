/// One entry of `Action`/`NotAction`, compiled for fast case-insensitive matching.
///
/// IAM compares service prefixes and action names case-insensitively, with `*` and `?` wildcards.
public struct ActionPattern: Sendable, Hashable, CustomStringConvertible {
    /// The text as written in the policy.
    public let text: String
    let lower: [UInt8]
    let hasWildcard: Bool

    public init(_ text: String) {
        self.text = text
        self.lower = Glob.lowercased(text)
        self.hasWildcard = Glob.hasWildcard(lower)
    }

    public var description: String { text }

    /// The service prefix in lower case (`s3` for `s3:Get*`), or `*` for a bare `*`.
    public var service: String {
        guard let colon = lower.firstIndex(of: UInt8(ascii: ":")) else { return hasWildcard ? "*" : String(decoding: lower, as: UTF8.self) }
        return String(decoding: lower[..<colon], as: UTF8.self)
    }

    /// The part after the colon, as written (`Get*` for `s3:Get*`).
    public var actionPart: String {
        guard let colon = text.firstIndex(of: ":") else { return text }
        return String(text[text.index(after: colon)...])
    }

    /// True for `*` and `<service>:*`-style patterns that grant a whole service (or everything).
    public var isServiceWide: Bool {
        if lower.allSatisfy({ $0 == Glob.star }) { return true }
        guard let colon = lower.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let rest = lower[(colon + 1)...]
        return !rest.isEmpty && rest.allSatisfy { $0 == Glob.star }
    }

    /// Whether this pattern matches (or, for a wildcard query, covers) `query`.
    func matches(_ query: ActionQuery) -> Bool {
        if !hasWildcard && !query.hasWildcard { return lower == query.lower }
        return Glob.matches(lower, query.lower)
    }
}

/// An action being asked about, lower-cased once.
struct ActionQuery: Sendable, Hashable {
    let text: String
    let lower: [UInt8]
    let hasWildcard: Bool

    init(_ text: String) {
        self.text = text
        self.lower = Glob.lowercased(text)
        self.hasWildcard = Glob.hasWildcard(lower)
    }
}
