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
    /// Checks every path in `paths` (default: `EscalationPath.all`): a path is reported when every
    /// one of its actions is allowed — on broad resources where the path needs it — after explicit
    /// denies, the permissions boundary and SCPs. `Action: "*"` on `*` therefore reports every path.
    public static func privilegeEscalation(_ principal: PrincipalPolicies, paths: [EscalationPath]? = nil) -> [PrivilegeEscalation] {
        let compiled = paths.map(CompiledPaths.init) ?? CompiledPaths.standard
        var cache = [[Grant]?](repeating: nil, count: compiled.queries.count)
        var findings: [PrivilegeEscalation] = []
        paths: for (pathIndex, path) in compiled.paths.enumerated() {
            var evidence: [Evidence] = []
            var conditional = false
            for (position, requirement) in path.requirements.enumerated() {
                let slot = compiled.slots[pathIndex][position]
                let all: [Grant]
                if let cached = cache[slot] {
                    all = cached
                } else {
                    all = principal.grants(compiled.queries[slot])
                    cache[slot] = all
                }
                let qualifying = all.filter { !requirement.needsBroadResource || $0.breadth >= .typeWide }
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

/// The path table with each distinct action lower-cased once and numbered, so one analysis looks
/// each action up at most once.
struct CompiledPaths: Sendable {
    let paths: [EscalationPath]
    let queries: [ActionQuery]
    /// For each path, for each requirement: the index into `queries`.
    let slots: [[Int]]

    static let standard = CompiledPaths(EscalationPath.all)

    init(_ paths: [EscalationPath]) {
        var index: [String: Int] = [:]
        var queries: [ActionQuery] = []
        var slots: [[Int]] = []
        for path in paths {
            slots.append(path.requirements.map { requirement in
                let key = requirement.action.lowercased()
                if let existing = index[key] { return existing }
                index[key] = queries.count
                queries.append(ActionQuery(requirement.action))
                return queries.count - 1
            })
        }
        self.paths = paths
        self.queries = queries
        self.slots = slots
    }
}
