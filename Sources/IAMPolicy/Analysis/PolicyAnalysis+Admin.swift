/// Administrative access held by a principal (EB-IAM-003).
public struct AdministrativeAccess: AnalysisFinding, Hashable {
    public enum Reason: Sendable, Hashable {
        /// `AdministratorAccess`, `PowerUserAccess` or `IAMFullAccess` is attached.
        case managedPolicy(String)
        /// A statement allows `*` on `*`.
        case allActions
        /// A statement allows `iam:*` on `*`.
        case iamWildcard
        /// An Allow with `NotAction` on `*` leaves admin-grade power (IAM permission management,
        /// or most of AWS).
        case notAction
    }

    public var reason: Reason
    public var summary: String
    public var evidence: [Evidence]
    public var isConditional: Bool
}

extension PolicyAnalysis {
    /// Finds administrative access: admin-grade managed policies attached, or statements that allow
    /// `*` / `iam:*` on `*`, or `NotAction` allows on `*` that leave admin-grade power. A statement
    /// neutralised by an explicit deny or the permissions boundary is not reported.
    public static func administrativeAccess(_ principal: PrincipalPolicies) -> [AdministrativeAccess] {
        var findings: [AdministrativeAccess] = []
        var reportedPolicies: Set<String> = []
        let anyResource = ResourceQuery("*")
        let context = RequestContext()
        let allActions = ActionQuery("*"), allIAM = ActionQuery("iam:*")

        for policy in principal.policies {
            guard let arn = policy.arn, ManagedPolicies.isAWSManaged(arn: arn) else { continue }
            let name = ManagedPolicies.name(ofArn: arn)
            guard administrativeManagedPolicies.contains(name) else { continue }
            reportedPolicies.insert(arn)
            let evidence = policy.document.statements.enumerated().map { index, statement in
                statement.evidence(StatementRef(policyName: policy.name, policyArn: arn, index: index, sid: statement.sid))
            }
            findings.append(AdministrativeAccess(reason: .managedPolicy(name), summary: "AWS managed policy \(name) is attached",
                                                 evidence: evidence, isConditional: false))
        }

        // Only Allow statements that name `*` or `iam:*`, or use NotAction, can be admin-grade.
        let candidate = { (statement: PolicyStatement) in
            statement.effect == .allow
                && (statement.action.isNegated || statement.action.applies(to: allActions) || statement.action.applies(to: allIAM))
        }
        principal.forEachStatement(where: candidate) { policy, statement, ref in
            guard reportedPolicies.isEmpty || !reportedPolicies.contains(policy.arn ?? "\u{0}") else { return }
            guard (statement.resource?.applies(to: anyResource, context: context) ?? .yes) != .no else { return }
            let conditional = !statement.condition.isEmpty
            switch statement.action {
            case .actions:
                if statement.action.applies(to: allActions), principal.evaluate(allActions, anyResource, context).isAllowed {
                    findings.append(AdministrativeAccess(reason: .allActions, summary: "\(ref) allows * on *",
                                                         evidence: [statement.evidence(ref)], isConditional: conditional))
                } else if statement.action.applies(to: allIAM), principal.evaluate(allIAM, anyResource, context).isAllowed {
                    findings.append(AdministrativeAccess(reason: .iamWildcard, summary: "\(ref) allows iam:* on *",
                                                         evidence: [statement.evidence(ref)], isConditional: conditional))
                }
            case .notActions:
                if let why = notActionAdminGrade(statement, principal) {
                    findings.append(AdministrativeAccess(reason: .notAction, summary: "\(ref) allows every action except those listed (NotAction) on *: \(why)",
                                                         evidence: [statement.evidence(ref)], isConditional: conditional))
                }
            }
        }
        return findings
    }

    /// Why an Allow + NotAction statement is admin-grade, or nil.
    static func notActionAdminGrade(_ statement: PolicyStatement, _ principal: PrincipalPolicies) -> String? {
        let kept = permissionsManagementProbe.filter { action in
            statement.action.applies(to: ActionQuery(action)) && principal.evaluate(action: action, resource: "*").isAllowed
        }
        if !kept.isEmpty { return "it still allows \(kept.joined(separator: ", "))" }
        let catalog = ActionCatalog.shared
        let total = catalog.actionCount
        guard total > 0 else { return "the action catalog is unavailable, so the remaining actions cannot be bounded" }
        var excluded = catalog.emptyActionSet()
        for pattern in statement.action.patterns { excluded.formUnion(catalog.actionSet(pattern)) }
        let remaining = total - excluded.count
        if remaining * 2 >= total { return "it leaves \(remaining) of \(total) actions (PowerUser-like)" }
        return nil
    }
}
