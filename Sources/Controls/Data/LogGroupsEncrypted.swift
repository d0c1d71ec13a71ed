import Inventory

extension Control {
    /// EB-DATA-014: the environment's log groups are encrypted with KMS.
    static let logGroupsEncrypted = Control(
        id: "EB-DATA-014", layer: .data, severity: .low,
        title: "The environment's CloudWatch log groups are encrypted with KMS",
        rationale: "Application and web server logs often carry request data and tokens; a customer-managed key adds access control and an audit trail on reading them.",
        references: [.doc("AWSHowTo.cloudwatchlogs.html"), .securityHub("CloudWatch.4")],
        remediation: .manual("Associate a KMS key with each log group (the key policy must allow logs.REGION.amazonaws.com).", commands: ["aws logs associate-kms-key --log-group-name /aws/elasticbeanstalk/ENV_NAME/var/log/eb-engine.log --kms-key-id KEY_ARN"]),
        examples: [
            .passes("hardened baseline"),
            .fails("log group without a key") { $0.inventory.logGroups = [LogGroup(name: "/aws/elasticbeanstalk/shop-prod/var/log/web.stdout.log", retentionInDays: 365)] },
            .notAssessed("log groups not collected") { $0.inventory.logGroups = nil },
        ],
        evaluate: { context in
            guard let groups = context.logGroups else { return [.notAssessed(context.gapReason(.logGroups, fallback: "log groups not collected"))] }
            guard !groups.isEmpty else {
                if case .known(let value) = context.optionText("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs"), value?.lowercased() == "true" {
                    return [.notAssessed("log streaming is on but no /aws/elasticbeanstalk/\(context.environment.name)/ log group was found")]
                }
                return [.notApplicable("the environment streams no logs to CloudWatch")]
            }
            let plain = groups.filter { ($0.kmsKeyId ?? "").isEmpty }
            if plain.isEmpty { return [Outcome(verdict: .pass, evidence: ["\(groups.count) log group(s) encrypted with KMS"])] }
            return [.fail(plain.map { "\($0.name): no KMS key" })]
        })
}
