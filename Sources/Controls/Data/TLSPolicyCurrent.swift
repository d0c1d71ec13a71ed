import Inventory

extension Control {
    /// EB-DATA-003: the TLS policy allows neither TLS 1.0 nor 1.1.
    static let tlsPolicyCurrent = Control(
        id: "EB-DATA-003", layer: .data, severity: .medium,
        title: "The load balancer's TLS policy is current",
        rationale: "Policies such as ELBSecurityPolicy-2016-08 still negotiate TLS 1.0 and 1.1 and weak ciphers. The ELB default applies when no policy is set.",
        references: [.doc("configuring-https-elb.html"), .securityHub("ELB.17")],
        remediation: .options("Set a TLS 1.2+ policy on the HTTPS listener.", [OptionChange("aws:elbv2:listener:443", "SSLPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06")]),
        examples: [
            .passes("hardened baseline: ELBSecurityPolicy-TLS13-1-2-2021-06"),
            .fails("ELBSecurityPolicy-2016-08 on the live listener") { $0.loadBalancer { $0.listeners?[0].sslPolicy = "ELBSecurityPolicy-2016-08" } },
            .notApplicable("no TLS listener") { $0.loadBalancer { $0.listeners = [Listener(port: 80, protocolName: "HTTP")] } },
        ],
        evaluate: { context in
            if let skip = context.requireLoadBalancer() { return [skip] }
            guard let listeners = context.listenerViews else { return [.notAssessed(context.gapReason(.listeners, fallback: "listeners unknown"))] }
            let tls = listeners.filter { ["HTTPS", "TLS", "SSL"].contains($0.protocolName) }
            guard !tls.isEmpty else { return [.notApplicable("no HTTPS/TLS listener")] }
            let outdated = tls.filter { TLSPolicies.isOutdated($0.sslPolicy) }
            if outdated.isEmpty { return [.pass(tls.map(\.evidence).joined(separator: "; "), origin: tls.first?.origin)] }
            return [.fail(outdated.map { "\($0.evidence): \($0.sslPolicy ?? "no policy set (ELB default ELBSecurityPolicy-2016-08)") allows TLS 1.0/1.1" }, origin: outdated.first?.origin)]
        })
}

/// Which ELB security policies still allow TLS 1.0 or 1.1.
public enum TLSPolicies {
    public static func isOutdated(_ policy: String?) -> Bool {
        guard let policy, !policy.isEmpty else { return true }
        let current = ["TLS-1-2", "TLS13-1-2", "TLS13-1-3", "FS-1-2"]
        return !current.contains { FastText.contains(policy, $0) }
    }
}
