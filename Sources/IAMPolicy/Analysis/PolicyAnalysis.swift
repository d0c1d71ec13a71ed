/// Pure analyses over one principal's effective policies (EB-IAM-003 … EB-IAM-012 stand on them).
///
/// Every result names the exact policy, statement (index and Sid), actions and resources that
/// cause it, so a finding can quote its evidence.
public enum PolicyAnalysis {
    /// AWS managed policies that give administrative access by themselves.
    public static let administrativeManagedPolicies: Set<String> = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"]

    /// IAM actions that let a principal rewrite permissions (used to judge `NotAction` statements).
    static let permissionsManagementProbe = [
        "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:CreatePolicyVersion", "iam:AttachUserPolicy",
        "iam:PutUserPolicy", "iam:CreateAccessKey", "iam:UpdateAssumeRolePolicy",
    ]
}

/// A common shape for analysis results, so callers can print any of them as evidence.
public protocol AnalysisFinding: Sendable {
    /// One line for humans.
    var summary: String { get }
    /// The statements behind the finding.
    var evidence: [Evidence] { get }
    /// True when the finding depends on conditions the audit could not evaluate.
    var isConditional: Bool { get }
}

extension Array where Element == Evidence {
    /// Condition keys across the evidence, unique, sorted.
    var allConditionKeys: [String] {
        var keys = Set<String>()
        for evidence in self { keys.formUnion(evidence.conditionKeys) }
        return keys.sorted()
    }
}

extension PolicyStatement {
    /// Evidence for the whole statement as written.
    func evidence(_ ref: StatementRef) -> Evidence {
        let actions: [String]
        switch action {
        case let .actions(list): actions = list.map(\.text)
        case let .notActions(list): actions = ["NotAction [" + list.map(\.text).joined(separator: ", ") + "]"]
        }
        return Evidence(statement: ref, actions: actions, resources: resourceTexts,
                        resourcesNegated: resource?.isNegated ?? false, conditionKeys: condition.clauses.map(\.key))
    }
}

extension PrincipalPolicies {
    /// Calls `body` for each identity-policy statement with its reference.
    func forEachStatement(_ body: (NamedPolicy, PolicyStatement, StatementRef) -> Void) {
        forEachStatement(where: { _ in true }, body)
    }

    /// Calls `body` for each identity-policy statement `filter` accepts (references are made only
    /// for those).
    func forEachStatement(where filter: (PolicyStatement) -> Bool, _ body: (NamedPolicy, PolicyStatement, StatementRef) -> Void) {
        for policy in policies {
            for (index, statement) in policy.document.statements.enumerated() where filter(statement) {
                body(policy, statement, StatementRef(policyName: policy.name, policyArn: policy.arn, index: index, sid: statement.sid))
            }
        }
    }
}

extension PolicyAnalysis {
    /// Loads what the analyses share for the whole process — the bundled action catalog with its
    /// action index, and the bundled AWS managed policies — if not loaded yet.
    ///
    /// Why: otherwise the first analysis loads them while every other thread that reaches an
    /// analysis waits; a caller that knows analyses are coming can call this on a spare thread
    /// while it prepares other work.
    public static func loadSharedData() {
        _ = ActionCatalog.shared.actionIndex
        _ = ManagedPolicyStore.shared
    }
}
