/// A resource-policy statement that grants access to anyone (`Principal: "*"`, `{"AWS": "*"}` or
/// an Allow with `NotPrincipal`) with no condition tying it to a caller.
///
/// Statements that grant `sts:AssumeRole*` are left to `TrustAnalysis`, which reports them.
public struct PublicAccess: AnalysisFinding, Hashable {
    /// The actions as written (or `NotAction [...]`).
    public var actions: [String]
    public var summary: String
    public var evidence: [Evidence]
    public var isConditional: Bool
}

extension PolicyAnalysis {
    /// Condition keys that keep a `Principal: "*"` grant from being public: caller identity and
    /// organisation, source account/ARN, and network origin (VPC, VPC endpoint, IP range).
    public static let publicAccessRestrictingKeys: Set<String> = TrustAnalysis.restrictingKeys.union([
        "aws:sourcevpc", "aws:sourcevpce", "aws:sourceip", "aws:userid", "aws:username", "aws:calledvia",
    ])

    /// True when some statement names a `Principal` or `NotPrincipal`: a trust or resource policy,
    /// not an identity policy.
    public static func isResourcePolicy(_ document: PolicyDocument) -> Bool {
        document.statements.contains { $0.principal != nil || $0.notPrincipal != nil }
    }

    /// Allow statements of a resource (or trust) policy that let anyone call their actions.
    public static func publicAccess(_ document: PolicyDocument, policyName: String = "resource policy") -> [PublicAccess] {
        var findings: [PublicAccess] = []
        for (index, statement) in document.statements.enumerated() where statement.effect == .allow {
            guard !TrustAnalysis.grantsAssume(statement) else { continue }
            let everyone = statement.notPrincipal != nil || statement.principal?.isWildcard == true
            guard everyone, !statement.condition.keys.contains(where: publicAccessRestrictingKeys.contains) else { continue }
            let ref = StatementRef(policyName: policyName, index: index, sid: statement.sid, layer: .resource)
            let evidence = statement.evidence(ref)
            let who = statement.notPrincipal != nil ? "every principal except those listed (NotPrincipal)" : "anyone (Principal \"*\")"
            findings.append(PublicAccess(actions: evidence.actions,
                                         summary: "\(ref) lets \(who) call \(evidence.actions.joined(separator: ", ")) on \(evidence.resources.joined(separator: ", "))",
                                         evidence: [evidence], isConditional: !statement.condition.isEmpty))
        }
        return findings
    }
}
