import Inventory

extension Control {
    /// EB-NET-011: VPC endpoints exist and internet-facing ALBs have a WAF web ACL.
    static let endpointsAndWAF = Control(
        id: "EB-NET-011", layer: .network, severity: .info,
        title: "VPC endpoints exist and an internet-facing ALB has a WAF web ACL",
        rationale: "An S3 gateway endpoint keeps bundle and log traffic off the internet path; a WAF web ACL filters common attacks before they reach the instances.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("vpc.html")],
        remediation: .manual("Create an S3 gateway endpoint in the VPC and associate a WAF web ACL with the load balancer.", commands: [
            "aws ec2 create-vpc-endpoint --vpc-id VPC --service-name com.amazonaws.REGION.s3 --route-table-ids RTB_PRIVATE",
            "aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn LOAD_BALANCER_ARN",
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("no S3 endpoint") { $0.inventory.vpcEndpoints = [] },
            .fails("no web ACL on the internet-facing ALB") { $0.loadBalancer { $0.webACLArn = "" } },
            .notAssessed("endpoints not collected") { $0.inventory.vpcEndpoints = nil },
        ],
        evaluate: { context in
            guard let vpc = context.vpcId else { return [.notAssessed("the environment's VPC is unknown")] }
            guard let endpoints = context.inventory.vpcEndpoints else { return [.notAssessed(context.gapReason(.vpcEndpoints, fallback: "VPC endpoints not collected"))] }
            var failures: [String] = []
            var evidence: [String] = []
            let inVPC = endpoints.filter { $0.vpcId == vpc }
            if inVPC.contains(where: { $0.serviceName.hasSuffix(".s3") }) { evidence.append("\(vpc) has an S3 endpoint") } else { failures.append("\(vpc) has no S3 VPC endpoint") }
            for balancer in context.loadBalancers where balancer.isInternetFacing && balancer.type?.lowercased() == "application" {
                switch balancer.webACLArn {
                case nil: evidence.append("WAF association of \(balancer.name ?? balancer.id) not collected")
                case ""?: failures.append("internet-facing ALB \(balancer.name ?? balancer.id) has no WAF web ACL")
                case let acl?: evidence.append("WAF web ACL \(acl)")
                }
            }
            return failures.isEmpty ? [Outcome(verdict: .pass, evidence: evidence)] : [.fail(failures)]
        })
}
