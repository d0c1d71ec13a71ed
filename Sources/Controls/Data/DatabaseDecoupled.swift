import Inventory

extension Control {
    /// EB-DATA-008: the database survives the environment.
    static let databaseDecoupled = Control(
        id: "EB-DATA-008", layer: .data, severity: .medium,
        title: "The database is decoupled from the environment lifecycle",
        rationale: "A database coupled to the environment with the default deletion policy is deleted when the environment is terminated or rebuilt, including by a mistaken or malicious TerminateEnvironment.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("using-features.managing.db.html")],
        remediation: .options("Decouple the database, or at least retain or snapshot it on termination.", [
            OptionChange("aws:rds:dbinstance", "DBDeletionPolicy", "Retain"),
            OptionChange("aws:rds:dbinstance", "HasCoupledDatabase", "false"),
        ]),
        examples: [
            .passes("hardened baseline: decoupled"),
            .fails("coupled with the default Delete policy") { $0.setOption("aws:rds:dbinstance", "HasCoupledDatabase", "true") },
            .passes("coupled with Snapshot") { $0.setOption("aws:rds:dbinstance", "HasCoupledDatabase", "true"); $0.setOption("aws:rds:dbinstance", "DBDeletionPolicy", "Snapshot") },
            .notApplicable("no database") { $0.inventory.databases = [:]; $0.removeOption("aws:rds:dbinstance", "HasCoupledDatabase") },
        ],
        evaluate: { context in
            guard context.hasDatabase else { return [.notApplicable("no database is tied to the environment")] }
            let coupled = context.option("aws:rds:dbinstance", "HasCoupledDatabase")
            guard case .known(let value, let setting) = coupled else { return [context.check("aws:rds:dbinstance", "HasCoupledDatabase") { _ in true }] }
            let taggedByEB = context.databases.contains { $0.tags["elasticbeanstalk:environment-name"] == context.environment.name }
            if value?.lowercased() != "true" && !taggedByEB {
                return [.pass(context.describe("aws:rds:dbinstance", "HasCoupledDatabase", coupled), origin: setting?.origin)]
            }
            return [context.check("aws:rds:dbinstance", "DBDeletionPolicy") { ["retain", "snapshot"].contains($0?.lowercased() ?? "") }]
        })
}
