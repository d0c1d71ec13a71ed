/// Three-valued truth for evaluation without full knowledge of the request.
///
/// An audit rarely knows the request context (source IP, MFA, tags); a condition over an unknown
/// key is `.maybe`, so "could this be allowed?" can answer yes-but-conditional instead of guessing.
public enum Tri: Sendable, Hashable {
    case no, yes, maybe

    init(_ value: Bool) { self = value ? .yes : .no }

    /// Kleene conjunction.
    static func && (lhs: Tri, rhs: @autoclosure () -> Tri) -> Tri {
        if lhs == .no { return .no }
        let right = rhs()
        if right == .no { return .no }
        return (lhs == .maybe || right == .maybe) ? .maybe : .yes
    }

    /// Kleene disjunction.
    static func || (lhs: Tri, rhs: @autoclosure () -> Tri) -> Tri {
        if lhs == .yes { return .yes }
        let right = rhs()
        if right == .yes { return .yes }
        return (lhs == .maybe || right == .maybe) ? .maybe : .no
    }

    static prefix func ! (value: Tri) -> Tri {
        switch value {
        case .no: return .yes
        case .yes: return .no
        case .maybe: return .maybe
        }
    }
}
