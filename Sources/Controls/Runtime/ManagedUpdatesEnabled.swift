import Inventory

extension Control {
    /// EB-RUN-002: managed platform updates on, with a window and an update level.
    static let managedUpdatesEnabled = Control(
        id: "EB-RUN-002", layer: .runtime, severity: .high,
        title: "Managed platform updates are enabled",
        rationale: "Platform versions carry operating system, runtime and web server security fixes. Managed updates apply them in a maintenance window without anyone having to remember.",
        references: [.seed("001_573b8fe637c46486.txt"), .doc("environment-platform-update-managed.html"), .securityHub("ElasticBeanstalk.2"), .awsConfig("elastic-beanstalk-managed-updates-enabled")],
        remediation: .options("Enable managed platform updates with a weekly window and minor-level updates.", [
            OptionChange("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "true"),
            OptionChange("aws:elasticbeanstalk:managedactions", "PreferredStartTime", "Sun:02:00"),
            OptionChange("aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel", "minor"),
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("managed actions absent (default false)") { $0.removeOption("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled") },
            .fails("enabled without an update level") { $0.removeOption("aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel") },
        ],
        evaluate: { context in
            [context.combine([
                context.check("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled") { context.isTrue($0) },
                context.check("aws:elasticbeanstalk:managedactions", "PreferredStartTime") { !($0 ?? "").isEmpty },
                context.check("aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel") { ["patch", "minor"].contains($0?.lowercased() ?? "") },
            ])]
        })
}
