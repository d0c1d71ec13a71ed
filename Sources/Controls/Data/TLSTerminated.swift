import Inventory

extension Control {
    /// EB-DATA-001: internet-facing load balancers terminate TLS.
    static let tlsTerminated = Control(
        id: "EB-DATA-001", layer: .data, severity: .high,
        title: "Internet-facing load balancers terminate TLS",
        rationale: "Without an HTTPS (or TLS) listener with a certificate, every request and session cookie crosses the internet in clear text.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("configuring-https-elb.html")],
        remediation: .options("Add an HTTPS listener on 443 with an ACM certificate.", [
            OptionChange("aws:elbv2:listener:443", "ListenerEnabled", "true"),
            OptionChange("aws:elbv2:listener:443", "Protocol", "HTTPS"),
            OptionChange("aws:elbv2:listener:443", "SSLCertificateArns", "arn:aws:acm:REGION:ACCOUNT:certificate/CERTIFICATE_ID"),
            OptionChange("aws:elbv2:listener:443", "SSLPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
        ]),
        examples: [
            .passes("hardened baseline: HTTPS on 443 with a certificate"),
            .fails("only an HTTP listener (live)") { $0.loadBalancer { $0.listeners = [Listener(port: 80, protocolName: "HTTP", defaultActions: [ListenerAction(type: "forward")])] } },
            .fails("options only, no 443 listener") { $0.environment.resources = nil; $0.removeOption("aws:elbv2:listener:443", "Protocol"); $0.removeOption("aws:elbv2:listener:443", "SSLCertificateArns"); $0.removeOption("aws:elbv2:listener:443", "SSLPolicy"); $0.removeOption("aws:elbv2:listener:443", "ListenerEnabled") },
            .notApplicable("internal load balancer") { $0.loadBalancer { $0.scheme = "internal" } },
        ],
        evaluate: { context in
            if let skip = context.requireLoadBalancer() { return [skip] }
            guard let facing = context.isInternetFacing else { return [.notAssessed("load balancer scheme unknown")] }
            guard facing else { return [.notApplicable("internal load balancer")] }
            guard let listeners = context.listenerViews else { return [.notAssessed(context.gapReason(.listeners, fallback: "listeners unknown"))] }
            let secure = listeners.filter { ["HTTPS", "TLS", "SSL"].contains($0.protocolName) && $0.hasCertificate }
            if let first = secure.first { return [.pass(secure.map(\.evidence).joined(separator: "; "), origin: first.origin)] }
            let evidence = listeners.isEmpty ? ["no enabled listener"] : listeners.map(\.evidence) + ["no HTTPS/TLS listener with a certificate"]
            return [.fail(evidence, origin: listeners.first?.origin ?? context.environment.origin)]
        })
}
