import Inventory

/// The listeners of an environment as a control sees them, from the live load balancer when it was
/// collected, otherwise from the listener option namespaces.
public struct ListenerView: Sendable {
    public var port: Int
    public var protocolName: String
    public var sslPolicy: String?
    public var hasCertificate: Bool
    public var redirectsToHTTPS: Bool
    public var evidence: String
    public var origin: Origin?
}

extension EnvironmentContext {
    /// True when the load balancer faces the internet; `nil` when unknown.
    public var isInternetFacing: Bool? {
        if let balancer = loadBalancers.first, balancer.scheme != nil { return balancer.isInternetFacing }
        guard case .known(let scheme) = optionText("aws:ec2:vpc", "ELBScheme") else { return nil }
        return scheme?.lowercased() != "internal"
    }

    /// Enabled listeners; `nil` when neither the live load balancer nor option settings are known.
    public var listenerViews: [ListenerView]? {
        joins.listenerViews ?? remember(\.listenerViews) { () -> [ListenerView]? in
            let live = loadBalancers.compactMap(\.listeners)
            if !live.isEmpty {
                return live.flatMap { listeners in
                    listeners.map { listener in
                        let rulesRedirect = listener.rules?.contains { rule in rule.actions.contains { $0.type.lowercased() == "redirect" && ($0.redirectProtocol ?? "").uppercased() == "HTTPS" } && rule.isDefault } ?? false
                        return ListenerView(port: listener.port, protocolName: listener.protocolName.uppercased(), sslPolicy: listener.sslPolicy,
                                            hasCertificate: !listener.certificateArns.isEmpty, redirectsToHTTPS: listener.redirectsToHTTPS || rulesRedirect,
                                            evidence: "listener \(listener.protocolName) :\(listener.port)" + (listener.sslPolicy.map { " policy \($0)" } ?? "")
                                                + (listener.redirectsToHTTPS ? " redirects to HTTPS" : ""),
                                            origin: listener.origin ?? loadBalancers.first?.origin)
                    }
                }
            }
            guard let settings = environment.optionSettings else { return nil }
            return optionListeners(settings)
        }
    }

    private func optionListeners(_ settings: OptionSettings) -> [ListenerView] {
        var views: [ListenerView] = []
        let type = loadBalancerType ?? "classic"
        if type == "classic" {
            let defaultEnabled = settings.value("aws:elb:listener", "ListenerEnabled")?.lowercased() != "false"
            if defaultEnabled {
                views.append(ListenerView(port: 80, protocolName: (settings.value("aws:elb:listener", "ListenerProtocol") ?? "HTTP").uppercased(),
                                          sslPolicy: nil, hasCertificate: false, redirectsToHTTPS: false,
                                          evidence: "aws:elb:listener (port 80) enabled", origin: settings.winnerOrigin("aws:elb:listener", "ListenerEnabled")))
            }
            for namespace in Self.namespaces(of: settings, prefix: "aws:elb:listener:") {
                guard let port = Int(namespace.split(separator: ":").last ?? ""),
                      settings.value(namespace, "ListenerEnabled")?.lowercased() != "false" else { continue }
                let proto = (settings.value(namespace, "ListenerProtocol") ?? "HTTP").uppercased()
                views.append(ListenerView(port: port, protocolName: proto, sslPolicy: settings.value("aws:elb:policies", "SSLReferencePolicy"),
                                          hasCertificate: !(settings.value(namespace, "SSLCertificateId") ?? "").isEmpty, redirectsToHTTPS: false,
                                          evidence: "\(namespace): ListenerProtocol = \(proto)", origin: settings.winnerOrigin(namespace, "ListenerProtocol")))
            }
            return views
        }
        let defaultProtocol = type == "network" ? "TCP" : "HTTP"
        let defaultNamespace = "aws:elbv2:listener:default"
        if settings.value(defaultNamespace, "ListenerEnabled")?.lowercased() != "false" {
            let proto = (settings.value(defaultNamespace, "Protocol") ?? defaultProtocol).uppercased()
            views.append(ListenerView(port: 80, protocolName: proto, sslPolicy: nil, hasCertificate: false, redirectsToHTTPS: false,
                                      evidence: "\(defaultNamespace): ListenerEnabled = \(settings.value(defaultNamespace, "ListenerEnabled") ?? "true (default)")",
                                      origin: settings.winnerOrigin(defaultNamespace, "ListenerEnabled") ?? environment.origin))
        }
        for namespace in Self.namespaces(of: settings, prefix: "aws:elbv2:listener:", excluding: defaultNamespace) {
            guard let port = Int(namespace.split(separator: ":").last ?? "") else { continue }
            let others = settings.all.contains { $0.namespace == namespace && $0.optionName != "ListenerEnabled" }
            let enabled = (settings.value(namespace, "ListenerEnabled") ?? EBDefaults.listenerEnabledDefault(otherOptionsSet: others)).lowercased() == "true"
            guard enabled else { continue }
            let proto = (settings.value(namespace, "Protocol") ?? defaultProtocol).uppercased()
            views.append(ListenerView(port: port, protocolName: proto, sslPolicy: settings.value(namespace, "SSLPolicy"),
                                      hasCertificate: !(settings.value(namespace, "SSLCertificateArns") ?? "").isEmpty, redirectsToHTTPS: false,
                                      evidence: "\(namespace): Protocol = \(proto)" + (settings.value(namespace, "SSLPolicy").map { ", SSLPolicy = \($0)" } ?? ""),
                                      origin: settings.winnerOrigin(namespace, "Protocol") ?? environment.origin))
        }
        return views
    }

    /// The distinct namespaces of the settings that start with `prefix` (but `excluded`), sorted.
    ///
    /// Read in place: an environment reports a few hundred settings and a handful of listeners.
    private static func namespaces(of settings: OptionSettings, prefix: String, excluding excluded: String? = nil) -> [String] {
        var found: [String] = []
        for position in settings.all.indices {
            let namespace = settings.all[position].namespace
            if namespace.hasPrefix(prefix), namespace != excluded, !found.contains(namespace) { found.append(namespace) }
        }
        return found.sorted()
    }
}
