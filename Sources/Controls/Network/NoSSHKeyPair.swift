import Foundation
import Inventory

extension Control {
    /// EB-NET-010: no EC2 key pair; Session Manager instead.
    static let noSSHKeyPair = Control(
        id: "EB-NET-010", layer: .network, severity: .low,
        title: "No EC2 key pair is configured (Session Manager preferred)",
        rationale: "A key pair means long-lived SSH keys shared among operators and an SSH port to defend; Session Manager gives audited shell access through IAM. Informational when SSH is restricted to a bastion security group.",
        references: [.seed("004_6dd9b4f7eb1f173f.txt"), .seed("003_d0be057354991c31.txt"), .doc("using-features.managing.ec2.html")],
        remediation: .manual("Remove the key pair and use Session Manager (the instance profile needs AmazonSSMManagedInstanceCore).", commands: [
            "aws elasticbeanstalk update-environment --environment-name ENV_NAME --options-to-remove Namespace=aws:autoscaling:launchconfiguration,OptionName=EC2KeyName",
        ]),
        examples: [
            .passes("hardened baseline: no key pair"),
            .fails("key pair configured") { $0.setOption("aws:autoscaling:launchconfiguration", "EC2KeyName", "ops-key") },
        ],
        evaluate: { context in
            let namespace = "aws:autoscaling:launchconfiguration"
            let key = context.option(namespace, "EC2KeyName")
            guard case .known(let name, let setting) = key else { if case .unknown(let reason) = key { return [.notAssessed(reason)] }; return [] }
            guard let name, !name.isEmpty else { return [.pass("no EC2 key pair configured")] }
            var outcome = Outcome.fail(context.describe(namespace, "EC2KeyName", key), origin: setting?.origin)
            if case .known(let restriction?) = context.optionText(namespace, "SSHSourceRestriction") {
                let source = restriction.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                if source.hasPrefix("sg-") || !(source.contains("/") || source.contains(".")) {
                    outcome.severity = .info
                    outcome.evidence.append("SSH restricted to security group \(source) (bastion)")
                }
            }
            return [outcome]
        })
}
