import Controls
import IAMPolicy
import Inventory

/// A role's effective policies from an inventory, resolved exactly as the Layer 1 controls do.
struct PolicyRolePrincipal {
    let principal: PrincipalPolicies
    /// Documents that could not be read; the principal is then incomplete.
    let problems: [String]

    /// Nil when the source did not collect the role's policies.
    init?(role: Role, iam: IAMInventory) {
        guard let resolved = RolePrincipal.resolve(role, in: iam) else { return nil }
        principal = resolved.principal
        problems = resolved.problems
    }
}
