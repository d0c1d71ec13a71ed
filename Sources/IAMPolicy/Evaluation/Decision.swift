/// The answer to "is this action on this resource allowed?", with the statements behind it.
///
/// `isConditional` is the honest part: when a matching statement depends on a condition key the
/// request context did not give, the answer is what *could* happen (allows with unknown conditions
/// count, denies with unknown conditions do not) and `unresolvedKeys` names what was missing.
public struct Decision: Sendable, Hashable, CustomStringConvertible {
    public enum Outcome: String, Sendable, Hashable {
        case allowed
        case explicitDeny = "explicit deny"
        case implicitDeny = "implicit deny"
    }

    public var outcome: Outcome
    /// True when the outcome depends on condition keys (or policy variables) that were not known.
    public var isConditional: Bool
    /// Condition keys that could not be resolved, sorted, unique.
    public var unresolvedKeys: [String]
    /// Allow statements that match (definitely or possibly).
    public var allowedBy: [StatementRef]
    /// Deny statements that match (definitely or possibly).
    public var deniedBy: [StatementRef]
    /// For an implicit deny: the layer that granted nothing (identity policies, boundary, SCP).
    public var missingAllowIn: PolicyLayer?

    public var isAllowed: Bool { outcome == .allowed }

    public var description: String {
        var text = outcome.rawValue
        if isConditional { text += " (conditional on \(unresolvedKeys.isEmpty ? "unknown context" : unresolvedKeys.joined(separator: ", ")))" }
        if outcome == .explicitDeny, let first = deniedBy.first { text += " by \(first)" }
        if outcome == .allowed, let first = allowedBy.first { text += " by \(first)" }
        if outcome == .implicitDeny, let layer = missingAllowIn, layer != .identity { text += ": no allow in the \(layer.rawValue)" }
        return text
    }
}
