import Inventory

extension Control {
    /// EB-IAM-002: an instance profile is set, exists and holds exactly one role.
    static let instanceProfileSet = Control(
        id: "EB-IAM-002", layer: .identity, severity: .high,
        title: "An instance profile is set, exists and holds exactly one role",
        rationale: "Instances need a role of their own for logs, health and application access; without one, teams put access keys on the instances instead. A missing profile or one without a role breaks launches.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .seed("004_6dd9b4f7eb1f173f.txt"), .doc("iam-instanceprofile.html")],
        remediation: .options("Create an instance profile with one role (trusting ec2.amazonaws.com) scoped to what the application uses, and set it.", [
            OptionChange("aws:autoscaling:launchconfiguration", "IamInstanceProfile", "aws-elasticbeanstalk-ec2-role"),
        ]),
        examples: [
            .passes("hardened baseline"),
            .fails("no instance profile") { $0.removeOption("aws:autoscaling:launchconfiguration", "IamInstanceProfile") },
            .fails("profile without a role") { $0.inventory.iam?.instanceProfiles[ExampleInventory.Names.instanceProfile]?.roleNames = [] },
            .notAssessed("IAM not collected") { $0.inventory.iam = nil },
        ],
        evaluate: { context in
            let namespace = "aws:autoscaling:launchconfiguration"
            let value = context.option(namespace, "IamInstanceProfile")
            guard case .known(let name, let setting) = value else { if case .unknown(let reason) = value { return [.notAssessed(reason)] }; return [] }
            guard let name, !name.isEmpty else { return [.fail("\(namespace)/IamInstanceProfile is not set", origin: context.environment.origin)] }
            guard context.hasIAM else {
                return [.notAssessed(context.gapReason(.instanceProfiles, fallback: "IAM instance profiles not collected"))]
            }
            guard let held = context.heldInstanceProfile else {
                if context.inventory.gaps.contains(where: { $0.fact == .instanceProfiles || $0.fact == .iamRoles }) || context.inventory.source.kind == "iac" {
                    return [.notAssessed(context.gapReason(.instanceProfiles, resource: name, fallback: "instance profile \(name) not in the scanned sources"))]
                }
                return [.fail("\(namespace)/IamInstanceProfile = \(name), but no such instance profile exists", origin: setting?.origin)]
            }
            // (The profile is read where the environment's joins hold it, not copied out.)
            let ref = context.ref("AWS::IAM::InstanceProfile", held.value.arn ?? held.value.name, name: held.value.name)
            guard held.value.roleNames.count == 1 else {
                return [.fail("instance profile \(held.value.name) holds \(held.value.roleNames.count) roles", resource: ref, origin: held.value.origin ?? setting?.origin)]
            }
            return [.pass(FastText.joined("instance profile ", held.value.name, " holds role ", held.value.roleNames[0]), resource: ref, origin: setting?.origin)]
        })
}
