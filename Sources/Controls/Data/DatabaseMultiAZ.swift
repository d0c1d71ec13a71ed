import Inventory

extension Control {
    /// EB-DATA-009: the database is Multi-AZ.
    static let databaseMultiAZ = Control(
        id: "EB-DATA-009", layer: .data, severity: .low,
        title: "The database is Multi-AZ",
        rationale: "The target architecture runs the database in two Availability Zones so that a zone failure or maintenance does not take the application down.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("vpc-rds.html")],
        remediation: .manual("Convert the instance to Multi-AZ during a maintenance window.", commands: ["aws rds modify-db-instance --db-instance-identifier DB --multi-az --apply-immediately"]),
        examples: [
            .passes("hardened baseline"),
            .fails("single-AZ") { $0.database { $0.multiAZ = false } },
        ],
        evaluate: { context in
            context.eachDatabase { database, ref in
                guard let multiAZ = database.multiAZ else { return .notAssessed("MultiAZ of \(database.identifier) unknown", resource: ref) }
                return multiAZ ? .pass("\(database.identifier): MultiAZ = true", resource: ref, origin: database.origin)
                    : .fail("\(database.identifier): MultiAZ = false", resource: ref, origin: database.origin)
            }
        })
}
