import Inventory

extension Control {
    /// EB-NET-008: the database is not publicly accessible.
    static let databaseNotPublic = Control(
        id: "EB-NET-008", layer: .network, severity: .critical,
        title: "The environment's database is not publicly accessible",
        rationale: "A publicly accessible RDS instance gets a public DNS name and address; one permissive security group rule away from the internet.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("vpc-rds.html"), .securityHub("RDS.2"), .awsConfig("rds-instance-public-access-check")],
        remediation: .manual("Turn off public accessibility.", commands: ["aws rds modify-db-instance --db-instance-identifier DB --no-publicly-accessible --apply-immediately"]),
        examples: [
            .passes("hardened baseline"),
            .fails("publicly accessible") { $0.database { $0.publiclyAccessible = true } },
        ],
        evaluate: { context in
            context.eachDatabase { database, ref in
                guard let open = database.publiclyAccessible else { return .notAssessed("PubliclyAccessible of \(database.identifier) unknown", resource: ref) }
                return open ? .fail("\(database.identifier): PubliclyAccessible = true", resource: ref, origin: database.origin)
                    : .pass("\(database.identifier): PubliclyAccessible = false", resource: ref, origin: database.origin)
            }
        })
}
