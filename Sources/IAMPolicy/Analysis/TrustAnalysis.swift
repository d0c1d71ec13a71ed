/// A problem in a role's trust policy (EB-IAM-007).
public struct TrustIssue: AnalysisFinding, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `Principal: "*"` (or `{"AWS": "*"}`) without a restricting condition: anyone can assume the role.
        case everyone
        /// Another account is trusted without `sts:ExternalId`, `aws:PrincipalOrgID`, `aws:SourceAccount`/`aws:SourceArn`.
        case crossAccountWithoutCondition(account: String)
        /// A service other than the expected ones is trusted.
        case unexpectedService(String)
        /// A non-service principal (account, user, role, federated, `*`) is trusted where only services are expected.
        case unexpectedPrincipal(String)
        /// An expected service is not trusted (the role will not work for it).
        case missingExpectedService(String)
        /// The expected service is trusted without the required `sts:ExternalId`.
        case missingExternalId(expected: String)
        /// `sts:ExternalId` is required but with other values.
        case wrongExternalId(expected: String, found: [String])
        /// A federated (OIDC/SAML) provider is trusted without a condition on the subject or audience.
        case federatedWithoutCondition(provider: String)
        /// An Allow with `NotPrincipal`: everyone except the listed principals can assume the role.
        case notPrincipal
    }

    public var kind: Kind
    public var summary: String
    public var evidence: [Evidence]
    public var isConditional: Bool
}

/// Who a trust policy lets assume the role, with the conditions that restrict it.
public struct TrustedPrincipal: Sendable, Hashable {
    /// nil for `Principal: "*"`.
    public var entry: PrincipalEntry?
    public var statement: StatementRef
    /// Condition keys on the statement.
    public var conditionKeys: [String]
    /// True when a condition restricts who can use the grant (external id, org, source account/ARN, principal ARN).
    public var isRestricted: Bool
}

/// Trust-policy analysis.
public enum TrustAnalysis {
    /// Actions that let a principal take on the role.
    public static let assumeActions = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"]

    /// Condition keys that tie a broad trust to a specific caller.
    public static let restrictingKeys: Set<String> = [
        "sts:externalid", "aws:principalorgid", "aws:principalorgpaths", "aws:sourceaccount", "aws:sourcearn",
        "aws:principalarn", "aws:principalaccount", "aws:sourceorgid", "aws:sourceorgpaths",
    ]

    /// Every principal an Allow statement lets assume the role.
    public static func trustedPrincipals(_ trust: PolicyDocument, policyName: String = "trust policy") -> [TrustedPrincipal] {
        var result: [TrustedPrincipal] = []
        for (index, statement) in trust.statements.enumerated() where statement.effect == .allow && grantsAssume(statement) {
            let ref = StatementRef(policyName: policyName, index: index, sid: statement.sid, layer: .resource)
            let keys = statement.condition.clauses.map(\.key)
            let restricted = statement.condition.keys.contains { restrictingKeys.contains($0) }
            switch statement.principal {
            case .everyone?:
                result.append(TrustedPrincipal(entry: nil, statement: ref, conditionKeys: keys, isRestricted: restricted))
            case let .entries(entries)?:
                for entry in entries {
                    result.append(TrustedPrincipal(entry: entry, statement: ref, conditionKeys: keys, isRestricted: restricted))
                }
            case nil:
                break
            }
        }
        return result
    }

    static func grantsAssume(_ statement: PolicyStatement) -> Bool {
        assumeActions.contains { statement.action.applies(to: ActionQuery($0)) }
    }

    /// Analyzes a trust policy.
    ///
    /// - Parameters:
    ///   - expectedServices: when non-empty, the role must trust exactly these services (e.g.
    ///     `ec2.amazonaws.com` for an instance role) and nothing else.
    ///   - requiredExternalId: the `sts:ExternalId` the expected service must be bound to
    ///     (`elasticbeanstalk` for the EB service role).
    ///   - ownAccount: the role's account; other accounts without a restricting condition are flagged.
    public static func analyze(_ trust: PolicyDocument, expectedServices: Set<String> = [], requiredExternalId: String? = nil,
                               ownAccount: String? = nil) -> [TrustIssue] {
        var issues: [TrustIssue] = []
        let expected = Set(expectedServices.map { $0.lowercased() })
        var seenServices = Set<String>()

        for (index, statement) in trust.statements.enumerated() where statement.effect == .allow && grantsAssume(statement) {
            let ref = StatementRef(policyName: "trust policy", index: index, sid: statement.sid, layer: .resource)
            let evidence = [statement.evidence(ref)]
            let conditional = !statement.condition.isEmpty
            let restricted = statement.condition.keys.contains { restrictingKeys.contains($0) }
            func issue(_ kind: TrustIssue.Kind, _ summary: String) {
                issues.append(TrustIssue(kind: kind, summary: "\(ref): \(summary)", evidence: evidence, isConditional: conditional))
            }
            if statement.notPrincipal != nil {
                issue(.notPrincipal, "Allow with NotPrincipal lets every principal except those listed assume the role")
            }
            guard let principal = statement.principal else { continue }
            if case .everyone = principal {
                if !restricted { issue(.everyone, "Principal \"*\" lets anyone assume the role, with no restricting condition") }
                if !expected.isEmpty { issue(.unexpectedPrincipal("*"), "trusts \"*\"; only \(expected.sorted().joined(separator: ", ")) expected") }
                continue
            }
            for entry in principal.entries {
                switch entry.kind {
                case .service:
                    let service = entry.value.lowercased()
                    seenServices.insert(service)
                    if !expected.isEmpty, !expected.contains(service) {
                        issue(.unexpectedService(entry.value), "trusts service \(entry.value); only \(expected.sorted().joined(separator: ", ")) expected")
                    }
                    if let required = requiredExternalId, expected.contains(service) {
                        let clauses = statement.condition.clauses(on: "sts:ExternalId").filter { !$0.op.isNegated }
                        let values = clauses.flatMap(\.values)
                        if clauses.isEmpty {
                            issue(.missingExternalId(expected: required), "trusts \(entry.value) without sts:ExternalId = \(required)")
                        } else if !values.contains(required) {
                            issue(.wrongExternalId(expected: required, found: values),
                                  "sts:ExternalId is \(values.joined(separator: ", ")), expected \(required)")
                        }
                    }
                case .aws:
                    if entry.value == "*" {
                        if !restricted { issue(.everyone, "AWS \"*\" lets any AWS principal assume the role, with no restricting condition") }
                    } else if let account = entry.account, let ownAccount, account != ownAccount, !restricted {
                        issue(.crossAccountWithoutCondition(account: account),
                              "trusts account \(account) (\(entry.value)) without sts:ExternalId, aws:PrincipalOrgID or aws:SourceAccount/SourceArn")
                    }
                    if !expected.isEmpty { issue(.unexpectedPrincipal(entry.value), "trusts \(entry.value); only \(expected.sorted().joined(separator: ", ")) expected") }
                case .federated:
                    let keys = statement.condition.keys
                    let pinned = keys.contains { $0.hasSuffix(":sub") || $0.hasSuffix(":aud") || $0 == "saml:aud" || $0.hasSuffix(":amr") }
                    let isSAML = entry.value.contains(":saml-provider/")
                    let webIdentityNeedsSub = !isSAML && !keys.contains { $0.hasSuffix(":sub") }
                    if !pinned || webIdentityNeedsSub {
                        issue(.federatedWithoutCondition(provider: entry.value),
                              "trusts identity provider \(entry.value) without a condition on the token's subject/audience")
                    }
                    if !expected.isEmpty { issue(.unexpectedPrincipal(entry.value), "trusts \(entry.value); only \(expected.sorted().joined(separator: ", ")) expected") }
                case .canonicalUser, .other:
                    if !expected.isEmpty { issue(.unexpectedPrincipal(entry.value), "trusts \(entry.description); only \(expected.sorted().joined(separator: ", ")) expected") }
                }
            }
        }
        for service in expected.sorted() where !seenServices.contains(service) {
            issues.append(TrustIssue(kind: .missingExpectedService(service), summary: "the trust policy does not trust \(service)",
                                     evidence: [], isConditional: false))
        }
        return issues
    }
}
