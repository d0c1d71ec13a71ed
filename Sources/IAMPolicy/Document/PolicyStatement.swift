/// One statement of a policy document.
///
/// Each clause keeps its positive/negative form (`Action` vs `NotAction`, ...) because the
/// analyses must treat `NotAction` + `Allow` as "everything else" — a classic way to hide admin power.
public struct PolicyStatement: Sendable, Hashable {
    /// `Allow` or `Deny`.
    public enum Effect: String, Sendable, Hashable {
        case allow = "Allow"
        case deny = "Deny"
    }

    /// `Action` (listed actions) or `NotAction` (every action except those).
    public enum ActionClause: Sendable, Hashable {
        case actions([ActionPattern])
        case notActions([ActionPattern])

        public var patterns: [ActionPattern] {
            switch self {
            case let .actions(list), let .notActions(list): return list
            }
        }

        public var isNegated: Bool {
            if case .notActions = self { return true }
            return false
        }
    }

    /// `Resource` or `NotResource`.
    public enum ResourceClause: Sendable, Hashable {
        case resources([ResourcePattern])
        case notResources([ResourcePattern])

        public var patterns: [ResourcePattern] {
            switch self {
            case let .resources(list), let .notResources(list): return list
            }
        }

        public var isNegated: Bool {
            if case .notResources = self { return true }
            return false
        }
    }

    /// The statement's elements. Kept in one immutable box so that copying a statement (which
    /// evaluation does for every statement of every policy) costs one reference count, not eight.
    struct Fields: Sendable, Hashable {
        var sid: String?
        var effect: Effect
        var principal: PolicyPrincipal?
        var notPrincipal: PolicyPrincipal?
        var action: ActionClause
        var resource: ResourceClause?
        var condition: PolicyCondition
    }

    final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    var box: Box

    public var sid: String? {
        get { box.fields.sid }
        set { var f = box.fields; f.sid = newValue; box = Box(f) }
    }
    public var effect: Effect {
        get { box.fields.effect }
        set { var f = box.fields; f.effect = newValue; box = Box(f) }
    }
    public var principal: PolicyPrincipal? {
        get { box.fields.principal }
        set { var f = box.fields; f.principal = newValue; box = Box(f) }
    }
    public var notPrincipal: PolicyPrincipal? {
        get { box.fields.notPrincipal }
        set { var f = box.fields; f.notPrincipal = newValue; box = Box(f) }
    }
    public var action: ActionClause {
        get { box.fields.action }
        set { var f = box.fields; f.action = newValue; box = Box(f) }
    }
    /// Absent in trust policies and SCP-style documents that omit it (then it matches every resource).
    public var resource: ResourceClause? {
        get { box.fields.resource }
        set { var f = box.fields; f.resource = newValue; box = Box(f) }
    }
    public var condition: PolicyCondition {
        get { box.fields.condition }
        set { var f = box.fields; f.condition = newValue; box = Box(f) }
    }

    public init(sid: String? = nil, effect: Effect, principal: PolicyPrincipal? = nil, notPrincipal: PolicyPrincipal? = nil,
                action: ActionClause, resource: ResourceClause? = nil, condition: PolicyCondition = .init()) {
        box = Box(Fields(sid: sid, effect: effect, principal: principal, notPrincipal: notPrincipal,
                         action: action, resource: resource, condition: condition))
    }

    public static func == (lhs: PolicyStatement, rhs: PolicyStatement) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }

    /// The resource patterns as written (`["*"]` when the element is absent).
    public var resourceTexts: [String] {
        guard let resource else { return ["*"] }
        return resource.patterns.map(\.text)
    }
}
