/// All per-principal analyses in one value: the entry point the audit (and its benchmark) calls.
public struct PrincipalReport: Sendable, Hashable {
    public var administrativeAccess: [AdministrativeAccess]
    public var serviceWideWildcards: [ServiceWildcard]
    public var privilegeEscalation: [PrivilegeEscalation]
    public var secretReadScope: [SecretReadScope]
    public var passRole: PassRoleScope?
    public var unknownActions: [UnknownAction]
    /// Attached policies that could not be read: the report is incomplete when this is non-empty.
    public var unresolvedPolicyArns: [String]

    /// True when nothing was found and every policy could be read.
    public var isClean: Bool {
        administrativeAccess.isEmpty && serviceWideWildcards.isEmpty && privilegeEscalation.isEmpty
            && !secretReadScope.contains(where: \.isUnscoped) && unknownActions.isEmpty && unresolvedPolicyArns.isEmpty
    }
}

extension PolicyAnalysis {
    /// Runs every per-principal analysis (admin, wildcards, escalation, secret scope, PassRole,
    /// unknown actions). Pure; safe to call concurrently for many principals.
    public static func analyze(_ principal: PrincipalPolicies) -> PrincipalReport {
        PrincipalReport(
            administrativeAccess: administrativeAccess(principal),
            serviceWideWildcards: serviceWideWildcards(principal),
            privilegeEscalation: privilegeEscalation(principal),
            secretReadScope: secretReadScope(principal),
            passRole: passRoleResources(principal),
            unknownActions: unknownActions(principal),
            unresolvedPolicyArns: principal.unresolvedPolicyArns)
    }
}
