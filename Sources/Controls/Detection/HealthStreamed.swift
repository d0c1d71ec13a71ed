import Inventory

extension Control {
    /// EB-DET-003: health events stream to CloudWatch.
    static let healthStreamed = Control(
        id: "EB-DET-003", layer: .detection, severity: .low,
        title: "Environment health events stream to CloudWatch Logs",
        rationale: "Archived health transitions show when and why an environment degraded, which is the evidence a post-incident review and the rollback procedure need.",
        references: [.doc("AWSHowTo.cloudwatchlogs.envhealth.html")],
        remediation: .options("Stream health events.", [OptionChange("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled", "true")]),
        examples: [
            .passes("hardened baseline"),
            .fails("default off") { $0.removeOption("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled") },
        ],
        evaluate: { context in
            [context.check("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled") { context.isTrue($0) }]
        })
}
