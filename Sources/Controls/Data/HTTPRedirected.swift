import Inventory

extension Control {
    /// EB-DATA-002: plain HTTP is redirected to HTTPS or closed.
    static let httpRedirected = Control(
        id: "EB-DATA-002", layer: .data, severity: .medium,
        title: "HTTP is redirected to HTTPS or closed",
        rationale: "An HTTP listener that forwards to the application serves the site in clear text next to the HTTPS one; clients that type the bare host name never reach TLS.",
        references: [.doc("configuring-https-httpredirect.html"), .securityHub("ELB.1")],
        remediation: .options("Close the port-80 listener, or make it redirect to HTTPS (a listener rule or the redirect snippet from configuring-https-httpredirect).", [
            OptionChange("aws:elbv2:listener:default", "ListenerEnabled", "false"),
        ]),
        examples: [
            .passes("hardened baseline: no port-80 listener"),
            .passes("port 80 redirects to HTTPS") { $0.loadBalancer { $0.listeners?.append(Listener(port: 80, protocolName: "HTTP", defaultActions: [ListenerAction(type: "redirect", redirectProtocol: "HTTPS", redirectPort: "443")])) } },
            .fails("port 80 forwards to the app") { $0.loadBalancer { $0.listeners?.append(Listener(port: 80, protocolName: "HTTP", defaultActions: [ListenerAction(type: "forward")])) } },
        ],
        evaluate: { context in
            if let skip = context.requireLoadBalancer() { return [skip] }
            guard let listeners = context.listenerViews else { return [.notAssessed(context.gapReason(.listeners, fallback: "listeners unknown"))] }
            let plain = listeners.filter { $0.protocolName == "HTTP" && !$0.redirectsToHTTPS }
            if plain.isEmpty {
                let redirects = listeners.filter(\.redirectsToHTTPS)
                return [.pass(redirects.isEmpty ? "no plain HTTP listener" : redirects.map(\.evidence).joined(separator: "; "))]
            }
            return [.fail(plain.map { $0.evidence + " serves plain HTTP without a redirect" }, origin: plain.first?.origin)]
        })
}
