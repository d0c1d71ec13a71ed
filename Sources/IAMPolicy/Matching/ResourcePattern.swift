/// One entry of `Resource`/`NotResource` (or an ARN condition value), compiled for matching.
///
/// IAM matches ARNs segment by segment: each of the six colon-separated parts
/// (`arn:partition:service:region:account:resource`) is compared on its own, so a `*` in the
/// region never swallows the account. Resource ARNs are case-sensitive. Policy variables
/// (`${aws:username}`) are substituted from the request context; an unknown one makes the match
/// "maybe".
public struct ResourcePattern: Sendable, Hashable, CustomStringConvertible {
    /// The text as written in the policy.
    public let text: String
    let bytes: [UInt8]
    let hasVariables: Bool

    /// - Parameter variables: whether `${...}` is a policy variable (policy version 2012-10-17) or literal text.
    public init(_ text: String, variables: Bool = true) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.hasVariables = variables && ResourcePattern.containsVariable(bytes)
    }

    /// Whether `${` occurs (a byte scan: Foundation's `contains` is far slower on Linux).
    static func containsVariable<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        var previousDollar = false
        for byte in bytes {
            if previousDollar && byte == UInt8(ascii: "{") { return true }
            previousDollar = byte == UInt8(ascii: "$")
        }
        return false
    }

    public var description: String { text }

    /// True when the pattern matches every resource: `*`, or an ARN whose every segment is `*`.
    public var isUniversal: Bool { ResourcePattern.isUniversal(bytes) }

    static func isUniversal(_ bytes: [UInt8]) -> Bool {
        if !bytes.isEmpty && bytes.allSatisfy({ $0 == Glob.star }) { return true }
        guard bytes.starts(with: arnPrefix) else { return false }
        let segments = ResourcePattern.segments(bytes)
        guard segments.count == 6 else { return false }
        return segments.dropFirst().allSatisfy { range in !range.isEmpty && bytes[range].allSatisfy { $0 == Glob.star } }
    }

    /// `arn:`, the start of every ARN.
    static let arnPrefix = Array("arn:".utf8)

    /// The colon-separated ARN segments (at most six; the sixth keeps any further colons).
    static func segments<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> ARNSegments where Bytes.Index == Int {
        var result = ARNSegments()
        for index in bytes.indices where bytes[index] == UInt8(ascii: ":") && result.count < 5 {
            result.append(end: index)
        }
        result.append(end: bytes.count)
        return result
    }

    /// Whether this pattern matches (or covers, when `resource` holds wildcards) `resource`.
    func matches(_ resource: ResourceQuery, context: RequestContext) -> Tri {
        if hasVariables {
            switch substitute(context: context) {
            case let .resolved(pattern): return Tri(ResourcePattern.match(pattern, resource))
            case let .unresolved(widened): return ResourcePattern.match(widened, resource) ? .maybe : .no
            case .impossible: return .no
            }
        }
        return Tri(ResourcePattern.match(bytes, resource))
    }

    static func match(_ pattern: [UInt8], _ resource: ResourceQuery) -> Bool {
        if resource.isUniversal { return isUniversal(pattern) }
        if pattern.count == 1, pattern[0] == Glob.star { return true }
        guard resource.isARN, pattern.starts(with: arnPrefix) else { return Glob.matches(pattern, resource.bytes) }
        let patternSegments = segments(pattern)
        guard patternSegments.count == 6, resource.segments.count == 6 else { return Glob.matches(pattern, resource.bytes) }
        for index in 0..<6 where !Glob.matches(pattern[patternSegments[index]], resource.bytes[resource.segments[index]]) {
            return false
        }
        return true
    }

    enum Substitution {
        case resolved([UInt8])
        /// A variable was unknown; it was replaced by `*` so a match means "maybe".
        case unresolved([UInt8])
        /// A variable is absent from a complete context: nothing can match.
        case impossible
    }

    /// Replaces `${key}` / `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}`.
    func substitute(context: RequestContext) -> Substitution {
        var output: [UInt8] = []
        var unresolved = false
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{"),
               let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) {
                let inner = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
                index = close + 1
                switch inner {
                case "*", "?", "$": output.append(contentsOf: Array(inner.utf8)); continue
                default: break
                }
                let parts = inner.split(separator: ",", maxSplits: 1).map { $0.trimmingSpaces() }
                let key = parts.first ?? ""
                switch context.lookup(key) {
                case let .present(values) where values.count == 1:
                    output.append(contentsOf: Array(values[0].utf8))
                case .present, .unknown:
                    output.append(Glob.star)
                    unresolved = true
                case .absent:
                    guard parts.count == 2 else { return .impossible }
                    output.append(contentsOf: Array(parts[1].trimmingQuotes().utf8))
                }
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return unresolved ? .unresolved(output) : .resolved(output)
    }
}

/// A resource being asked about (an ARN, `*`, or an ARN pattern for "covers" questions).
struct ResourceQuery: Sendable, Hashable {
    let text: String
    let bytes: [UInt8]
    let segments: ARNSegments
    let isARN: Bool
    let isUniversal: Bool

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.isARN = text.hasPrefix("arn:")
        self.segments = isARN ? ResourcePattern.segments(bytes) : ARNSegments()
        self.isUniversal = ResourcePattern.isUniversal(bytes)
    }
}

/// The byte ranges of an ARN's colon-separated segments (at most six), held inline.
///
/// Why not an array: matching splits a pattern into segments for every resource it is compared
/// with, and an array there was a heap allocation per comparison.
struct ARNSegments: RandomAccessCollection, Sendable, Hashable {
    /// Where each segment ends (its start is one past the previous end, or 0).
    private var ends = (0, 0, 0, 0, 0, 0)
    private(set) var count = 0

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Range<Int> {
        (position == 0 ? 0 : end(position - 1) + 1)..<end(position)
    }

    /// Adds the segment ending at `end` (six at most).
    mutating func append(end: Int) {
        switch count {
        case 0: ends.0 = end
        case 1: ends.1 = end
        case 2: ends.2 = end
        case 3: ends.3 = end
        case 4: ends.4 = end
        default: ends.5 = end
        }
        count += 1
    }

    private func end(_ position: Int) -> Int {
        switch position {
        case 0: return ends.0
        case 1: return ends.1
        case 2: return ends.2
        case 3: return ends.3
        case 4: return ends.4
        default: return ends.5
        }
    }

    static func == (lhs: ARNSegments, rhs: ARNSegments) -> Bool {
        lhs.count == rhs.count && lhs.indices.allSatisfy { lhs[$0] == rhs[$0] }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for range in self { hasher.combine(range.lowerBound); hasher.combine(range.upperBound) }
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    func trimmingQuotes() -> String {
        var text = Substring(trimmingSpaces())
        if text.count >= 2, text.first == "'", text.last == "'" { text = text.dropFirst().dropLast() }
        return String(text)
    }
}
