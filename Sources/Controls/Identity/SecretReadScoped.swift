import IAMPolicy
import Inventory

extension Control {
    /// EB-IAM-011: secret reads are scoped.
    static let secretReadScoped = Control(
        id: "EB-IAM-011", layer: .identity, severity: .medium,
        title: "The instance role reads only its own secrets",
        rationale: "secretsmanager:GetSecretValue, ssm:GetParameter* and kms:Decrypt on `*` let one application read every other application's secrets.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("AWSHowTo.secrets.html")],
        remediation: .manual("Name the secret ARNs, parameter paths and key ARNs the application reads."),
        examples: [
            .passes("hardened baseline: one secret ARN"),
            .fails("GetSecretValue on *") { $0.setInstanceRolePolicy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#) },
        ],
        evaluate: { context in
            context.evaluateInstanceRole({ $0.unscopedSecretReads }, clean: "secret reads scoped to named resources")
        })
}
