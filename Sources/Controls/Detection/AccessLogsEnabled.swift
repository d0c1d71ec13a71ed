import Inventory

extension Control {
    /// EB-DET-009: load balancer access logs.
    static let accessLogsEnabled = Control(
        id: "EB-DET-009", layer: .detection, severity: .low,
        title: "Load balancer access logs are enabled",
        rationale: "Access logs record every request (client, path, status, TLS version); they are the first thing an investigation asks for.",
        references: [.doc("environments-cfg-alb.html"), .securityHub("ELB.5")],
        remediation: .options("Store access logs in S3.", [
            OptionChange("aws:elbv2:loadbalancer", "AccessLogsS3Enabled", "true"),
            OptionChange("aws:elbv2:loadbalancer", "AccessLogsS3Bucket", "ACCESS_LOG_BUCKET"),
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("off on the live load balancer") { $0.loadBalancer { $0.attributes = ["access_logs.s3.enabled": "false"] } },
            .fails("off by default in options") { $0.environment.resources = nil; $0.removeOption("aws:elbv2:loadbalancer", "AccessLogsS3Enabled") },
        ],
        evaluate: { context in
            if let skip = context.requireLoadBalancer() { return [skip] }
            let live = context.loadBalancers.compactMap { balancer -> (LoadBalancer, String)? in
                guard let attributes = balancer.attributes else { return nil }
                return (balancer, attributes["access_logs.s3.enabled"] ?? attributes["AccessLog.Enabled"] ?? "false")
            }
            if !live.isEmpty {
                let off = live.filter { $0.1.lowercased() != "true" }
                if off.isEmpty { return [.pass(live.map { "\($0.0.name ?? $0.0.id): access logs on" }.joined(separator: "; "))] }
                return [.fail(off.map { "\($0.0.name ?? $0.0.id): access_logs.s3.enabled = \($0.1)" })]
            }
            if context.loadBalancerType == "classic" {
                return [context.check("aws:elb:loadbalancer", "AccessLogsS3Enabled") { context.isTrue($0) }]
            }
            return [context.check("aws:elbv2:loadbalancer", "AccessLogsS3Enabled") { context.isTrue($0) }]
        })
}
