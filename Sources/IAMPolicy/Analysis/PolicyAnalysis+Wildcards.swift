/// A service-wide wildcard (`s3:*`, `*`) allowed on `Resource: "*"` (EB-IAM-004).
public struct ServiceWildcard: AnalysisFinding, Hashable {
    /// The service prefix (`s3`), or `*` for all services (`Action: "*"`, or `NotAction`).
    public var service: String
    /// The action entry as written (`s3:*`, `*`, or `NotAction [...]`).
    public var pattern: String
    public var summary: String
    public var evidence: [Evidence]
    public var isConditional: Bool
}

extension PolicyAnalysis {
    /// Finds Allow statements granting a whole service (`<service>:*` or `*`) on every resource,
    /// and `NotAction` allows on `*` (which grant every service not listed). Wildcards fully
    /// cancelled by an explicit deny or the permissions boundary are not reported.
    public static func serviceWideWildcards(_ principal: PrincipalPolicies) -> [ServiceWildcard] {
        var findings: [ServiceWildcard] = []
        let anyResource = ResourceQuery("*")
        let context = RequestContext()
        // Only Allow statements with a service-wide entry, or NotAction, can be reported.
        let candidate = { (statement: PolicyStatement) in
            guard statement.effect == .allow else { return false }
            switch statement.action {
            case let .actions(patterns): return patterns.contains(where: \.isServiceWide)
            case .notActions: return true
            }
        }
        principal.forEachStatement(where: candidate) { _, statement, ref in
            guard (statement.resource?.applies(to: anyResource, context: context) ?? .yes) != .no else { return }
            let conditional = !statement.condition.isEmpty
            switch statement.action {
            case let .actions(patterns):
                for pattern in patterns where pattern.isServiceWide {
                    guard principal.evaluate(action: pattern.text, resource: "*").isAllowed else { continue }
                    let service = pattern.service
                    var evidence = statement.evidence(ref)
                    evidence.actions = [pattern.text]
                    let what = service == "*" ? "every action of every service" : "every \(service) action"
                    findings.append(ServiceWildcard(service: service, pattern: pattern.text,
                                                    summary: "\(ref) allows \(pattern.text) (\(what)) on *",
                                                    evidence: [evidence], isConditional: conditional))
                }
            case let .notActions(patterns):
                let listed = patterns.map(\.text).joined(separator: ", ")
                findings.append(ServiceWildcard(service: "*", pattern: "NotAction [\(listed)]",
                                                summary: "\(ref) allows every action except \(listed) on *",
                                                evidence: [statement.evidence(ref)], isConditional: conditional))
            }
        }
        return findings
    }
}
