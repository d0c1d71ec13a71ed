import Inventory

extension Control {
    /// EB-NET-003: instances admit traffic only from the load balancer's security group.
    static let instanceIngressFromLoadBalancer = Control(
        id: "EB-NET-003", layer: .network, severity: .high,
        title: "Instance security groups admit traffic only from the load balancer",
        rationale: "With a load balancer in front, no client needs to reach an instance directly. CIDR sources on the instance security groups bypass the load balancer's TLS, WAF and access logs.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .seed("003_d0be057354991c31.txt"), .doc("using-features.managing.vpc.html")],
        remediation: .manual("Replace CIDR ingress on the instance security groups with a rule whose source is the load balancer's security group.", commands: [
            "aws ec2 revoke-security-group-ingress --group-id SG_INSTANCE --ip-permissions IpProtocol=tcp,FromPort=80,ToPort=80,IpRanges=[{CidrIp=0.0.0.0/0}]",
            "aws ec2 authorize-security-group-ingress --group-id SG_INSTANCE --ip-permissions IpProtocol=tcp,FromPort=80,ToPort=80,UserIdGroupPairs=[{GroupId=SG_LOADBALANCER}]",
        ]),
        examples: [
            .passes("hardened baseline: port 80 from sg-lb only"),
            .fails("port 80 from 0.0.0.0/0 on the instance group") { $0.securityGroup("sg-app") { $0.ingress.append(SecurityGroupRule(ipProtocol: "tcp", fromPort: 80, toPort: 80, cidr: "0.0.0.0/0")) } },
            .notApplicable("single-instance environment") { $0.setOption("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"); $0.environment.resources?.loadBalancers = [] },
        ],
        evaluate: { context in
            if let skip = context.requireLoadBalancer() { return [skip] }
            guard let ids = context.instanceSecurityGroupIds else { return [.notAssessed("the instances' security groups are unknown")] }
            let (groups, missing) = context.securityGroups(ids)
            var outcomes: [Outcome] = []
            for group in groups {
                let cidrRules = group.ingress.filter { $0.cidr != nil || $0.prefixListId != nil }
                if cidrRules.isEmpty { continue }
                outcomes.append(.fail(cidrRules.map { "\(group.id) admits \($0.portDescription) from \($0.peerDescription)" }, resource: context.groupRef(group), origin: cidrRules.first?.origin ?? group.origin))
            }
            if !outcomes.isEmpty { return outcomes }
            if !missing.isEmpty { return [context.missingGroups(missing)] }
            let lb = context.loadBalancerSecurityGroupIds
            return [.pass("instance groups \(ids.joined(separator: ", ")) admit only security-group sources" + (lb.isEmpty ? "" : " (load balancer: \(lb.joined(separator: ", ")))"))]
        })
}
