import Inventory

extension Control {
    /// EB-DET-002: instance logs stream to CloudWatch and are kept.
    static let logsStreamed = Control(
        id: "EB-DET-002", layer: .detection, severity: .medium,
        title: "Instance logs stream to CloudWatch Logs with sufficient retention",
        rationale: "Instance logs vanish with the instance when an Auto Scaling group replaces it; streaming keeps them for investigation. Retention must meet the organisation's minimum, and the logs must survive environment termination.",
        references: [.seed("001_573b8fe637c46486.txt"), .doc("AWSHowTo.cloudwatchlogs.html"), .securityHub("ElasticBeanstalk.3")],
        remediation: .options("Stream instance logs, keep them a year and after termination.", [
            OptionChange("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "true"),
            OptionChange("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays", "365"),
            OptionChange("aws:elasticbeanstalk:cloudwatch:logs", "DeleteOnTerminate", "false"),
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("streaming off (default)") { $0.removeOption("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs") },
            .fails("retention at the default 7 days") { $0.removeOption("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays") },
            .fails("deleted on terminate") { $0.setOption("aws:elasticbeanstalk:cloudwatch:logs", "DeleteOnTerminate", "true") },
        ],
        evaluate: { context in
            let namespace = "aws:elasticbeanstalk:cloudwatch:logs"
            let minimum = context.settings.minimumLogRetentionDays
            return [context.combine([
                context.check(namespace, "StreamLogs") { context.isTrue($0) },
                context.check(namespace, "RetentionInDays") { (Int($0 ?? "") ?? 0) >= minimum },
                context.check(namespace, "DeleteOnTerminate") { !context.isTrue($0) },
            ])]
        })
}
