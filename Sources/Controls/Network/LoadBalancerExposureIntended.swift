import Inventory

extension Control {
    /// EB-NET-009: the load balancer faces the internet only when intended.
    static let loadBalancerExposureIntended = Control(
        id: "EB-NET-009", layer: .network, severity: .low,
        title: "The load balancer is internet-facing only when intended",
        rationale: "Internal services should get an internal load balancer; a private environment published on the internet by default (ELBScheme defaults to public) is a common accident. Load balancer subnets should be public only when the load balancer is.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("vpc.html")],
        remediation: .options("Make the load balancer internal and place it in private subnets (set at creation; recreate the environment to change it).", [
            OptionChange("aws:ec2:vpc", "ELBScheme", "internal"),
            OptionChange("aws:ec2:vpc", "ELBSubnets", "subnet-PRIVATE-A,subnet-PRIVATE-B"),
        ]),
        examples: [
            .passes("hardened baseline: public environment, public load balancer subnets"),
            .fails("tagged private but internet-facing") { $0.environment.tags?["ebguard:exposure"] = "private" },
            .fails("internal load balancer in public subnets") { $0.loadBalancer { $0.scheme = "internal" }; $0.setOption("aws:ec2:vpc", "ELBScheme", "internal") },
        ],
        evaluate: { context in
            if let skip = context.requireLoadBalancer() { return [skip] }
            guard let facing = context.isInternetFacing else { return [.notAssessed("load balancer scheme unknown")] }
            let intendedPrivate = context.environment.tags?[context.settings.exposureTagKey]?.lowercased() == "private"
            if intendedPrivate && facing {
                return [.fail("environment tagged \(context.settings.exposureTagKey)=private but the load balancer is internet-facing",
                              origin: context.environment.optionSettings?.winnerOrigin("aws:ec2:vpc", "ELBScheme") ?? context.environment.origin)]
            }
            let subnets = context.loadBalancers.first?.subnetIds ?? context.list("aws:ec2:vpc", "ELBSubnets") ?? []
            if !facing {
                let publicSubnets = subnets.filter { context.isPublic(subnet: $0) == true }
                if !publicSubnets.isEmpty { return [.fail("internal load balancer placed in public subnets \(publicSubnets.joined(separator: ", "))")] }
            } else {
                let privateSubnets = subnets.filter { context.isPublic(subnet: $0) == false }
                if !privateSubnets.isEmpty { return [.fail("internet-facing load balancer in subnets without an internet route: \(privateSubnets.joined(separator: ", "))")] }
            }
            return [.pass(facing ? "internet-facing, as intended (no \(context.settings.exposureTagKey)=private tag)" : "internal load balancer")]
        })
}
