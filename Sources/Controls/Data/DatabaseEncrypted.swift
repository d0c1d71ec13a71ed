import Inventory

extension Control {
    /// EB-DATA-007: the environment's RDS storage is encrypted.
    static let databaseEncrypted = Control(
        id: "EB-DATA-007", layer: .data, severity: .high,
        title: "The environment's database storage is encrypted",
        rationale: "Unencrypted RDS storage exposes data, snapshots and replicas to anyone who obtains the underlying volumes or a shared snapshot.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("AWSHowTo.RDS.html"), .securityHub("RDS.3")],
        remediation: .manual("Encryption cannot be turned on in place: snapshot, copy the snapshot with --kms-key-id, restore, and switch the environment to the restored instance.", commands: [
            "aws rds create-db-snapshot --db-instance-identifier DB --db-snapshot-identifier DB-pre-encryption",
            "aws rds copy-db-snapshot --source-db-snapshot-identifier DB-pre-encryption --target-db-snapshot-identifier DB-encrypted --kms-key-id alias/aws/rds",
            "aws rds restore-db-instance-from-db-snapshot --db-instance-identifier DB-encrypted --db-snapshot-identifier DB-encrypted",
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("unencrypted storage") { $0.database { $0.storageEncrypted = false } },
            .notApplicable("no database") { $0.inventory.databases = [:]; $0.removeOption("aws:rds:dbinstance", "HasCoupledDatabase") },
        ],
        evaluate: { context in
            context.eachDatabase { database, ref in
                guard let encrypted = database.storageEncrypted else { return .notAssessed("StorageEncrypted of \(database.identifier) unknown", resource: ref) }
                return encrypted ? .pass("\(database.identifier): StorageEncrypted = true", resource: ref, origin: database.origin)
                    : .fail("\(database.identifier): StorageEncrypted = false", resource: ref, origin: database.origin)
            }
        })
}
