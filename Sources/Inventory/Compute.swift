/// Instance metadata service settings of a launch template, launch configuration or instance.
public struct MetadataOptions: Codable, Sendable, Hashable {
    /// `required` enforces IMDSv2; `optional` still answers IMDSv1.
    public var httpTokens: String?
    /// `enabled` or `disabled`.
    public var httpEndpoint: String?
    public var httpPutResponseHopLimit: Int?

    public init(httpTokens: String? = nil, httpEndpoint: String? = nil, httpPutResponseHopLimit: Int? = nil) {
        self.httpTokens = httpTokens
        self.httpEndpoint = httpEndpoint
        self.httpPutResponseHopLimit = httpPutResponseHopLimit
    }

    /// True when IMDSv1 cannot be used: tokens required, or the endpoint is off.
    public var enforcesIMDSv2: Bool {
        httpEndpoint?.lowercased() == "disabled" || httpTokens?.lowercased() == "required"
    }
}

/// A block device mapping's EBS settings.
public struct BlockDevice: Codable, Sendable, Hashable {
    public var deviceName: String?
    public var encrypted: Bool?
    public var kmsKeyId: String?

    public init(deviceName: String? = nil, encrypted: Bool? = nil, kmsKeyId: String? = nil) {
        self.deviceName = deviceName
        self.encrypted = encrypted
        self.kmsKeyId = kmsKeyId
    }
}

public struct AutoScalingGroup: Codable, Sendable, Hashable {
    public var name: String
    public var launchTemplateId: String?
    public var launchTemplateName: String?
    /// `$Latest`, `$Default` or a number.
    public var launchTemplateVersion: String?
    public var launchConfigurationName: String?
    public var instanceIds: [String]
    public var subnetIds: [String]
    public var tags: [String: String]
    public var origin: Origin?

    public init(name: String) {
        self.name = name
        instanceIds = []
        subnetIds = []
        tags = [:]
    }
}

/// One launch template, with the version Auto Scaling uses resolved.
public struct LaunchTemplate: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    /// The version the facts below describe.
    public var version: Int?
    public var isDefaultVersion: Bool?
    public var metadataOptions: MetadataOptions?
    public var securityGroupIds: [String]?
    public var iamInstanceProfile: String?
    public var associatePublicIpAddress: Bool?
    public var blockDevices: [BlockDevice]?
    public var keyName: String?
    public var origin: Origin?

    public init(id: String) { self.id = id }
}

public struct LaunchConfiguration: Codable, Sendable, Hashable {
    public var name: String
    public var metadataOptions: MetadataOptions?
    public var securityGroups: [String]?
    public var iamInstanceProfile: String?
    public var associatePublicIpAddress: Bool?
    public var blockDevices: [BlockDevice]?
    public var keyName: String?
    public var origin: Origin?

    public init(name: String) { self.name = name }
}

public struct Instance: Codable, Sendable, Hashable {
    public var id: String
    public var state: String?
    public var subnetId: String?
    public var vpcId: String?
    public var publicIpAddress: String?
    public var securityGroupIds: [String]?
    public var metadataOptions: MetadataOptions?
    public var iamInstanceProfileArn: String?
    public var tags: [String: String]
    public var origin: Origin?

    public init(id: String) {
        self.id = id
        tags = [:]
    }

    /// Terminated and shutting-down instances no longer count for drift.
    public var isLive: Bool {
        guard let state = state?.lowercased() else { return true }
        return state != "terminated" && state != "shutting-down"
    }
}
