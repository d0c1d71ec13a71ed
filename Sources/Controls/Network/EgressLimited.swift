import Inventory

extension Control {
    /// EB-NET-006: instance egress is limited.
    static let egressLimited = Control(
        id: "EB-NET-006", layer: .network, severity: .low,
        title: "Instance egress is limited to required destinations",
        rationale: "Allow-all egress lets a compromised instance reach any host to exfiltrate data or fetch tooling; required destinations are usually a database, VPC endpoints and a few HTTPS hosts.",
        references: [.seed("002_542e4eb9cb5cd64d.txt"), .seed("003_d0be057354991c31.txt")],
        remediation: .manual("Replace the allow-all egress rule with rules for the required ports and destinations (database group, VPC endpoint prefix lists, HTTPS).", commands: [
            "aws ec2 revoke-security-group-egress --group-id SG_INSTANCE --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]",
            "aws ec2 authorize-security-group-egress --group-id SG_INSTANCE --ip-permissions IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]",
        ]),
        examples: [
            .passes("hardened baseline: HTTPS to the S3 prefix list and the DB port"),
            .fails("allow-all egress") { $0.securityGroup("sg-app") { $0.egress = [SecurityGroupRule(ipProtocol: "-1", fromPort: nil, toPort: nil, cidr: "0.0.0.0/0")] } },
        ],
        evaluate: { context in
            guard let ids = context.instanceSecurityGroupIds else { return [.notAssessed("the instances' security groups are unknown")] }
            let (groups, missing) = context.securityGroups(ids)
            var outcomes: [Outcome] = []
            for group in groups {
                let open = group.egress.filter { $0.isAllTraffic && $0.isOpenToWorld }
                if !open.isEmpty {
                    outcomes.append(.fail("\(group.id) allows all traffic to \(open.map(\.peerDescription).joined(separator: ", "))", resource: context.groupRef(group), origin: open.first?.origin ?? group.origin))
                }
            }
            if !outcomes.isEmpty { return outcomes }
            if !missing.isEmpty { return [context.missingGroups(missing)] }
            return [.pass("instance groups \(ids.joined(separator: ", ")) restrict egress")]
        })
}
