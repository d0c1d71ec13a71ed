/// How widely one secret-reading action is granted (EB-IAM-011).
public struct SecretReadScope: AnalysisFinding, Hashable {
    public var action: String
    /// The broadest grant: `.all`/`.typeWide` mean every secret/parameter/key, `.scoped` named ones.
    public var breadth: ResourceBreadth
    /// Every resource pattern the action is granted on.
    public var resources: [String]
    public var evidence: [Evidence]
    public var isConditional: Bool

    /// True when the action reaches every secret (or parameter, or key), not named ones.
    public var isUnscoped: Bool { breadth >= .typeWide }

    /// `<action> is allowed <how widely>: <resources>`, written when read (an audit quotes only
    /// the unscoped ones).
    public var summary: String {
        let scope: String
        switch breadth {
        case .all: scope = "on every resource"
        case .typeWide: scope = "on every resource of its type"
        case .scoped: scope = "only on named resources"
        }
        return "\(action) is allowed \(scope): \(resources.joined(separator: ", "))"
    }
}

extension PolicyAnalysis {
    /// The secret-reading actions EB-IAM-011 looks at.
    public static let secretReadActions = [
        "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath",
        "ssm:GetParameterHistory", "kms:Decrypt",
    ]

    /// `secretReadActions` ready for matching (every role of an audit asks about them).
    private static let secretReadQueries = secretReadActions.map(ActionQuery.init)

    /// For each secret-reading action the principal is granted, how widely: on `*` (or every
    /// secret/parameter/key of an account) versus on named ARNs or paths. Actions not granted are
    /// not listed, nor those granted less widely than `minimum`.
    ///
    /// `minimum: .typeWide` lists only the unscoped reads, as EB-IAM-011 reports them: the scope of
    /// an action granted on named resources alone (its resources and evidence) is then not built.
    public static func secretReadScope(_ principal: PrincipalPolicies, actions: [String] = secretReadActions,
                                       minimum: ResourceBreadth = .scoped) -> [SecretReadScope] {
        let queries = actions == secretReadActions ? secretReadQueries : actions.map(ActionQuery.init)
        return queries.compactMap { query in
            let action = query.text
            let grants = principal.grants(query)
            guard !grants.isEmpty else { return nil }
            let breadths = grants.map { $0.breadth }
            let breadth = breadths.max() ?? .scoped
            guard breadth >= minimum else { return nil }
            let resources = Array(Set(grants.flatMap { $0.resourcesNegated ? ["everything except " + $0.resources.joined(separator: ", ")] : $0.resources })).sorted()
            let conditional = grants.indices.filter { breadths[$0] == breadth }.allSatisfy { grants[$0].isConditional }
            return SecretReadScope(action: action, breadth: breadth, resources: resources,
                                   evidence: grants.map(\.evidence), isConditional: conditional)
        }
    }
}
