extension PolicyStatement.ActionClause {
    /// Whether the clause applies to `query` (for wildcard queries: covers all of it).
    func applies(to query: ActionQuery) -> Bool {
        switch self {
        case let .actions(patterns): return patterns.contains { $0.matches(query) }
        case let .notActions(patterns): return !patterns.contains { $0.matches(query) }
        }
    }
}

extension PolicyStatement.ResourceClause {
    /// Whether the clause applies to `query`; "maybe" when a policy variable is unknown.
    func applies(to query: ResourceQuery, context: RequestContext) -> Tri {
        var any = Tri.no
        for pattern in patterns {
            any = any || pattern.matches(query, context: context)
            if any == .yes { break }
        }
        return isNegated ? !any : any
    }
}

extension PolicyStatement {
    /// Whether the statement applies to the request (action, resource, principal, conditions).
    ///
    /// Unresolved condition keys and policy variables are appended to `unresolved`.
    func applies(action: ActionQuery, resource: ResourceQuery, context: RequestContext, unresolved: inout [String]) -> Tri {
        guard self.action.applies(to: action) else { return .no }
        var result = Tri.yes
        if let clause = self.resource {
            result = clause.applies(to: resource, context: context)
            if result == .no { return .no }
            if result == .maybe { unresolved.append("policy variable in Resource") }
        }
        if let caller = context.caller {
            if let principal, !principal.matches(caller) { return .no }
            if let notPrincipal, notPrincipal.matches(caller) { return .no }
        }
        if !condition.isEmpty {
            result = result && condition.evaluate(context, unresolved: &unresolved)
        }
        return result
    }
}

extension PolicyPrincipal {
    /// Whether the caller is one of the named principals.
    func matches(_ caller: RequestContext.Caller) -> Bool {
        switch self {
        case .everyone: return true
        case let .entries(entries): return entries.contains { $0.matches(caller) }
        }
    }
}

extension PrincipalEntry {
    func matches(_ caller: RequestContext.Caller) -> Bool {
        switch (kind, caller) {
        case let (.aws, .aws(arn)):
            if value == "*" || value == arn { return true }
            if let account, value.count == 12 || value.hasSuffix(":root") {
                return PrincipalEntry.account(ofArn: arn) == account
            }
            // A role ARN also names that role's sessions.
            if let role = PrincipalEntry.roleArn(ofSession: arn) { return value == role }
            return false
        case let (.service, .service(name)): return value.lowercased() == name.lowercased()
        case let (.federated, .federated(provider)): return value == provider
        case let (.canonicalUser, .canonicalUser(id)): return value == id
        default: return false
        }
    }

    static func account(ofArn arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        return String(parts[4])
    }

    /// `arn:aws:sts::1:assumed-role/Name/session` → `arn:aws:iam::1:role/Name`.
    static func roleArn(ofSession arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "sts", parts[5].hasPrefix("assumed-role/") else { return nil }
        let pieces = parts[5].split(separator: "/")
        guard pieces.count >= 2 else { return nil }
        return "arn:\(parts[1]):iam::\(parts[4]):role/\(pieces[1])"
    }
}
