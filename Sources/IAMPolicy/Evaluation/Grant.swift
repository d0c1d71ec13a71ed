/// One Allow statement that grants an action, with the resources it grants it on after explicit
/// denies, the permissions boundary and SCPs have been applied.
///
/// Why a separate notion from `Decision`: analyses ask "on *which* resources may this principal
/// call `iam:PassRole`?", not about one resource; the answer is the list of grants.
public struct Grant: Sendable, Hashable, CustomStringConvertible {
    public var statement: StatementRef
    /// The action asked about.
    public var action: String
    /// The statement's action entries that matched it (or `NotAction [...]`).
    public var matchedBy: [String]
    /// Resource patterns granted; with `resourcesNegated`, everything *except* these.
    public var resources: [String]
    public var resourcesNegated: Bool
    /// Condition keys of the statement: a non-empty list means the grant only holds when they match.
    public var conditionKeys: [String]

    public var isConditional: Bool { !conditionKeys.isEmpty }

    /// How far the grant reaches.
    public var breadth: ResourceBreadth {
        if resourcesNegated { return .all }
        return resources.map(ResourceBreadth.classify).max() ?? .scoped
    }

    /// True when the grant covers every resource (`*` or `NotResource`).
    public var isUnrestricted: Bool { breadth == .all }

    public var evidence: Evidence {
        Evidence(statement: statement, actions: matchedBy, resources: resources, resourcesNegated: resourcesNegated, conditionKeys: conditionKeys)
    }

    public var description: String { evidence.description }
}

/// How much of a resource space a pattern covers.
public enum ResourceBreadth: Int, Sendable, Hashable, Comparable {
    /// Specific resources or a named prefix (`role/eb-*`, `parameter/prod/app/*`).
    case scoped
    /// Every resource of a type in an account or region (`role/*`, `secret:*`, `arn:aws:s3:::*`).
    case typeWide
    /// Every resource (`*`, or `NotResource`).
    case all

    public static func < (lhs: ResourceBreadth, rhs: ResourceBreadth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Classifies one resource pattern.
    public static func classify(_ pattern: String) -> ResourceBreadth {
        var text = pattern
        if let breadth = text.withUTF8({ classifyASCII($0) }) { return breadth }
        return classifyText(pattern)
    }

    /// `classify` for any text, character by character.
    static func classifyText(_ pattern: String) -> ResourceBreadth {
        let bytes = Array(pattern.utf8)
        if ResourcePattern.isUniversal(bytes) { return .all }
        guard pattern.hasPrefix("arn:") else { return .scoped }
        let segments = ResourcePattern.segments(bytes)
        guard segments.count == 6 else { return .typeWide }
        let service = String(decoding: bytes[segments[2]], as: UTF8.self)
        let resource = String(decoding: bytes[segments[5]], as: UTF8.self)
        if resource.isEmpty || resource.hasPrefix("*") { return .typeWide }
        if service == "s3" || service == "*" { return .scoped }
        // Strip the resource type (`role/`, `secret:`, `parameter/`, `key/`), then look at the name.
        guard let separator = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) else { return .scoped }
        let name = resource[resource.index(after: separator)...]
        return name.isEmpty || name.hasPrefix("*") ? .typeWide : .scoped
    }
}

extension ResourceBreadth {
    /// `classify` on the bytes of an ASCII pattern (where bytes and characters agree), without
    /// building arrays or strings: every grant of every analysis is classified. Nil for other text.
    static func classifyASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> ResourceBreadth? {
        let star = Glob.star, colon = UInt8(ascii: ":")
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func allStars(_ range: Range<Int>) -> Bool { !range.isEmpty && bytes[range].allSatisfy { $0 == star } }
        if allStars(0..<bytes.count) { return .all }
        let isARN = bytes.count >= 4 && bytes[0] == UInt8(ascii: "a") && bytes[1] == UInt8(ascii: "r") && bytes[2] == UInt8(ascii: "n") && bytes[3] == colon
        guard isARN else { return .scoped }
        // arn : partition : service : region : account : resource (which may hold more colons).
        let segments = ResourcePattern.segments(bytes)
        guard segments.count == 6 else { return .typeWide }
        let service = segments[2], resource = segments[5]
        if segments.dropFirst().allSatisfy(allStars) { return .all }
        if resource.isEmpty || bytes[resource.lowerBound] == star { return .typeWide }
        if bytes[service].elementsEqual("s3".utf8) || bytes[service].elementsEqual("*".utf8) { return .scoped }
        guard let separator = bytes[resource].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == colon }) else { return .scoped }
        let name = (separator + 1)..<bytes.count
        return name.isEmpty || bytes[name.lowerBound] == star ? .typeWide : .scoped
    }
}

/// Evidence behind a finding: the exact statement, actions and resources.
public struct Evidence: Sendable, Hashable, CustomStringConvertible {
    public var statement: StatementRef
    public var actions: [String]
    public var resources: [String]
    public var resourcesNegated: Bool
    public var conditionKeys: [String]

    public init(statement: StatementRef, actions: [String], resources: [String], resourcesNegated: Bool = false, conditionKeys: [String] = []) {
        self.statement = statement
        self.actions = actions
        self.resources = resources
        self.resourcesNegated = resourcesNegated
        self.conditionKeys = conditionKeys
    }

    /// `inline Statement[0] (Sid "All"): Allow iam:PassRole on * (conditions: iam:PassedToService)`.
    public var description: String {
        var text = "\(statement): Allow \(actions.joined(separator: ", ")) on "
        text += resourcesNegated ? "everything except \(resources.joined(separator: ", "))" : resources.joined(separator: ", ")
        if !conditionKeys.isEmpty { text += " (conditions: \(conditionKeys.joined(separator: ", ")))" }
        return text
    }
}
