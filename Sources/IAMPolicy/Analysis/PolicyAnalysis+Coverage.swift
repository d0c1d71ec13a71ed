/// Actions principal A may call that principal B may not (EB-IAM-008: "the instance profile is
/// narrower than the operator role").
public struct CoverageGap: Sendable, Hashable {
    /// Catalog actions A is granted and B is not, sorted.
    public var missing: [String]
    /// A's literal action entries the catalog does not know and B does not grant either.
    public var unknown: [String]
    /// False when the catalog is unavailable or either principal has unresolved policies.
    public var isComplete: Bool
    public var summary: String

    /// True when A's actions are a subset of B's.
    public var isCovered: Bool { missing.isEmpty && unknown.isEmpty }
}

extension PolicyAnalysis {
    /// The set of catalog actions a principal is granted on at least some resource, after
    /// unconditional explicit denies on every resource, the permissions boundary and SCPs.
    /// Resource scoping is not compared (an action allowed on any resource counts).
    public static func grantedActions(_ principal: PrincipalPolicies, catalog: ActionCatalog = .shared) -> Set<String> {
        Set(catalog.names(grantedActionSet(principal, catalog: catalog)))
    }

    /// `grantedActions` as an `ActionSet` over the catalog's ids (what the coverage and tighten
    /// analyses compute with).
    static func grantedActionSet(_ principal: PrincipalPolicies, catalog: ActionCatalog) -> ActionSet {
        func allowed(_ documents: [PolicyDocument]) -> ActionSet {
            var result = catalog.emptyActionSet()
            for document in documents {
                for statement in document.statements where statement.effect == .allow {
                    switch statement.action {
                    case let .actions(patterns):
                        for pattern in patterns { result.formUnion(catalog.actionSet(pattern)) }
                    case let .notActions(patterns):
                        var kept = catalog.allActionSet()
                        for pattern in patterns { kept.subtract(catalog.actionSet(pattern)) }
                        result.formUnion(kept)
                    }
                }
            }
            return result
        }
        var granted = allowed(principal.policies.map(\.document))
        if let boundary = principal.permissionsBoundary { granted.formIntersection(allowed([boundary])) }
        for scp in principal.serviceControlPolicies { granted.formIntersection(allowed([scp])) }
        let everywhere = ResourceQuery("*")
        let context = RequestContext()
        let documents = principal.policies.map(\.document) + [principal.permissionsBoundary].compactMap { $0 } + principal.serviceControlPolicies
        let denies = documents.flatMap(\.statements).filter { statement in
            statement.effect == .deny && statement.condition.isEmpty
                && (statement.resource?.applies(to: everywhere, context: context) ?? .yes) == .yes
        }
        for deny in denies { granted.subtract(catalog.matchingSet(deny.action)) }
        return granted
    }

    /// What `a` may do that `b` may not, over the action catalog.
    public static func notCovered(_ a: PrincipalPolicies, by b: PrincipalPolicies, catalog: ActionCatalog = .shared) -> CoverageGap {
        let missing = catalog.names(grantedActionSet(a, catalog: catalog).subtracting(grantedActionSet(b, catalog: catalog)))
        var unknown = Set<String>()
        a.forEachStatement { _, statement, _ in
            guard statement.effect == .allow, case let .actions(patterns) = statement.action else { return }
            for pattern in patterns where !pattern.hasWildcard && !catalog.isKnownAction(pattern.text) && b.grants(action: pattern.text).isEmpty {
                unknown.insert(pattern.text)
            }
        }
        let complete = catalog.actionCount > 0 && a.isComplete && b.isComplete
        var summary: String
        if missing.isEmpty && unknown.isEmpty {
            summary = "every action allowed to the first principal is also allowed to the second"
        } else {
            let sample = (missing + unknown.sorted()).prefix(10).joined(separator: ", ")
            summary = "\(missing.count + unknown.count) action(s) allowed to the first principal are not allowed to the second: \(sample)"
            if missing.count + unknown.count > 10 { summary += ", …" }
        }
        if !complete { summary += " (incomplete: catalog or attached policies unavailable)" }
        return CoverageGap(missing: missing, unknown: unknown.sorted(), isComplete: complete, summary: summary)
    }
}
