import Foundation

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
    /// denies, the permissions boundary and SCPs. `Action: "*"` on `*` therefore reports every path;
    /// a grant whose resources are ARNs of another service (`NotAction` on a bucket) reports none.
    public static func privilegeEscalation(_ principal: PrincipalPolicies, paths: [EscalationPath]? = nil) -> [PrivilegeEscalation] {
        let compiled = paths.map(CompiledPaths.init) ?? CompiledPaths.standard
        // Actions no Allow statement names at all are granted nowhere: known without asking.
        let reachable = paths == nil ? CompiledPaths.standardAllowedQueries(principal) : nil
        // (Most principals are granted none of the paths' actions: then no path is open.)
        if reachable == 0, compiled.everyPathNeedsAnAction { return [] }
        var cache = [[Grant]?](repeating: nil, count: compiled.queries.count)
        var findings: [PrivilegeEscalation] = []
        paths: for pathIndex in compiled.paths.indices {
            let slots = compiled.slots[pathIndex]
            // Most paths need an action the principal is granted nowhere: skip them before anything else.
            if let reachable, slots.contains(where: { reachable & (1 << UInt64($0)) == 0 }) { continue }
            let path = compiled.paths[pathIndex]
            var evidence: [Evidence] = []
            var conditional = false
            for (position, requirement) in path.requirements.enumerated() {
                let slot = slots[position]
                let all: [Grant]
                if let reachable, reachable & (1 << UInt64(slot)) == 0 {
                    all = []
                } else if let cached = cache[slot] {
                    all = cached
                } else {
                    all = principal.grants(compiled.queries[slot])
                    cache[slot] = all
                }
                let qualifying = all.filter { grant in
                    (!requirement.needsBroadResource || grant.breadth >= .typeWide) && ActionCatalog.shared.mayApply(grant, to: requirement.action)
                }
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
    /// True when no path is open without some action (every path has a requirement).
    let everyPathNeedsAnAction: Bool
    /// Which queries each action pattern matches.
    /// Query masks per lower-cased action pattern.
    private let masks = BoundedMemo<ByteKey, UInt64>(capacity: 10_000)

    static let standard = CompiledPaths(EscalationPath.all)

    /// The `standard` queries (as bits) that some Allow statement of the principal's identity
    /// policies applies to by its `Action`/`NotAction` clause alone; nil when there are too many
    /// queries to say. Managed policies' answers are remembered per document.
    static func standardAllowedQueries(_ principal: PrincipalPolicies, catalog: ActionCatalog = .shared) -> UInt64? {
        var reachable: UInt64 = 0
        for policy in principal.policies {
            let mask = catalog.sharedFacts(of: policy)?.allowedQueries ?? standard.allowedQueries([policy.document])
            guard let mask else { return nil }
            reachable |= mask
        }
        return reachable
    }

    /// The queries (as bits, when there are at most 64) that some Allow statement of the
    /// documents applies to by its `Action`/`NotAction` clause alone; nil when there are too many
    /// queries to say. Each pattern's matches are worked out once per process.
    func allowedQueries(_ documents: [PolicyDocument]) -> UInt64? {
        guard queries.count <= 64 else { return nil }
        let all: UInt64 = queries.count == 64 ? ~0 : (1 << UInt64(queries.count)) - 1
        var reachable: UInt64 = 0
        for document in documents {
            for statement in document.statements where statement.effect == .allow {
                let clause = statement.action
                var matched: UInt64 = 0
                for pattern in clause.patterns {
                    matched |= masks.answer(ByteKey(pattern.lower)) {
                        var mask: UInt64 = 0
                        for (slot, query) in queries.enumerated() where pattern.matches(query) { mask |= 1 << UInt64(slot) }
                        return mask
                    }
                }
                reachable |= clause.isNegated ? all & ~matched : matched
                if reachable == all { return all }
            }
        }
        return reachable
    }

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
        everyPathNeedsAnAction = slots.allSatisfy { !$0.isEmpty }
    }
}
