import Inventory

extension Control {
    /// EB-NET-007: the database admits its port only from the instance security group.
    static let databaseIngressFromInstances = Control(
        id: "EB-NET-007", layer: .network, severity: .high,
        title: "The database security group admits only the instances",
        rationale: "The database should be reachable on its port from the application's security group and nothing else; CIDR entries and extra groups widen who can try credentials against it.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("vpc-rds.html")],
        remediation: .manual("Keep one ingress rule on the database group: the DB port from the instance security group.", commands: [
            "aws ec2 authorize-security-group-ingress --group-id SG_DB --ip-permissions IpProtocol=tcp,FromPort=5432,ToPort=5432,UserIdGroupPairs=[{GroupId=SG_INSTANCE}]",
        ]),
        examples: [
            .passes("hardened baseline: 5432 from sg-app only"),
            .fails("a CIDR entry on the database group") { $0.securityGroup("sg-db") { $0.ingress.append(SecurityGroupRule(ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidr: "10.0.0.0/8")) } },
            .notApplicable("no database") { $0.inventory.databases = [:]; $0.removeOption("aws:rds:dbinstance", "HasCoupledDatabase") },
        ],
        evaluate: { context in
            // (Each id once already: a list of a few groups is searched, not hashed into a set.)
            let instanceGroups = context.instanceSecurityGroupIds ?? []
            return context.eachDatabase { database, ref in
                guard let ids = database.securityGroupIds else { return .notAssessed("security groups of \(database.identifier) unknown", resource: ref) }
                let (groups, missing) = context.securityGroups(ids)
                if !missing.isEmpty { return context.missingGroups(missing) }
                guard !instanceGroups.isEmpty else { return .notAssessed("the instances' security groups are unknown", resource: ref) }
                let port = database.effectivePort
                var bad: [String] = []
                for group in groups {
                    for rule in group.ingress {
                        let fromInstances = rule.sourceSecurityGroupId.map(instanceGroups.contains) ?? false
                        let onPort = port.map { rule.covers(port: $0) && !rule.isAllTraffic && rule.fromPort == rule.toPort } ?? true
                        if !(fromInstances && onPort) { bad.append("\(group.id) admits \(rule.portDescription) from \(rule.peerDescription)") }
                    }
                }
                if bad.isEmpty { return .pass("\(database.identifier): port \(port.map(String.init) ?? "?") only from \(instanceGroups.sorted().joined(separator: ", "))", resource: ref) }
                return .fail(bad, resource: ref, origin: groups.first?.origin ?? database.origin)
            }
        })
}
