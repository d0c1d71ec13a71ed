public struct VPC: Codable, Sendable, Hashable {
    public var id: String
    public var isDefault: Bool?
    public var cidrBlock: String?
    public var origin: Origin?

    public init(id: String, isDefault: Bool? = nil) {
        self.id = id
        self.isDefault = isDefault
    }
}

public struct Subnet: Codable, Sendable, Hashable {
    public var id: String
    public var vpcId: String?
    public var availabilityZone: String?
    public var mapPublicIpOnLaunch: Bool?
    public var origin: Origin?

    public init(id: String) { self.id = id }
}

public struct Route: Codable, Sendable, Hashable {
    public var destination: String
    /// The target id: `igw-…`, `nat-…`, `local`, `vpce-…`, `tgw-…`, `pcx-…`, `eni-…`.
    public var target: String?

    public init(destination: String, target: String?) {
        self.destination = destination
        self.target = target
    }

    /// True for a default route (IPv4 or IPv6) to an internet gateway.
    public var isDefaultRouteToInternetGateway: Bool {
        (destination == "0.0.0.0/0" || destination == "::/0") && (target?.hasPrefix("igw-") ?? false)
    }
}

public struct RouteTable: Codable, Sendable, Hashable {
    public var id: String
    public var vpcId: String?
    /// True for the VPC's main route table, which serves subnets without an explicit association.
    public var isMain: Bool
    public var subnetIds: [String]
    public var routes: [Route]
    public var origin: Origin?

    public init(id: String, vpcId: String? = nil, isMain: Bool = false, subnetIds: [String] = [], routes: [Route] = []) {
        self.id = id
        self.vpcId = vpcId
        self.isMain = isMain
        self.subnetIds = subnetIds
        self.routes = routes
    }
}

/// One permission of a security group rule, normalized: one source per rule.
public struct SecurityGroupRule: Codable, Sendable, Hashable {
    /// `tcp`, `udp`, `icmp`, or `-1` for all.
    public var ipProtocol: String
    public var fromPort: Int?
    public var toPort: Int?
    /// An IPv4 or IPv6 CIDR source/destination.
    public var cidr: String?
    /// A security group source/destination.
    public var sourceSecurityGroupId: String?
    /// A prefix list source/destination.
    public var prefixListId: String?
    public var description: String?
    public var origin: Origin?

    public init(ipProtocol: String, fromPort: Int?, toPort: Int?, cidr: String? = nil,
                sourceSecurityGroupId: String? = nil, prefixListId: String? = nil, description: String? = nil, origin: Origin? = nil) {
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.cidr = cidr
        self.sourceSecurityGroupId = sourceSecurityGroupId
        self.prefixListId = prefixListId
        self.description = description
        self.origin = origin
    }

    /// True when the source is the whole IPv4 or IPv6 internet.
    public var isOpenToWorld: Bool { cidr == "0.0.0.0/0" || cidr == "::/0" }

    /// True when all protocols are allowed.
    public var isAllTraffic: Bool { ipProtocol == "-1" || ipProtocol.lowercased() == "all" }

    /// True when the rule admits `port` (for TCP, or for any protocol when all traffic is allowed).
    public func covers(port: Int) -> Bool {
        if isAllTraffic { return true }
        guard ipProtocol.lowercased() == "tcp" || ipProtocol == "6" else { return false }
        let low = fromPort ?? 0
        let high = toPort ?? 65535
        if low == -1 { return true }
        return low <= port && port <= high
    }

    /// `tcp 22` / `tcp 1000-2000` / `all traffic`.
    public var portDescription: String {
        if isAllTraffic { return "all traffic" }
        let proto = ipProtocol.lowercased()
        guard let fromPort else { return proto }
        if let toPort, toPort != fromPort { return "\(proto) \(fromPort)-\(toPort)" }
        return "\(proto) \(fromPort)"
    }

    /// `0.0.0.0/0` / `sg-123` / `pl-1`.
    public var peerDescription: String {
        cidr ?? sourceSecurityGroupId ?? prefixListId ?? "unknown source"
    }
}

public struct SecurityGroup: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var vpcId: String?
    public var ingress: [SecurityGroupRule]
    public var egress: [SecurityGroupRule]
    public var tags: [String: String]
    public var origin: Origin?

    public init(id: String, name: String? = nil, vpcId: String? = nil, ingress: [SecurityGroupRule] = [],
                egress: [SecurityGroupRule] = [], tags: [String: String] = [:], origin: Origin? = nil) {
        self.id = id
        self.name = name
        self.vpcId = vpcId
        self.ingress = ingress
        self.egress = egress
        self.tags = tags
        self.origin = origin
    }
}

public struct VPCEndpoint: Codable, Sendable, Hashable {
    public var id: String
    public var vpcId: String
    /// `com.amazonaws.us-east-1.s3`.
    public var serviceName: String
    public var origin: Origin?

    public init(id: String, vpcId: String, serviceName: String, origin: Origin? = nil) {
        self.id = id
        self.vpcId = vpcId
        self.serviceName = serviceName
        self.origin = origin
    }
}
