extension Control {
    static let identityControls: [Control] = [serviceRoleSet, instanceProfileSet, noAdministrativeAccess, noServiceWideWildcards, noPrivilegeEscalation,
                                              currentManagedPolicies, tightTrustPolicies, instanceNarrowerThanOperator, healthStatisticsAllowed,
                                              noLongLivedCredentials, secretReadScoped, unusedPermissions, namingConvention, operationsUseRoles]
}
