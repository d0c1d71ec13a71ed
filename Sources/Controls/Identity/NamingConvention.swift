import Inventory

extension Control {
    /// EB-IAM-013: roles, profiles, policies and keys follow the configured naming scheme.
    static let namingConvention = Control(
        id: "EB-IAM-013", layer: .identity, severity: .low,
        title: "Roles, instance profiles, policies and keys follow the naming scheme",
        rationale: "Seed 004: a naming scheme ({stage}.{service} for the instance role, {stage}.{service}Service for the service role, {STAGE}.EB.instanceProfilePolicy, {stage}_ms_{service} for the key) makes ownership obvious and automation possible. Off unless a scheme is configured.",
        references: [.seed("004_6dd9b4f7eb1f173f.txt")],
        remediation: .manual("Rename (recreate) the roles, profile, policy and key alias to the scheme, then point the environment at them."),
        examples: [
            .passes("hardened baseline follows the seed scheme", settings: AuditSettings(naming: NamingScheme(), now: ExampleInventory.now)),
            .fails("instance role named off-scheme", settings: AuditSettings(naming: NamingScheme(), now: ExampleInventory.now)) { $0.setOption("aws:autoscaling:launchconfiguration", "IamInstanceProfile", "aws-elasticbeanstalk-ec2-role"); $0.inventory.iam?.instanceProfiles["aws-elasticbeanstalk-ec2-role"] = InstanceProfile(name: "aws-elasticbeanstalk-ec2-role", roleNames: ["aws-elasticbeanstalk-ec2-role"]); $0.inventory.iam?.roles["aws-elasticbeanstalk-ec2-role"] = Role(name: "aws-elasticbeanstalk-ec2-role") },
            .notApplicable("no scheme configured"),
        ],
        evaluate: { context in
            guard let scheme = context.settings.naming else { return [.notApplicable("no naming scheme configured (naming in ebguard.yml)")] }
            let tags = context.environment.tags ?? [:]
            let stage = tags[scheme.stageTag] ?? context.environment.name.split(separator: "-").last.map(String.init) ?? ""
            let service = tags[scheme.serviceTag] ?? context.environment.applicationName ?? ""
            func expand(_ pattern: String) -> String {
                pattern.replacingOccurrences(of: "{stage}", with: stage.lowercased()).replacingOccurrences(of: "{STAGE}", with: stage.uppercased())
                    .replacingOccurrences(of: "{service}", with: service)
            }
            var failures: [String] = []
            var evidence: [String] = []
            func compare(_ what: String, _ actual: String?, _ pattern: String) {
                guard let actual else { return }
                let expected = expand(pattern)
                if actual == expected { evidence.append("\(what) \(actual)") } else { failures.append("\(what) \(actual) (expected \(expected))") }
            }
            compare("instance role", context.instanceRole?.name, scheme.instanceRole)
            compare("instance profile", context.instanceProfile?.name, scheme.instanceRole)
            compare("service role", context.serviceRole?.name, scheme.serviceRole)
            if let role = context.instanceRole, let attached = role.attachedPolicyArns, !attached.isEmpty {
                let expected = expand(scheme.instanceProfilePolicy)
                if !attached.contains(where: { ARN.lastName(of: $0) == expected }) && !(role.inlinePolicies ?? []).contains(where: { $0.name == expected }) {
                    failures.append("instance role policies \(attached.map { ARN.lastName(of: $0) }.joined(separator: ", ")) (expected \(expected))")
                }
            }
            let aliases = context.inventory.kmsKeys.values.flatMap(\.aliases).filter { !$0.hasPrefix("alias/aws/") }
            if !aliases.isEmpty {
                let expected = "alias/" + expand(scheme.kmsKeyAlias)
                if aliases.contains(expected) { evidence.append("key \(expected)") } else { failures.append("no KMS alias \(expected) (found \(aliases.joined(separator: ", ")))") }
            }
            if !failures.isEmpty { return [.fail(failures)] }
            if evidence.isEmpty { return [.notAssessed("no roles, profiles or keys of the environment were found to compare")] }
            return [Outcome(verdict: .pass, evidence: evidence)]
        })
}
