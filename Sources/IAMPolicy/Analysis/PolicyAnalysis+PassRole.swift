/// Where a principal may pass roles (EB-IAM-006: "its PassRole is limited to the environment's own roles").
public struct PassRoleScope: AnalysisFinding, Hashable {
    /// Role ARN patterns PassRole is allowed on (after denies and boundary).
    public var resources: [String]
    /// True when any grant reaches every role (`*`, `NotResource`, or `role/*`).
    public var isUnrestricted: Bool
    /// Services the role may be passed to, from `iam:PassedToService` conditions (empty: any or unknown).
    public var passedToServices: [String]
    public var evidence: [Evidence]
    public var isConditional: Bool

    /// `iam:PassRole is allowed on <resources> (to <services>)`, written when read (most scopes
    /// of an audit are within the environment's roles and never quoted).
    public var summary: String {
        var summary = "iam:PassRole is allowed on \(resources.joined(separator: ", "))"
        if !passedToServices.isEmpty { summary += " (to \(passedToServices.joined(separator: ", ")))" }
        return summary
    }

    /// Whether every granted pattern lies within `roleArns` (ARNs or ARN patterns). An
    /// unrestricted or `NotResource` grant is never limited.
    public func isLimited(to roleArns: [String]) -> Bool {
        guard !isUnrestricted else { return false }
        let allowed = roleArns.map { ResourcePattern($0) }
        return resources.allSatisfy { granted in
            let query = ResourceQuery(granted)
            return allowed.contains { ResourcePattern.match($0.bytes, query) }
        }
    }
}

extension PolicyAnalysis {
    /// `iam:PassRole` ready for matching (every service role of an audit asks about it).
    private static let passRoleQuery = ActionQuery("iam:PassRole")

    /// The resources `iam:PassRole` is allowed on, or nil when PassRole is not granted at all.
    public static func passRoleResources(_ principal: PrincipalPolicies) -> PassRoleScope? {
        let grants = principal.grants(passRoleQuery)
        guard !grants.isEmpty else { return nil }
        var resources: [String] = []
        var services = Set<String>()
        for grant in grants {
            resources += grant.resourcesNegated ? ["*"] : grant.resources
        }
        for policy in principal.policies {
            for grant in grants where grant.statement.policyName == policy.name && grant.statement.policyArn == policy.arn
                && policy.document.statements.indices.contains(grant.statement.index) {
                let statement = policy.document.statements[grant.statement.index]
                for clause in statement.condition.clauses(on: "iam:PassedToService") { services.formUnion(clause.values) }
            }
        }
        let unrestricted = grants.contains { $0.breadth >= .typeWide }
        return PassRoleScope(resources: Array(Set(resources)).sorted(), isUnrestricted: unrestricted, passedToServices: services.sorted(),
                             evidence: grants.map(\.evidence), isConditional: grants.allSatisfy(\.isConditional))
    }

    /// Whether the principal is allowed `action` on `resource` (e.g. `elasticbeanstalk:PutInstanceStatistics`).
    public static func allows(_ principal: PrincipalPolicies, action: String, resource: String = "*",
                              context: RequestContext = .init()) -> Decision {
        principal.evaluate(action: action, resource: resource, context: context)
    }
}
