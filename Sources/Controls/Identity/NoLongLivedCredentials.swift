import Inventory

extension Control {
    /// EB-IAM-010: no long-lived AWS credentials reach the instances.
    static let noLongLivedCredentials = Control(
        id: "EB-IAM-010", layer: .identity, severity: .critical,
        title: "No long-lived AWS credentials reach the instances",
        rationale: "Access keys in environment properties, configuration files, hooks or the bundle never rotate, bypass the instance role and leak through every copy of the configuration. The instance role already provides short-lived credentials.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .seed("003_d0be057354991c31.txt"), .doc("iam-instanceprofile.html")],
        remediation: .manual("Deactivate and delete the exposed access key, remove it from the environment and the bundle, and grant the permissions to the instance role instead.", commands: [
            "aws iam update-access-key --access-key-id AKIA... --status Inactive --user-name USER",
            "aws elasticbeanstalk update-environment --environment-name ENV_NAME --options-to-remove Namespace=aws:elasticbeanstalk:application:environment,OptionName=AWS_ACCESS_KEY_ID Namespace=aws:elasticbeanstalk:application:environment,OptionName=AWS_SECRET_ACCESS_KEY",
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("an access key id in environment properties") { $0.environment.optionSettings?.append(OptionSetting(namespace: "aws:elasticbeanstalk:application:environment", optionName: "AWS_ACCESS_KEY_ID", value: "AKIA****MPLE", secret: SecretHit(kind: .awsAccessKeyId, key: "AWS_ACCESS_KEY_ID", redacted: "AKIA****MPLE"))) },
            .fails("a secret key in an .ebextensions file") { $0.inventory.artifacts = [CodeArtifact(path: ".ebextensions/env.config", kind: .ebextensionsConfig, secrets: [LocatedSecret(hit: SecretHit(kind: .awsSecretAccessKey, key: "aws_secret_access_key", redacted: "wJal****EKEY"), origin: .file(".ebextensions/env.config", line: 5, column: 30))])] },
            .notAssessed("no option settings and no files") { $0.environment.optionSettings = nil; $0.inventory.artifacts = nil },
        ],
        evaluate: { context in
            var outcomes: [Outcome] = []
            let properties = context.environment.optionSettings?.all.filter { $0.secret?.isAWSCredential ?? false } ?? []
            for property in properties {
                outcomes.append(.fail("\(property.namespace)/\(property.optionName) = \(property.secret?.redacted ?? "****") (\(property.secret?.kind.rawValue ?? ""))", origin: property.origin ?? context.environment.origin))
            }
            for artifact in context.artifacts ?? [] {
                for secret in artifact.secrets where secret.hit.isAWSCredential {
                    outcomes.append(.fail("\(artifact.path): \(secret.hit.key.map { "\($0) = " } ?? "")\(secret.hit.redacted) (\(secret.hit.kind.rawValue))",
                                          resource: context.ref("File", artifact.path), origin: secret.origin))
                }
            }
            if !outcomes.isEmpty { return outcomes }
            switch (context.environment.optionSettings, context.artifacts) {
            case (nil, nil): return [.notAssessed(context.gapReason(.optionSettings, resource: context.environment.name, fallback: "no option settings and no files to inspect"))]
            case (_?, nil): return [.pass("no AWS credentials in the environment's option settings (source bundle not scanned: use `ebguard scan`)")]
            case (nil, _?): return [.pass("no AWS credentials in the scanned files")]
            case (_?, _?): return [.pass("no AWS credentials in option settings or scanned files")]
            }
        })
}
