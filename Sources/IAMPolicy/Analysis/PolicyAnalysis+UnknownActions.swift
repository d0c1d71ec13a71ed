/// An action entry the catalog does not know: reported so a control can say what it could not judge.
public struct UnknownAction: AnalysisFinding, Hashable {
    public enum Reason: String, Sendable, Hashable {
        case unknownService = "unknown service"
        case unknownAction = "unknown action"
        case matchesNothing = "wildcard matches no known action"
        case catalogUnavailable = "action catalog unavailable"
    }

    public var pattern: String
    public var reason: Reason
    public var summary: String
    public var evidence: [Evidence]
    public var isConditional: Bool { false }
}

extension PolicyAnalysis {
    /// Action entries (in `Action` or `NotAction`) naming services or actions the catalog does not
    /// know, or wildcards that match nothing. Typos here silently grant or deny nothing in AWS.
    /// AWS managed policies are skipped: their entries are AWS's, and one the catalog lacks only
    /// means the catalog is older than the policy.
    public static func unknownActions(_ principal: PrincipalPolicies, catalog: ActionCatalog = .shared) -> [UnknownAction] {
        var findings: [UnknownAction] = []
        for policy in principal.policies {
            if let arn = policy.arn, ManagedPolicies.isAWSManaged(arn: arn) { continue }
            for (index, statement) in policy.document.statements.enumerated() {
                for pattern in statement.action.patterns {
                    guard let reason = classify(pattern, catalog) else { continue }
                    let ref = StatementRef(policyName: policy.name, policyArn: policy.arn, index: index, sid: statement.sid)
                    var evidence = statement.evidence(ref)
                    evidence.actions = [pattern.text]
                    findings.append(UnknownAction(pattern: pattern.text, reason: reason,
                                                  summary: "\(ref): \(pattern.text): \(reason.rawValue)", evidence: [evidence]))
                }
            }
        }
        return findings
    }

    static func classify(_ pattern: ActionPattern, _ catalog: ActionCatalog) -> UnknownAction.Reason? {
        if pattern.lower.allSatisfy({ $0 == Glob.star }) { return nil }
        guard !catalog.services.isEmpty else { return .catalogUnavailable }
        return catalog.memo.answer(ByteKey(pattern.lower)) { classifyUncached(pattern, catalog) }
    }

    static func classifyUncached(_ pattern: ActionPattern, _ catalog: ActionCatalog) -> UnknownAction.Reason? {
        let service = pattern.service
        if !Glob.hasWildcard(Array(service.utf8)) && !catalog.isKnownService(service) { return .unknownService }
        if !pattern.hasWildcard { return catalog.isKnownAction(pattern.text) ? nil : .unknownAction }
        return catalog.matchesAny(pattern) ? nil : .matchesNothing
    }
}
