import Inventory

extension Control {
    /// EB-DATA-004: end-to-end TLS between load balancer and instances when the profile demands it.
    static let endToEndTLS = Control(
        id: "EB-DATA-004", layer: .data, severity: .low,
        title: "Traffic from the load balancer to the instances is encrypted when required",
        rationale: "TLS terminated at the load balancer leaves the hop to the instances in clear text inside the VPC. Higher-assurance profiles require re-encryption; under the default profile this is informational.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("configuring-https-endtoend.html")],
        remediation: .options("Serve HTTPS on the instances and point the default process at it.", [
            OptionChange("aws:elasticbeanstalk:environment:process:default", "Protocol", "HTTPS"),
            OptionChange("aws:elasticbeanstalk:environment:process:default", "Port", "443"),
        ]),
        examples: [
            .passes("hardened baseline: process on HTTPS"),
            .fails("HTTP to the instances when end-to-end TLS is required", settings: AuditSettings(requireEndToEndTLS: true, now: ExampleInventory.now)) { $0.removeOption("aws:elasticbeanstalk:environment:process:default", "Protocol") },
        ],
        evaluate: { context in
            if let skip = context.requireLoadBalancer() { return [skip] }
            var outcome = context.check("aws:elasticbeanstalk:environment:process:default", "Protocol") { $0?.uppercased() == "HTTPS" }
            if outcome.verdict == .fail, !context.settings.requireEndToEndTLS {
                outcome.severity = .info
                outcome.evidence.append("informational: the audit profile does not require end-to-end TLS")
            }
            return [outcome]
        })
}
