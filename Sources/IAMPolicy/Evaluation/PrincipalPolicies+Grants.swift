extension PrincipalPolicies {
    /// The Allow statements that grant `action`, each with the resources that survive explicit
    /// denies (unconditional ones; a conditional deny might not apply, so it removes nothing) and
    /// the permissions boundary / SCPs.
    ///
    /// Conservative for "could this be allowed?": conditions on the Allow are kept as
    /// `conditionKeys` rather than assumed false.
    public func grants(action: String) -> [Grant] {
        grants(ActionQuery(action))
    }

    func grants(_ query: ActionQuery) -> [Grant] {
        // One pass over the identity policies: matching allows are candidates, matching
        // unconditional denies are collected; then the limits (boundary, SCPs) add their denies.
        var denies: [PolicyStatement] = []
        var candidates: [(policy: Int, index: Int, statement: PolicyStatement)] = []
        for policyIndex in policies.indices {
            let statements = policies[policyIndex].document.statements
            for index in statements.indices {
                let statement = statements[index]
                let fields = statement.box.fields
                guard fields.action.applies(to: query) else { continue }
                if fields.effect == .allow {
                    candidates.append((policyIndex, index, statement))
                } else if fields.condition.isEmpty {
                    denies.append(statement)
                }
            }
        }
        guard !candidates.isEmpty else { return [] }
        func collectDenies(_ document: PolicyDocument) {
            for statement in document.statements where statement.effect == .deny && statement.condition.isEmpty && statement.action.applies(to: query) {
                denies.append(statement)
            }
        }
        if let permissionsBoundary { collectDenies(permissionsBoundary) }
        for scp in serviceControlPolicies { collectDenies(scp) }

        var result: [Grant] = []
        for (policyIndex, index, statement) in candidates {
            let policy = policies[policyIndex]
            var grant = Grant(
                statement: StatementRef(policyName: policy.name, policyArn: policy.arn, index: index, sid: statement.sid),
                action: query.text,
                matchedBy: PrincipalPolicies.matchedBy(statement.action, query),
                resources: statement.resourceTexts,
                resourcesNegated: statement.resource?.isNegated ?? false,
                conditionKeys: statement.condition.clauses.map(\.key))
            guard PrincipalPolicies.subtract(denies, from: &grant) else { continue }
            if let permissionsBoundary {
                guard PrincipalPolicies.limit(&grant, by: permissionsBoundary, query) else { continue }
            }
            var blocked = false
            for scp in serviceControlPolicies where !PrincipalPolicies.limit(&grant, by: scp, query) {
                blocked = true
                break
            }
            if !blocked { result.append(grant) }
        }
        return result
    }

    static func matchedBy(_ clause: PolicyStatement.ActionClause, _ query: ActionQuery) -> [String] {
        switch clause {
        case let .actions(patterns): return patterns.filter { $0.matches(query) }.map(\.text)
        case let .notActions(patterns): return ["NotAction [" + patterns.map(\.text).joined(separator: ", ") + "]"]
        }
    }

    /// Removes the resources that unconditional denies cover; false when nothing is left.
    /// A `NotResource` deny that covers a granted pattern leaves only its exempted resources
    /// (those inside the pattern) granted.
    static func subtract(_ denies: [PolicyStatement], from grant: inout Grant) -> Bool {
        guard !denies.isEmpty else { return true }
        let context = RequestContext()
        if grant.resourcesNegated {
            let everything = ResourceQuery("*")
            return !denies.contains { deny in
                guard let clause = deny.resource else { return true }
                return !clause.isNegated && clause.applies(to: everything, context: context) == .yes
            }
        }
        var kept: [String] = []
        resources: for resource in grant.resources {
            let query = ResourceQuery(resource)
            var current = [resource]
            for deny in denies {
                guard let clause = deny.resource else { continue resources }
                guard clause.applies(to: query, context: context) == .yes else { continue }
                guard clause.isNegated else { continue resources }
                // Denied everywhere except the NotResource patterns: keep those inside `resource`.
                let exempt = clause.patterns.map(\.text).filter { ResourcePattern.match(query.bytes, ResourceQuery($0)) }
                current = current.flatMap { granted in
                    exempt.filter { ResourcePattern.match(Array(granted.utf8), ResourceQuery($0)) }
                }
            }
            kept += current
        }
        grant.resources = Array(Set(kept)).sorted()
        return !grant.resources.isEmpty
    }

    /// Intersects the grant's resources with what a limiting document (boundary, SCP) allows.
    static func limit(_ grant: inout Grant, by document: PolicyDocument, _ query: ActionQuery) -> Bool {
        let context = RequestContext()
        let allows = document.statements.filter { $0.effect == .allow && $0.action.applies(to: query) }
        guard !allows.isEmpty else { return false }
        func allowed(_ resource: String) -> Bool {
            let resourceQuery = ResourceQuery(resource)
            return allows.contains { ($0.resource?.applies(to: resourceQuery, context: context) ?? .yes) != .no }
        }
        let candidates = grant.resourcesNegated ? ["*"] : grant.resources
        var kept: [String] = []
        for resource in candidates {
            if allowed(resource) { kept.append(resource); continue }
            // The limit is narrower: keep the limit's own patterns that fall inside this grant.
            let inside = ResourceQuery(resource)
            for statement in allows {
                guard case let .resources(patterns)? = statement.resource else { continue }
                for pattern in patterns where grant.resourcesNegated || ResourcePattern.match(inside.bytes, ResourceQuery(pattern.text)) {
                    kept.append(pattern.text)
                }
            }
        }
        guard !kept.isEmpty else { return false }
        if grant.resourcesNegated && kept == ["*"] { return true }
        grant.resources = Array(Set(kept)).sorted()
        grant.resourcesNegated = false
        return true
    }
}
