/// A privilege-escalation path the principal holds (EB-IAM-005).
public struct PrivilegeEscalation: AnalysisFinding, Hashable {
    public var path: EscalationPath
    public var summary: String
    /// One entry per requirement (the first grant that satisfies it).
    public var evidence: [Evidence]
    /// True when some requirement is only granted under conditions.
    public var isConditional: Bool
}

extension PolicyAnalysis {
    /// Checks every path in `paths` (default `EscalationPath.all`): a path is reported when every
    /// one of its actions is allowed — on broad resources where the path needs it — after explicit
    /// denies, the permissions boundary and SCPs. `Action: "*"` on `*` therefore reports every path.
    public static func privilegeEscalation(_ principal: PrincipalPolicies, paths: [EscalationPath] = EscalationPath.all) -> [PrivilegeEscalation] {
        var cache: [String: [Grant]] = [:]
        func grants(_ action: String) -> [Grant] {
            if let cached = cache[action] { return cached }
            let found = principal.grants(action: action)
            cache[action] = found
            return found
        }
        var findings: [PrivilegeEscalation] = []
        paths: for path in paths {
            var evidence: [Evidence] = []
            var conditional = false
            for requirement in path.requirements {
                let qualifying = grants(requirement.action).filter { !requirement.needsBroadResource || $0.breadth >= .typeWide }
                guard !qualifying.isEmpty else { continue paths }
                let chosen = qualifying.first(where: { !$0.isConditional }) ?? qualifying[0]
                conditional = conditional || chosen.isConditional
                var item = chosen.evidence
                if item.actions != [requirement.action] { item.actions = item.actions.map { "\($0) (grants \(requirement.action))" } }
                evidence.append(item)
            }
            let sources = Set(evidence.map(\.statement.description)).sorted().joined(separator: "; ")
            findings.append(PrivilegeEscalation(path: path, summary: "escalation path \(path.name): \(path.explanation) [\(sources)]",
                                                evidence: evidence, isConditional: conditional))
        }
        return findings
    }
}
