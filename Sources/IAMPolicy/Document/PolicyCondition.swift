/// A statement's `Condition` block: every clause must hold (AND).
///
/// Kept as data so analyses can ask "is this grant restricted by `sts:ExternalId`?" and so the
/// evaluator can say which keys it could not resolve.
public struct PolicyCondition: Sendable, Hashable {
    public var clauses: [ConditionClause]

    public init(clauses: [ConditionClause] = []) { self.clauses = clauses }

    public var isEmpty: Bool { clauses.isEmpty }

    /// The condition keys used, lower-cased (for "is there a restricting condition?" questions).
    public var keys: Set<String> { Set(clauses.map { $0.key.lowercased() }) }

    /// The clauses on `key` (case-insensitive).
    public func clauses(on key: String) -> [ConditionClause] {
        let lower = key.lowercased()
        return clauses.filter { $0.key.lowercased() == lower }
    }
}

/// One `operator: { key: values }` test: values of one key are OR-ed (NOR for negated operators).
public struct ConditionClause: Sendable, Hashable {
    public var op: ConditionOperator
    public var key: String
    /// The policy's values as text (numbers and Booleans in their JSON spelling).
    public var values: [String]

    public init(op: ConditionOperator, key: String, values: [String]) {
        self.op = op
        self.key = key
        self.values = values
    }
}

/// A condition operator with its `IfExists` suffix and `ForAnyValue:`/`ForAllValues:` qualifier.
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    /// The set qualifier for multi-valued keys.
    public enum SetQualifier: String, Sendable, Hashable {
        case forAnyValue = "ForAnyValue"
        case forAllValues = "ForAllValues"
    }

    /// The comparison itself.
    public enum Base: Sendable, Hashable {
        case stringEquals, stringNotEquals, stringEqualsIgnoreCase, stringNotEqualsIgnoreCase, stringLike, stringNotLike
        case numericEquals, numericNotEquals, numericLessThan, numericLessThanEquals, numericGreaterThan, numericGreaterThanEquals
        case dateEquals, dateNotEquals, dateLessThan, dateLessThanEquals, dateGreaterThan, dateGreaterThanEquals
        case bool, binaryEquals, ipAddress, notIpAddress
        case arnEquals, arnLike, arnNotEquals, arnNotLike
        case null
        /// An operator this engine does not know: evaluated as "maybe", never as a pass.
        case unsupported(String)
    }

    public var base: Base
    public var ifExists: Bool
    public var qualifier: SetQualifier?
    /// The operator as written in the policy.
    public var text: String

    public var description: String { text }

    /// Parses `ForAnyValue:StringLikeIfExists`-style names. Unknown names become `.unsupported`.
    public init(_ text: String) {
        self.text = text
        var name = Substring(text)
        qualifier = nil
        for candidate in [SetQualifier.forAnyValue, .forAllValues] where name.lowercased().hasPrefix(candidate.rawValue.lowercased() + ":") {
            qualifier = candidate
            name = name.dropFirst(candidate.rawValue.count + 1)
        }
        ifExists = false
        if name.lowercased().hasSuffix("ifexists"), name.count > "IfExists".count {
            ifExists = true
            name = name.dropLast("IfExists".count)
        }
        base = ConditionOperator.bases[name.lowercased()] ?? .unsupported(text)
    }

    static let bases: [String: Base] = [
        "stringequals": .stringEquals, "stringnotequals": .stringNotEquals,
        "stringequalsignorecase": .stringEqualsIgnoreCase, "stringnotequalsignorecase": .stringNotEqualsIgnoreCase,
        "stringlike": .stringLike, "stringnotlike": .stringNotLike,
        "numericequals": .numericEquals, "numericnotequals": .numericNotEquals,
        "numericlessthan": .numericLessThan, "numericlessthanequals": .numericLessThanEquals,
        "numericgreaterthan": .numericGreaterThan, "numericgreaterthanequals": .numericGreaterThanEquals,
        "dateequals": .dateEquals, "datenotequals": .dateNotEquals,
        "datelessthan": .dateLessThan, "datelessthanequals": .dateLessThanEquals,
        "dategreaterthan": .dateGreaterThan, "dategreaterthanequals": .dateGreaterThanEquals,
        "bool": .bool, "binaryequals": .binaryEquals, "ipaddress": .ipAddress, "notipaddress": .notIpAddress,
        "arnequals": .arnEquals, "arnlike": .arnLike, "arnnotequals": .arnNotEquals, "arnnotlike": .arnNotLike,
        "null": .null,
    ]

    /// Whether the operator is a negated match (true when the key is absent).
    public var isNegated: Bool {
        switch base {
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
             .notIpAddress, .arnNotEquals, .arnNotLike:
            return true
        default:
            return false
        }
    }

    /// Whether this engine knows the operator.
    public var isSupported: Bool {
        if case .unsupported = base { return false }
        return true
    }
}
