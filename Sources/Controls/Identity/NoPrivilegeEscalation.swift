import IAMPolicy
import Inventory

extension Control {
    /// EB-IAM-005: no privilege-escalation path from the instance role.
    static let noPrivilegeEscalation = Control(
        id: "EB-IAM-005", layer: .identity, severity: .critical,
        title: "The instance role has no privilege-escalation path",
        rationale: "PassRole on `*` with a compute or CloudFormation create action, policy version or attachment changes, access key or login profile creation, trust policy updates and AssumeRole on `*` let the instance role make itself (or a role it controls) an administrator.",
        references: [.seed("002_542e4eb9cb5cd64d.txt"), .seed("003_d0be057354991c31.txt")],
        remediation: .manual("Remove the IAM write actions and `iam:PassRole`/`sts:AssumeRole` on `*`; scope PassRole to named roles with an iam:PassedToService condition."),
        examples: [
            .passes("hardened baseline"),
            .fails("iam:PassRole on * with ec2:RunInstances") { $0.setInstanceRolePolicy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}]}"#) },
            .fails("iam:CreatePolicyVersion") { $0.setInstanceRolePolicy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*"}]}"#) },
            .passes("the same actions explicitly denied") { $0.setInstanceRolePolicy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#) },
        ],
        evaluate: { context in
            context.evaluateInstanceRole({ $0.privilegeEscalation }, clean: "no privilege-escalation path")
        })
}
