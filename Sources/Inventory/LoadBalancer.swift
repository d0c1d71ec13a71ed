/// A load balancer (classic, application or network) with its listeners.
public struct LoadBalancer: Codable, Sendable, Hashable {
    /// The ARN for ALB/NLB, the name for a classic load balancer.
    public var id: String
    public var name: String?
    /// `application`, `network`, `gateway` or `classic`.
    public var type: String?
    /// `internet-facing` or `internal`.
    public var scheme: String?
    public var vpcId: String?
    public var subnetIds: [String]?
    public var securityGroupIds: [String]?
    /// `nil` when listeners were not collected.
    public var listeners: [Listener]?
    /// `access_logs.s3.enabled` and friends, when collected.
    public var attributes: [String: String]?
    /// The WAF web ACL associated, when collected; empty string = none associated.
    public var webACLArn: String?
    public var origin: Origin?

    public init(id: String, name: String? = nil, type: String? = nil, scheme: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.scheme = scheme
    }

    public var isInternetFacing: Bool { scheme?.lowercased() == "internet-facing" }
}

public struct Listener: Codable, Sendable, Hashable {
    public var arn: String?
    public var port: Int
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `SSL`, `UDP`.
    public var protocolName: String
    public var sslPolicy: String?
    public var certificateArns: [String]
    public var defaultActions: [ListenerAction]
    /// Rules beyond the default action; `nil` when not collected.
    public var rules: [ListenerRule]?
    public var origin: Origin?

    public init(arn: String? = nil, port: Int, protocolName: String, sslPolicy: String? = nil,
                certificateArns: [String] = [], defaultActions: [ListenerAction] = [], rules: [ListenerRule]? = nil, origin: Origin? = nil) {
        self.arn = arn
        self.port = port
        self.protocolName = protocolName
        self.sslPolicy = sslPolicy
        self.certificateArns = certificateArns
        self.defaultActions = defaultActions
        self.rules = rules
        self.origin = origin
    }

    /// True for a listener that encrypts (HTTPS, TLS, SSL).
    public var isEncrypted: Bool {
        ["HTTPS", "TLS", "SSL"].contains(protocolName.uppercased())
    }

    /// True when the default action redirects to HTTPS.
    public var redirectsToHTTPS: Bool {
        defaultActions.contains { $0.type.lowercased() == "redirect" && ($0.redirectProtocol?.uppercased() ?? "#{PROTOCOL}") == "HTTPS" }
    }
}

public struct ListenerAction: Codable, Sendable, Hashable {
    /// `forward`, `redirect`, `fixed-response`, `authenticate-oidc`, `authenticate-cognito`.
    public var type: String
    public var redirectProtocol: String?
    public var redirectPort: String?
    public var targetGroupArn: String?

    public init(type: String, redirectProtocol: String? = nil, redirectPort: String? = nil, targetGroupArn: String? = nil) {
        self.type = type
        self.redirectProtocol = redirectProtocol
        self.redirectPort = redirectPort
        self.targetGroupArn = targetGroupArn
    }
}

public struct ListenerRule: Codable, Sendable, Hashable {
    public var arn: String?
    public var priority: String?
    public var isDefault: Bool
    public var pathPatterns: [String]
    public var hostHeaders: [String]
    public var actions: [ListenerAction]

    public init(arn: String? = nil, priority: String? = nil, isDefault: Bool = false, pathPatterns: [String] = [],
                hostHeaders: [String] = [], actions: [ListenerAction] = []) {
        self.arn = arn
        self.priority = priority
        self.isDefault = isDefault
        self.pathPatterns = pathPatterns
        self.hostHeaders = hostHeaders
        self.actions = actions
    }
}
