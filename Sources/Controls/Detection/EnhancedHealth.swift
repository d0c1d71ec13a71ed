import Inventory

extension Control {
    /// EB-DET-001: enhanced health reporting.
    static let enhancedHealth = Control(
        id: "EB-DET-001", layer: .detection, severity: .medium,
        title: "Enhanced health reporting is enabled",
        rationale: "Basic health only watches the load balancer's health check; enhanced health reports per-instance causes (failing requests, CPU, deployments) and is what alarms and the rollback procedure rely on.",
        references: [.seed("001_573b8fe637c46486.txt"), .doc("health-enhanced-enable.html"), .securityHub("ElasticBeanstalk.1"), .awsConfig("beanstalk-enhanced-health-reporting-enabled")],
        remediation: .options("Enable enhanced health reporting (needs the service role and the instance role's elasticbeanstalk:PutInstanceStatistics).", [
            OptionChange("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("default basic") { $0.removeOption("aws:elasticbeanstalk:healthreporting:system", "SystemType") },
        ],
        evaluate: { context in
            [context.check("aws:elasticbeanstalk:healthreporting:system", "SystemType") { $0?.lowercased() == "enhanced" }]
        })
}
