import Inventory

extension Control {
    /// EB-RUN-007: production deployments can roll back safely.
    static let safeDeploymentPolicy = Control(
        id: "EB-RUN-007", layer: .runtime, severity: .low,
        title: "Production deployments are safe to roll back",
        rationale: "All-at-once and plain rolling deployments replace the running version in place; a bad version (or a bad security change) takes the application down. Immutable, rolling-with-additional-batch and traffic-splitting deployments keep healthy capacity and roll back cleanly.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .doc("using-features.rolling-version-deploy.html")],
        remediation: .options("Use immutable deployments for production environments.", [OptionChange("aws:elasticbeanstalk:command", "DeploymentPolicy", "Immutable")]),
        examples: [
            .passes("hardened baseline: Immutable"),
            .fails("production on the default AllAtOnce") { $0.removeOption("aws:elasticbeanstalk:command", "DeploymentPolicy") },
            .notApplicable("not a production environment") { $0.environment.name = "shop-dev"; $0.environment.tags = [:] },
        ],
        evaluate: { context in
            guard context.isProduction else { return [.notApplicable("not a production environment (by name or tag)")] }
            return [context.check("aws:elasticbeanstalk:command", "DeploymentPolicy") {
                ["immutable", "rollingwithadditionalbatch", "trafficsplitting"].contains($0?.lowercased() ?? "")
            }]
        })
}
