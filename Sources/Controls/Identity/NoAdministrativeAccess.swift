import IAMPolicy
import Inventory

extension Control {
    /// EB-IAM-003: the instance role has no administrative access.
    static let noAdministrativeAccess = Control(
        id: "EB-IAM-003", layer: .identity, severity: .critical,
        title: "The instance role has no administrative access",
        rationale: "Any code running on the instances (or anyone who reaches the metadata service) gets the instance role's credentials. Administrative access there turns an application bug into an account takeover.",
        references: [.seed("002_542e4eb9cb5cd64d.txt"), .seed("003_d0be057354991c31.txt"), .doc("iam-instanceprofile.html"), .securityHub("IAM.1")],
        remediation: .manual("Detach AdministratorAccess/PowerUserAccess/IAMFullAccess and remove `*` statements from the instance role; grant the specific actions and resources the application uses (see `ebguard policy tighten`).", commands: [
            "aws iam detach-role-policy --role-name ROLE --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("Action * on Resource *") { $0.setInstanceRolePolicy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#) },
            .fails("AdministratorAccess attached") { $0.role(ExampleInventory.Names.instanceRole) { $0.attachedPolicyArns = ["arn:aws:iam::aws:policy/AdministratorAccess"] } },
            .notAssessed("an attached policy that cannot be read") { $0.role(ExampleInventory.Names.instanceRole) { $0.attachedPolicyArns = ["arn:aws:iam::111122223333:policy/unknown"] } },
        ],
        evaluate: { context in
            context.evaluateInstanceRole({ $0.administrativeAccess }, clean: "no administrative access")
        })
}
