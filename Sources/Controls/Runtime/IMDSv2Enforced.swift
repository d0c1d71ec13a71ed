import Inventory

extension Control {
    /// EB-RUN-001: IMDSv2 enforced in configuration, launch template and on every instance.
    static let imdsV2Enforced = Control(
        id: "EB-RUN-001", layer: .runtime, severity: .high,
        title: "IMDSv2 is enforced on the environment's instances",
        rationale: "IMDSv1 answers unauthenticated GET requests, so an SSRF in the application can read the instance role's credentials. Disabling IMDSv1 requires session tokens (IMDSv2). The configuration, the launch template and the running instances must agree; drift between them is its own finding.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .seed("001_573b8fe637c46486.txt"), .doc("environments-cfg-ec2-imds.html"), .securityHub("EC2.8"), .awsConfig("ec2-imdsv2-check")],
        remediation: .options("Disable IMDSv1 after confirming every SDK in the application supports IMDSv2 (the change replaces instances through the launch template).",
                              [OptionChange("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "true")]),
        examples: [
            .passes("hardened baseline: DisableIMDSv1 true, launch template and instance require tokens"),
            .fails("DisableIMDSv1 absent: Elastic Beanstalk's default is false") { $0.removeOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1") },
            .fails("a running instance still allows IMDSv1 (drift)") { $0.inventory.instances[ExampleInventory.Names.instance]?.metadataOptions?.httpTokens = "optional" },
            .fails("the launch template allows IMDSv1 although the option is true") { $0.inventory.launchTemplates[ExampleInventory.Names.launchTemplate]?.metadataOptions?.httpTokens = "optional" },
            .notAssessed("no option settings in the source") { $0.environment.optionSettings = nil },
        ],
        evaluate: { context in
            let namespace = "aws:autoscaling:launchconfiguration"
            let configured = context.check(namespace, "DisableIMDSv1") { context.isTrue($0) }
            guard configured.verdict != .notAssessed else { return [configured] }
            var failures: [String] = configured.verdict == .fail ? configured.evidence : []
            var evidence = configured.evidence
            for template in context.launchTemplates {
                guard let options = template.metadataOptions else { continue }
                let text = "launch template \(template.id)\(template.version.map { " v\($0)" } ?? ""): HttpTokens = \(options.httpTokens ?? "unknown")"
                if options.enforcesIMDSv2 { evidence.append(text) } else { failures.append(text + (configured.verdict == .pass ? " (drift from DisableIMDSv1=true)" : "")) }
            }
            for configuration in context.launchConfigurations {
                guard let options = configuration.metadataOptions else { continue }
                let text = "launch configuration \(configuration.name): HttpTokens = \(options.httpTokens ?? "unknown")"
                if options.enforcesIMDSv2 { evidence.append(text) } else { failures.append(text) }
            }
            // Running instances, read where they lie: the drifted ones fail, the others are counted.
            var enforcing = 0
            for instance in context.instances {
                guard let options = instance.metadataOptions else { continue }
                if options.enforcesIMDSv2 {
                    enforcing += 1
                } else {
                    failures.append("instance \(instance.id): HttpTokens = \(options.httpTokens ?? "unknown")" + (configured.verdict == .pass ? " (drift)" : ""))
                }
            }
            if enforcing > 0 { evidence.append("\(enforcing) running instance(s) require tokens") }
            if !failures.isEmpty { return [.fail(failures, origin: configured.origin)] }
            return [Outcome(verdict: .pass, evidence: evidence, origin: configured.origin)]
        })
}
