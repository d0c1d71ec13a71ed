import Inventory

extension Control {
    /// EB-DATA-011: no plaintext secrets in environment properties.
    static let noPlaintextSecretsInProperties = Control(
        id: "EB-DATA-011", layer: .data, severity: .high,
        title: "No plaintext secrets in environment properties",
        rationale: "Environment properties are returned by DescribeConfigurationSettings to anyone with read access, copied into saved configurations and shown in the console. Passwords, keys, tokens and connection strings with credentials belong in Secrets Manager or Parameter Store.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("environments-cfg-softwaresettings.html"), .doc("AWSHowTo.secrets.env-vars.html")],
        remediation: .manual("Move the value to Secrets Manager / Parameter Store and reference it from aws:elasticbeanstalk:application:environmentsecrets; rotate the exposed secret.", commands: [
            "aws secretsmanager create-secret --name ENV_NAME/<NAME> --secret-string file://value.txt",
            "aws elasticbeanstalk update-environment --environment-name ENV_NAME --option-settings Namespace=aws:elasticbeanstalk:application:environmentsecrets,OptionName=<NAME>,Value=<secret-arn> --options-to-remove Namespace=aws:elasticbeanstalk:application:environment,OptionName=<NAME>",
        ]),
        examples: [
            .passes("hardened baseline: only a hostname and a log level"),
            .fails("RDS_PASSWORD in plain text") { $0.environment.optionSettings?.append(OptionSetting(namespace: "aws:elasticbeanstalk:application:environment", optionName: "RDS_PASSWORD", value: "Sup3****", secret: SecretHit(kind: .sensitiveKey, key: "RDS_PASSWORD", redacted: "Sup3****"))) },
            .notAssessed("no option settings") { $0.environment.optionSettings = nil },
        ],
        evaluate: { context in
            guard let properties = context.environmentProperties else {
                return [.notAssessed(context.gapReason(.optionSettings, resource: context.environment.name, fallback: "the source has no option settings"))]
            }
            let secrets = properties.filter { $0.secret != nil }
            if secrets.isEmpty { return [.pass("\(properties.count) environment propert\(properties.count == 1 ? "y" : "ies"); none holds a secret")] }
            return secrets.map { property in
                .fail("\(property.optionName) = \(property.secret?.redacted ?? "****") (\(property.secret?.kind.rawValue ?? "secret"))", origin: property.origin ?? context.environment.origin)
            }
        })
}
