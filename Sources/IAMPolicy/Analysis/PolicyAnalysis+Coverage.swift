/// Actions principal A may call that principal B may not (EB-IAM-008: "the instance profile is
/// narrower than the operator role").
public struct CoverageGap: Sendable, Hashable {
    /// The missing actions as catalog ids: a role allowed everything but a few services misses
    /// nearly 20,000 names, which are spelled out only when asked for.
    let missingSet: ActionSet
    private let index: ActionIndex
    /// A's literal action entries the catalog does not know and B does not grant either.
    public var unknown: [String]
    /// False when the catalog is unavailable or either principal has unresolved policies.
    public var isComplete: Bool

    init(missing: ActionSet, index: ActionIndex, unknown: [String], isComplete: Bool) {
        missingSet = missing
        self.index = index
        self.unknown = unknown
        self.isComplete = isComplete
    }

    /// One line for humans: how many actions are missing and the first ten of them (spelled out
    /// only when read: a fleet audit reads it for few roles).
    public var summary: String {
        let missingCount = missingSet.count
        var summary: String
        if missingCount == 0 && unknown.isEmpty {
            summary = "every action allowed to the first principal is also allowed to the second"
        } else {
            let sample = (missingSet.ids(prefix: 10).map { index.names[$0] } + unknown).prefix(10).joined(separator: ", ")
            summary = "\(missingCount + unknown.count) action(s) allowed to the first principal are not allowed to the second: \(sample)"
            if missingCount + unknown.count > 10 { summary += ", …" }
        }
        if !isComplete { summary += " (incomplete: catalog or attached policies unavailable)" }
        return summary
    }

    /// Catalog actions A is granted and B is not, sorted.
    public var missing: [String] { missingSet.names(in: index) }

    /// How many catalog actions are missing.
    public var missingCount: Int { missingSet.count }

    /// The first `count` missing catalog actions, sorted.
    public func missing(prefix count: Int) -> [String] { missingSet.names(in: index, prefix: count) }

    /// True when A's actions are a subset of B's.
    public var isCovered: Bool { missingSet.isEmpty && unknown.isEmpty }

    public static func == (lhs: CoverageGap, rhs: CoverageGap) -> Bool {
        lhs.missing == rhs.missing && lhs.unknown == rhs.unknown && lhs.isComplete == rhs.isComplete && lhs.summary == rhs.summary
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(missing)
        hasher.combine(unknown)
        hasher.combine(isComplete)
        hasher.combine(summary)
    }
}

/// The catalog actions a principal is granted (`PolicyAnalysis.grantedActions`), computed once and
/// handed to several analyses of the same principal (coverage, tighten).
public struct GrantedActions: Sendable {
    let actions: ActionSet

    /// How many catalog actions are granted.
    public var count: Int { actions.count }
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
        var granted = catalog.emptyActionSet()
        for policy in principal.policies {
            if let facts = catalog.sharedFacts(of: policy) {
                granted.formUnion(facts.allowed)
            } else {
                allowedActions(policy.document, catalog: catalog, into: &granted)
            }
        }
        if let boundary = principal.permissionsBoundary { granted.formIntersection(allowedActionSet(boundary, catalog: catalog)) }
        for scp in principal.serviceControlPolicies { granted.formIntersection(allowedActionSet(scp, catalog: catalog)) }
        // Unconditional denies on every resource, wherever they are written.
        let context = RequestContext()
        func subtractDenies(of document: PolicyDocument) {
            for statement in document.statements where statement.effect == .deny && statement.condition.isEmpty
                && (statement.resource?.applies(to: everywhere, context: context) ?? .yes) == .yes {
                granted.subtract(catalog.matchingSet(statement.action))
            }
        }
        for policy in principal.policies { subtractDenies(of: policy.document) }
        if let boundary = principal.permissionsBoundary { subtractDenies(of: boundary) }
        for scp in principal.serviceControlPolicies { subtractDenies(of: scp) }
        return granted
    }

    /// Every resource, as a query (the denies `grantedActionSet` applies are those on it).
    private static let everywhere = ResourceQuery("*")

    /// The catalog actions one document's Allow statements name (`Action`, or everything but a
    /// `NotAction`), resources, conditions and denies aside.
    static func allowedActionSet(_ document: PolicyDocument, catalog: ActionCatalog) -> ActionSet {
        var result = catalog.emptyActionSet()
        allowedActions(document, catalog: catalog, into: &result)
        return result
    }

    private static func allowedActions(_ document: PolicyDocument, catalog: ActionCatalog, into result: inout ActionSet) {
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

    /// `grantedActions` kept for reuse by `notCovered` and `tighten`.
    public static func granted(_ principal: PrincipalPolicies, catalog: ActionCatalog = .shared) -> GrantedActions {
        GrantedActions(actions: grantedActionSet(principal, catalog: catalog))
    }

    /// What `a` may do that `b` may not, over the action catalog.
    public static func notCovered(_ a: PrincipalPolicies, by b: PrincipalPolicies, catalog: ActionCatalog = .shared) -> CoverageGap {
        notCovered(a, granted: granted(a, catalog: catalog), by: b, granted: granted(b, catalog: catalog), catalog: catalog)
    }

    /// `notCovered(_:by:catalog:)` with both principals' granted actions already worked out
    /// (`granted(_:catalog:)`, with the same catalog).
    public static func notCovered(_ a: PrincipalPolicies, granted grantedA: GrantedActions, by b: PrincipalPolicies,
                                  granted grantedB: GrantedActions, catalog: ActionCatalog = .shared) -> CoverageGap {
        let missingSet = grantedA.actions.subtracting(grantedB.actions)
        var unknown = Set<String>()
        for policy in a.policies {
            if let facts = catalog.sharedFacts(of: policy) {
                for pattern in facts.unknownLiterals where b.grants(action: pattern.text).isEmpty { unknown.insert(pattern.text) }
                continue
            }
            for statement in policy.document.statements {
                guard statement.effect == .allow, case let .actions(patterns) = statement.action else { continue }
                // (For a pattern without wildcards, `classify` is nil exactly when the catalog knows the action.)
                for pattern in patterns where !pattern.hasWildcard && classify(pattern, catalog) != nil && b.grants(action: pattern.text).isEmpty {
                    unknown.insert(pattern.text)
                }
            }
        }
        let complete = catalog.actionCount > 0 && a.isComplete && b.isComplete
        return CoverageGap(missing: missingSet, index: catalog.actionIndex, unknown: unknown.sorted(), isComplete: complete)
    }
}
