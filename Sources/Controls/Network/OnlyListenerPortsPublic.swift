import Inventory

extension Control {
    /// EB-NET-005: only the listener ports are open to the world.
    static let onlyListenerPortsPublic = Control(
        id: "EB-NET-005", layer: .network, severity: .high,
        title: "Only the listener ports are open to the internet",
        rationale: "Anything other than the load balancer's listener ports (80/443) open to 0.0.0.0/0 exposes a service nobody meant to publish; the load balancer's own group should open only its listeners.",
        references: [.seed("003_d0be057354991c31.txt"), .securityHub("EC2.18"), .securityHub("EC2.19")],
        remediation: .manual("Revoke world-open rules for any port other than the listeners.", commands: ["aws ec2 revoke-security-group-ingress --group-id SG --ip-permissions IpProtocol=tcp,FromPort=PORT,ToPort=PORT,IpRanges=[{CidrIp=0.0.0.0/0}]"]),
        examples: [
            .passes("hardened baseline: 443 only"),
            .fails("8080 open to the world on the load balancer group") { $0.securityGroup("sg-lb") { $0.ingress.append(SecurityGroupRule(ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidr: "0.0.0.0/0")) } },
            .fails("all traffic open on the instance group") { $0.securityGroup("sg-app") { $0.ingress.append(SecurityGroupRule(ipProtocol: "-1", fromPort: nil, toPort: nil, cidr: "::/0")) } },
        ],
        evaluate: { context in
            // The listener ports and 80/443, each once, sorted (a handful: searched, not hashed).
            var listenerPorts = [80, 443]
            for view in context.listenerViews ?? [] where !listenerPorts.contains(view.port) { listenerPorts.append(view.port) }
            listenerPorts.sort()
            let (groups, missing) = context.allSecurityGroups
            var outcomes: [Outcome] = []
            // (Each group is read where the join holds it: most have no such rule, and copying a
            // group out copied every rule and string of it.)
            for position in groups.indices {
                let bad = groups[position].ingress.filter { rule in
                    guard rule.isOpenToWorld else { return false }
                    if rule.isAllTraffic { return true }
                    guard let from = rule.fromPort, let to = rule.toPort, from >= 0 else { return !["icmp", "icmpv6", "1", "58"].contains(rule.ipProtocol.lowercased()) }
                    if ["icmp", "icmpv6", "1", "58"].contains(rule.ipProtocol.lowercased()) { return false }
                    return (from...max(from, to)).contains { !listenerPorts.contains($0) } || to - from > 2
                }
                if bad.isEmpty { continue }
                let group = groups[position]
                outcomes.append(.fail(bad.map { "\(group.id) opens \($0.portDescription) to \($0.peerDescription)" }, resource: context.groupRef(group), origin: bad.first?.origin ?? group.origin))
            }
            if !outcomes.isEmpty { return outcomes }
            if !missing.isEmpty { return [context.missingGroups(missing)] }
            if groups.isEmpty { return [.notAssessed("the environment's security groups are unknown")] }
            return [.pass("world-open ports limited to listeners \(listenerPorts.map(String.init).joined(separator: ", "))")]
        })
}
