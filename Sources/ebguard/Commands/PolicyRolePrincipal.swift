import IAMPolicy
import Inventory

/// A role's effective policies from an inventory, as the engine's `PrincipalPolicies`: inline
/// policies, attached managed policies (customer managed from the source, AWS managed from the
/// bundled set) and the permissions boundary. Mirrors what the Layer 1 controls evaluate.
struct PolicyRolePrincipal {
    let principal: PrincipalPolicies
    /// Documents that could not be read; the principal is then incomplete.
    let problems: [String]

    /// Nil when the source did not collect the role's policies.
    init?(role: Role, iam: IAMInventory) {
        guard let inlinePolicies = role.inlinePolicies, let attached = role.attachedPolicyArns else { return nil }
        var problems: [String] = []
        var inline: [NamedPolicy] = []
        for policy in inlinePolicies {
            guard let json = policy.document else { problems.append("inline policy \(policy.name) is not readable"); continue }
            do { inline.append(try NamedPolicy(name: policy.name, json: json)) } catch { problems.append("inline policy \(policy.name): \(error)") }
        }
        var customer: [String: PolicyDocument] = [:]
        for arn in attached {
            guard let json = iam.managedPolicies[arn]?.document else { continue }
            do { customer[arn] = try PolicyDocument(json: json) } catch { problems.append("managed policy \(arn): \(error)") }
        }
        var boundary: PolicyDocument?
        if let arn = role.permissionsBoundaryArn {
            if let json = iam.managedPolicies[arn]?.document, let document = try? PolicyDocument(json: json) {
                boundary = document
            } else if let document = ManagedPolicies.document(arn: arn) {
                boundary = document
            } else {
                problems.append("permissions boundary \(arn) is not readable")
            }
        }
        principal = PrincipalPolicies.resolving(inline: inline, managedArns: attached, customerManaged: customer, permissionsBoundary: boundary)
        self.problems = problems + principal.unresolvedPolicyArns.map { "managed policy \($0) is neither in the source nor in the bundled AWS set" }
    }
}
