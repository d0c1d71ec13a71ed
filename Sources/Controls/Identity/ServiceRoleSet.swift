import Inventory

extension Control {
    /// EB-IAM-001: a service role is set and exists.
    static let serviceRoleSet = Control(
        id: "EB-IAM-001", layer: .identity, severity: .high,
        title: "A service role is set and exists",
        rationale: "Without its own service role, Elastic Beanstalk falls back to legacy behaviour and cannot run enhanced health or managed updates; a role that no longer exists breaks both silently.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .seed("004_6dd9b4f7eb1f173f.txt"), .doc("iam-servicerole.html")],
        remediation: .options("Create a service role trusted by elasticbeanstalk.amazonaws.com (sts:ExternalId elasticbeanstalk) with AWSElasticBeanstalkEnhancedHealth and AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy, and set it.", [
            OptionChange("aws:elasticbeanstalk:environment", "ServiceRole", "aws-elasticbeanstalk-service-role"),
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("no service role") { $0.removeOption("aws:elasticbeanstalk:environment", "ServiceRole") },
            .fails("the role does not exist") { $0.setOption("aws:elasticbeanstalk:environment", "ServiceRole", "deleted-role") },
            .notAssessed("IAM not collected") { $0.inventory.iam = nil },
        ],
        evaluate: { context in
            let namespace = "aws:elasticbeanstalk:environment"
            let value = context.option(namespace, "ServiceRole")
            guard case .known(let name, let setting) = value else { if case .unknown(let reason) = value { return [.notAssessed(reason)] }; return [] }
            guard let name, !name.isEmpty else { return [.fail("\(namespace)/ServiceRole is not set", origin: context.environment.origin)] }
            guard let roles = context.policies.roles else {
                if context.inventory.source.kind == "iac" { return [.pass(context.describe(namespace, "ServiceRole", value) + " (existence not checked: no IAM in the scanned files)", origin: setting?.origin)] }
                return [.notAssessed(context.gapReason(.iamRoles, fallback: "IAM roles not collected"))]
            }
            // (The environment's service role, as the other identity controls look it up: the role
            // this setting names.)
            if let role = context.heldServiceRole {
                return [.pass(FastText.joined("service role ", role.value.name, " exists"), resource: context.roleRef(role), origin: setting?.origin)]
            }
            if context.inventory.gaps.contains(where: { $0.fact == .iamRoles }) || (context.inventory.source.kind == "iac" && roles.isEmpty) {
                return [.notAssessed(context.gapReason(.iamRoles, resource: name, fallback: "role \(name) not in the scanned files"))]
            }
            return [.fail("\(namespace)/ServiceRole = \(name), but no such role exists", origin: setting?.origin)]
        })
}
