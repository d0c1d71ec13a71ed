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

    public var sid: String?
    public var effect: Effect
    public var principal: PolicyPrincipal?
    public var notPrincipal: PolicyPrincipal?
    public var action: ActionClause
    /// Absent in trust policies and SCP-style documents that omit it (then it matches every resource).
    public var resource: ResourceClause?
    public var condition: PolicyCondition

    public init(sid: String? = nil, effect: Effect, principal: PolicyPrincipal? = nil, notPrincipal: PolicyPrincipal? = nil,
                action: ActionClause, resource: ResourceClause? = nil, condition: PolicyCondition = .init()) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.notPrincipal = notPrincipal
        self.action = action
        self.resource = resource
        self.condition = condition
    }

    /// The resource patterns as written (`["*"]` when the element is absent).
    public var resourceTexts: [String] {
        guard let resource else { return ["*"] }
        return resource.patterns.map(\.text)
    }
}
