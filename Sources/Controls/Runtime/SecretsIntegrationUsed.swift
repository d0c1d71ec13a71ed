import Inventory
import Secrets

extension Control {
    /// EB-RUN-006: sensitive values come through `environmentsecrets`, not plain properties.
    static let secretsIntegrationUsed = Control(
        id: "EB-RUN-006", layer: .runtime, severity: .medium,
        title: "Sensitive values use environment secrets, not plain properties",
        rationale: "Plain environment properties are readable by anyone who can describe the environment's configuration, and are stored in saved configurations. The environmentsecrets namespace resolves Secrets Manager and Parameter Store references on the instance instead.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("AWSHowTo.secrets.env-vars.html")],
        remediation: .manual("Move each sensitive property to aws:elasticbeanstalk:application:environmentsecrets with the ARN of a Secrets Manager secret or SSM SecureString parameter, and remove the plain property.", commands: [
            "aws secretsmanager create-secret --name ENV_NAME/<NAME> --secret-string file://value.txt",
            "aws elasticbeanstalk update-environment --environment-name ENV_NAME --option-settings Namespace=aws:elasticbeanstalk:application:environmentsecrets,OptionName=<NAME>,Value=<secret-arn> --options-to-remove Namespace=aws:elasticbeanstalk:application:environment,OptionName=<NAME>",
        ]),
        examples: [
            .passes("hardened baseline: DB_PASSWORD comes from environmentsecrets"),
            .fails("DB_PASSWORD as a plain property") { $0.setOption("aws:elasticbeanstalk:application:environment", "DB_PASSWORD", "${db_password}") },
            .notAssessed("no option settings") { $0.environment.optionSettings = nil },
        ],
        evaluate: { context in
            guard let properties = context.environmentProperties, let settings = context.environment.optionSettings else {
                return [.notAssessed(context.gapReason(.optionSettings, resource: context.environment.name, fallback: "the source has no option settings"))]
            }
            let plainSensitive = properties.filter { property in
                if property.secret != nil { return true }
                let value = property.value ?? ""
                return FastText.isSensitiveKey(property.optionName) && !SecretScanner.isReference(value) && !value.isEmpty
            }
            let secrets = settings.settings(in: "aws:elasticbeanstalk:application:environmentsecrets")
            if !plainSensitive.isEmpty {
                return [.fail(plainSensitive.map { "plain property \($0.optionName) holds a sensitive value (\($0.secret?.redacted ?? "****"))" },
                              origin: plainSensitive.first?.origin ?? context.environment.origin)]
            }
            if secrets.isEmpty { return [.pass("no sensitive environment properties")] }
            return [.pass("\(secrets.count) value(s) from environmentsecrets: " + secrets.map(\.optionName).joined(separator: ", "))]
        })
}


