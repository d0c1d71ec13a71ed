import Inventory

extension Control {
    /// EB-DATA-010: database connections require TLS.
    static let databaseRequiresTLS = Control(
        id: "EB-DATA-010", layer: .data, severity: .medium,
        title: "Database connections require TLS",
        rationale: "Without require_secure_transport (MySQL/MariaDB) or rds.force_ssl (PostgreSQL), a misconfigured client silently connects in clear text.",
        references: [.seed("003_d0be057354991c31.txt"), .securityHub("RDS.36")],
        remediation: .manual("Set the parameter in a custom DB parameter group and reboot in a window.", commands: [
            "aws rds modify-db-parameter-group --db-parameter-group-name PG --parameters ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=pending-reboot",
            "aws rds modify-db-parameter-group --db-parameter-group-name PG --parameters ParameterName=require_secure_transport,ParameterValue=1,ApplyMethod=pending-reboot",
        ]),
        examples: [
            .passes("hardened baseline: rds.force_ssl = 1"),
            .fails("rds.force_ssl = 0") { $0.inventory.dbParameterGroups["shop-pg16"]?.parameters["rds.force_ssl"] = "0" },
            .notAssessed("parameter group not collected") { $0.inventory.dbParameterGroups = [:] },
        ],
        evaluate: { context in
            context.eachDatabase { database, ref in
                let engine = database.engine?.lowercased() ?? ""
                let parameter: String
                if FastText.contains(engine, "postgres") {
                    parameter = "rds.force_ssl"
                } else if FastText.contains(engine, "mysql") || FastText.contains(engine, "mariadb") {
                    parameter = "require_secure_transport"
                } else {
                    return .notAssessed("engine \(database.engine ?? "unknown") of \(database.identifier) has no known TLS parameter", resource: ref)
                }
                let groups = database.parameterGroupNames ?? []
                guard let group = groups.lazy.compactMap({ context.inventory.dbParameterGroups[$0] }).first else {
                    return .notAssessed(context.gapReason(.dbParameters, resource: groups.first, fallback: "parameters of group \(groups.first ?? "?") not collected"), resource: ref)
                }
                let value = group.parameters[parameter]?.lowercased()
                let evidence = "\(database.identifier): \(group.name) \(parameter) = \(value ?? "unset (engine default)")"
                let on = value == "1" || value == "on" || value == "true"
                return on ? .pass(evidence, resource: ref, origin: group.origin) : .fail(evidence, resource: ref, origin: group.origin)
            }
        })
}
