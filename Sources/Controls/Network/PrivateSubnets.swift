import Inventory

extension Control {
    /// EB-NET-001: instances run in private subnets without public IPs.
    static let privateSubnets = Control(
        id: "EB-NET-001", layer: .network, severity: .high,
        title: "Instances run in private subnets",
        rationale: "Instances in subnets with a default route to an internet gateway, or with public IP addresses, are reachable from the internet whenever a security group slips; the load balancer should be the only public entry point.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("vpc.html"), .doc("using-features.managing.vpc.html")],
        remediation: .options("Place instances in private subnets (NAT for egress) and turn off public IPs; keep the load balancer in the public subnets.", [
            OptionChange("aws:ec2:vpc", "Subnets", "subnet-PRIVATE-A,subnet-PRIVATE-B"),
            OptionChange("aws:ec2:vpc", "AssociatePublicIpAddress", "false"),
        ]),
        examples: [
            .passes("hardened baseline: NAT-routed subnets, no public IP"),
            .fails("public IPs requested") { $0.setOption("aws:ec2:vpc", "AssociatePublicIpAddress", "true") },
            .fails("instance subnet routes to an internet gateway") { $0.setOption("aws:ec2:vpc", "Subnets", "subnet-pub-a"); $0.inventory.autoScalingGroups = [:]; $0.inventory.instances = [:] },
            .notAssessed("route tables not collected") { $0.inventory.routeTables = [:] },
        ],
        evaluate: { context in
            let publicIP = context.check("aws:ec2:vpc", "AssociatePublicIpAddress") { !context.isTrue($0) }
            guard let subnets = context.instanceSubnetIds, !subnets.isEmpty else {
                if publicIP.verdict == .fail { return [publicIP] }
                return [.notAssessed("the environment's subnets are unknown (aws:ec2:vpc/Subnets not set and no instances seen)")]
            }
            var failures = publicIP.verdict == .fail ? publicIP.evidence : []
            var evidence = publicIP.verdict == .pass ? publicIP.evidence : []
            var unknown: [String] = []
            for subnet in subnets {
                switch context.isPublic(subnet: subnet) {
                case true?: failures.append("subnet \(subnet) routes 0.0.0.0/0 to an internet gateway (\(context.routeTable(forSubnet: subnet)?.id ?? "?"))")
                case false?: evidence.append("subnet \(subnet): no internet gateway route")
                case nil: unknown.append(subnet)
                }
            }
            for instance in context.instances where instance.publicIpAddress != nil {
                failures.append("instance \(instance.id) has public IP \(instance.publicIpAddress ?? "")")
            }
            if !failures.isEmpty { return [.fail(failures, origin: context.environment.optionSettings?.winnerOrigin("aws:ec2:vpc", "Subnets") ?? publicIP.origin)] }
            if !unknown.isEmpty { return [.notAssessed(context.gapReason(.routeTables, fallback: "route tables for \(unknown.joined(separator: ", ")) not collected"))] }
            if publicIP.verdict == .notAssessed { return [publicIP] }
            return [Outcome(verdict: .pass, evidence: evidence)]
        })
}
