import IAMPolicy
import Inventory

extension Control {
    /// EB-IAM-004: no service-wide wildcards on all resources.
    static let noServiceWideWildcards = Control(
        id: "EB-IAM-004", layer: .identity, severity: .high,
        title: "The instance role has no service-wide wildcards on all resources",
        rationale: "`s3:*`, `ec2:*`, `kms:*`, `secretsmanager:*` and the like on `Resource: \"*\"` hand the application every bucket, key and secret in the account, including actions it never calls.",
        references: [.seed("002_542e4eb9cb5cd64d.txt"), .seed("001_573b8fe637c46486.txt"), .doc("iam-instanceprofile.html")],
        remediation: .manual("Replace each `<service>:*` on `*` with the actions used, on the resources used (see `ebguard policy tighten`)."),
        examples: [
            .passes("hardened baseline"),
            .fails("s3:* on *") { $0.setInstanceRolePolicy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#) },
        ],
        evaluate: { context in
            context.evaluateInstanceRole({ $0.serviceWideWildcards }, clean: "no service-wide wildcard on *")
        })
}
