import Inventory

extension Control {
    /// EB-NET-002: the environment runs in a custom VPC.
    static let customVPC = Control(
        id: "EB-NET-002", layer: .network, severity: .medium,
        title: "The environment runs in a custom VPC",
        rationale: "The default VPC has only public subnets with public IPs on launch and is shared by everything launched without thought; a custom VPC gives the environment its own private tier and route tables.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("vpc.html")],
        remediation: .options("Create the environment in a custom VPC with public (load balancer) and private (instance) subnets. The VPC of an existing environment cannot be changed in place: clone it into the new VPC and swap CNAMEs.", [
            OptionChange("aws:ec2:vpc", "VPCId", "vpc-CUSTOM"),
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("VPCId not set (default VPC)") { $0.removeOption("aws:ec2:vpc", "VPCId"); $0.inventory.instances = [:]; $0.inventory.loadBalancers = [:] },
            .fails("VPCId is the default VPC") { $0.inventory.vpcs["vpc-app"]?.isDefault = true },
        ],
        evaluate: { context in
            let configured = context.option("aws:ec2:vpc", "VPCId")
            guard case .known(let configuredId, let setting) = configured else { if case .unknown(let reason) = configured { return [.notAssessed(reason)] }; return [] }
            guard let id = configuredId ?? context.vpcId else {
                return [.fail("aws:ec2:vpc/VPCId not set: the environment runs in the default VPC", origin: context.environment.origin)]
            }
            if let vpc = context.inventory.vpcs[id], let isDefault = vpc.isDefault {
                return isDefault ? [.fail("\(id) is the account's default VPC", origin: setting?.origin)] : [.pass("\(id) is a custom VPC", origin: setting?.origin)]
            }
            if configuredId != nil, context.inventory.vpcs.isEmpty, context.inventory.source.kind == "iac" {
                return [.pass("aws:ec2:vpc/VPCId = \(id)", origin: setting?.origin)]
            }
            return [.notAssessed(context.gapReason(.vpcs, resource: id, fallback: "whether \(id) is the default VPC is unknown"))]
        })
}
