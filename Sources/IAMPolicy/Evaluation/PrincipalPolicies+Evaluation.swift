/// What one layer (the identity policies, a boundary, an SCP) says about a request.
struct LayerVerdict {
    var allow = Tri.no
    var deny = Tri.no
    var allowedBy: [StatementRef] = []
    var deniedBy: [StatementRef] = []
    var unresolved: [String] = []

    mutating func add(_ document: PolicyDocument, name: String, arn: String?, layer: PolicyLayer,
                      action: ActionQuery, resource: ResourceQuery, context: RequestContext) {
        for (index, statement) in document.statements.enumerated() {
            var keys: [String] = []
            let applies = statement.applies(action: action, resource: resource, context: context, unresolved: &keys)
            guard applies != .no else { continue }
            if applies == .maybe { unresolved.append(contentsOf: keys) }
            let ref = StatementRef(policyName: name, policyArn: arn, index: index, sid: statement.sid, layer: layer)
            switch statement.effect {
            case .allow:
                allow = allow || applies
                allowedBy.append(ref)
            case .deny:
                deny = deny || applies
                deniedBy.append(ref)
            }
        }
    }
}

extension PolicyDocument {
    /// Evaluates this document alone (a resource or trust policy, or one identity policy).
    ///
    /// For resource and trust policies set `context.caller` so `Principal` is matched.
    public func evaluate(action: String, resource: String = "*", context: RequestContext = .init(),
                         name: String = "policy", layer: PolicyLayer = .resource) -> Decision {
        var verdict = LayerVerdict()
        verdict.add(self, name: name, arn: nil, layer: layer, action: ActionQuery(action), resource: ResourceQuery(resource), context: context)
        return Decision.combine(identity: verdict, limits: [])
    }
}

extension PrincipalPolicies {
    /// IAM's decision for `action` on `resource`: an explicit deny anywhere wins; otherwise the
    /// identity policies must allow, and so must the permissions boundary and every SCP present.
    ///
    /// `action` and `resource` may contain wildcards: the question is then "is it allowed on all
    /// of them?" (an Allow must cover the whole pattern; a Deny on only part of it does not count).
    public func evaluate(action: String, resource: String, context: RequestContext = .init()) -> Decision {
        evaluate(ActionQuery(action), ResourceQuery(resource), context)
    }

    /// Shorthand for `evaluate(...).isAllowed`.
    public func allows(action: String, resource: String = "*", context: RequestContext = .init()) -> Bool {
        evaluate(action: action, resource: resource, context: context).isAllowed
    }

    func evaluate(_ action: ActionQuery, _ resource: ResourceQuery, _ context: RequestContext) -> Decision {
        var identity = LayerVerdict()
        for policy in policies {
            identity.add(policy.document, name: policy.name, arn: policy.arn, layer: .identity,
                         action: action, resource: resource, context: context)
        }
        var limits: [(PolicyLayer, LayerVerdict)] = []
        if let boundary = permissionsBoundary {
            var verdict = LayerVerdict()
            verdict.add(boundary, name: "permissions boundary", arn: nil, layer: .permissionsBoundary,
                        action: action, resource: resource, context: context)
            limits.append((.permissionsBoundary, verdict))
        }
        for (index, scp) in serviceControlPolicies.enumerated() {
            var verdict = LayerVerdict()
            verdict.add(scp, name: "SCP \(index + 1)", arn: nil, layer: .serviceControlPolicy,
                        action: action, resource: resource, context: context)
            limits.append((.serviceControlPolicy, verdict))
        }
        return Decision.combine(identity: identity, limits: limits)
    }
}

extension Decision {
    static func combine(identity: LayerVerdict, limits: [(PolicyLayer, LayerVerdict)]) -> Decision {
        var deny = identity.deny
        var allow = identity.allow
        var allowedBy = identity.allowedBy, deniedBy = identity.deniedBy
        var unresolved = identity.unresolved
        var missing: PolicyLayer? = identity.allow == .no ? .identity : nil
        for (layer, verdict) in limits {
            deny = deny || verdict.deny
            allow = allow && verdict.allow
            if missing == nil, verdict.allow == .no { missing = layer }
            allowedBy += verdict.allowedBy
            deniedBy += verdict.deniedBy
            unresolved += verdict.unresolved
        }
        let keys = Array(Set(unresolved)).sorted()
        if deny == .yes {
            return Decision(outcome: .explicitDeny, isConditional: false, unresolvedKeys: [],
                            allowedBy: allowedBy, deniedBy: deniedBy, missingAllowIn: nil)
        }
        if allow == .no {
            return Decision(outcome: .implicitDeny, isConditional: false, unresolvedKeys: [],
                            allowedBy: allowedBy, deniedBy: deniedBy, missingAllowIn: missing)
        }
        return Decision(outcome: .allowed, isConditional: allow == .maybe || deny == .maybe, unresolvedKeys: keys,
                        allowedBy: allowedBy, deniedBy: deniedBy, missingAllowIn: nil)
    }
}
