import Inventory

extension Control {
    /// EB-IAM-014: environment operations are done by roles, not users.
    static let operationsUseRoles = Control(
        id: "EB-IAM-014", layer: .identity, severity: .medium,
        title: "Environment operations use a role, not an IAM user or root",
        rationale: "Updates and terminations made with IAM user keys or the root user carry long-lived credentials and weak attribution. An operations role (AssociateEnvironmentOperationsRole) or role-based operators keep them short-lived and reviewable.",
        references: [.seed("002_542e4eb9cb5cd64d.txt"), .seed("003_d0be057354991c31.txt"), .doc("iam-operationsrole.html")],
        remediation: .manual("Associate an operations role and have operators assume roles.", commands: [
            "aws elasticbeanstalk associate-environment-operations-role --environment-name ENV_NAME --operations-role arn:aws:iam::ACCOUNT:role/OPERATIONS_ROLE",
        ]),
        examples: [
            .passes("hardened baseline: operations role associated"),
            .fails("updates by an IAM user, no operations role") { $0.environment.operationsRoleArn = nil; $0.inventory.cloudTrailEvents?[0].userIdentityType = "IAMUser"; $0.inventory.cloudTrailEvents?[0].principalArn = "arn:aws:iam::111122223333:user/bob" },
            .passes("no operations role, but every update came from a role") { $0.environment.operationsRoleArn = nil },
            .notAssessed("no operations role state and no CloudTrail") { $0.environment.operationsRoleArn = nil; $0.environment.operationsRoleKnown = false; $0.inventory.cloudTrailEvents = nil },
        ],
        evaluate: { context in
            if let role = context.environment.operationsRoleArn { return [.pass("operations role \(role) associated")] }
            guard let events = context.cloudTrailEvents else {
                return [.notAssessed(context.environment.operationsRoleKnown ? "no operations role associated, and no CloudTrail events to see who operates the environment"
                                     : context.gapReason(.cloudTrailEvents, fallback: "neither the operations role nor CloudTrail events were collected"))]
            }
            let operations = events.filter { ["UpdateEnvironment", "TerminateEnvironment", "RebuildEnvironment", "SwapEnvironmentCNAMEs"].contains($0.eventName) }
            guard !operations.isEmpty else { return [.notAssessed("no operations role associated, and no UpdateEnvironment/TerminateEnvironment events in the window")] }
            let byUsers = operations.filter { event in
                let type = event.userIdentityType?.lowercased() ?? ""
                return type == "iamuser" || type == "root" || event.principalArn?.contains(":user/") == true || event.principalArn?.hasSuffix(":root") == true
            }
            if byUsers.isEmpty { return [.pass("\(operations.count) operation(s), all by roles")] }
            return [.fail(byUsers.map { "\($0.eventName) by \($0.principalArn ?? $0.userName ?? "a user") (\($0.userIdentityType ?? "?"))" })]
        })
}
