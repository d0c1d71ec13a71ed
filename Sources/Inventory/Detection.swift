import Foundation

public struct Trail: Codable, Sendable, Hashable {
    public var name: String
    public var arn: String?
    public var homeRegion: String?
    public var isMultiRegion: Bool?
    public var logFileValidation: Bool?
    /// From `GetTrailStatus`; `nil` when not collected.
    public var isLogging: Bool?
    public var includeGlobalServiceEvents: Bool?
    public var kmsKeyId: String?
    public var origin: Origin?

    public init(name: String) { self.name = name }
}

public struct Alarm: Codable, Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var metricName: String?
    public var dimensions: [String: String]
    public var actionsEnabled: Bool?
    public var alarmActions: [String]
    public var region: String?
    public var origin: Origin?

    public init(name: String, namespace: String? = nil, metricName: String? = nil, dimensions: [String: String] = [:],
                actionsEnabled: Bool? = nil, alarmActions: [String] = [], region: String? = nil, origin: Origin? = nil) {
        self.name = name
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
        self.actionsEnabled = actionsEnabled
        self.alarmActions = alarmActions
        self.region = region
        self.origin = origin
    }
}

public struct LogGroup: Codable, Sendable, Hashable {
    public var name: String
    public var retentionInDays: Int?
    public var kmsKeyId: String?
    public var region: String?
    public var origin: Origin?

    public init(name: String, retentionInDays: Int? = nil, kmsKeyId: String? = nil, region: String? = nil, origin: Origin? = nil) {
        self.name = name
        self.retentionInDays = retentionInDays
        self.kmsKeyId = kmsKeyId
        self.region = region
        self.origin = origin
    }
}

public struct ConfigRecorder: Codable, Sendable, Hashable {
    public var name: String
    public var region: String?
    public var allSupported: Bool?
    public var resourceTypes: [String]
    /// From `DescribeConfigurationRecorderStatus`; `nil` when not collected.
    public var recording: Bool?
    public var origin: Origin?

    public init(name: String, region: String? = nil, allSupported: Bool? = nil, resourceTypes: [String] = [], recording: Bool? = nil, origin: Origin? = nil) {
        self.name = name
        self.region = region
        self.allSupported = allSupported
        self.resourceTypes = resourceTypes
        self.recording = recording
        self.origin = origin
    }

    /// True when the recorder records Elastic Beanstalk environments.
    public var recordsElasticBeanstalk: Bool {
        allSupported == true || resourceTypes.contains { $0.hasPrefix("AWS::ElasticBeanstalk::") }
    }
}

/// One CloudTrail management event, reduced to the fields detectors read.
public struct CloudTrailEvent: Codable, Sendable, Hashable {
    public var eventId: String?
    public var eventName: String
    public var eventSource: String?
    public var eventTime: Date?
    public var region: String?
    /// `Root`, `IAMUser`, `AssumedRole`, `AWSService`, `FederatedUser`.
    public var userIdentityType: String?
    /// The caller's ARN (`arn:aws:sts::123:assumed-role/Role/session`).
    public var principalArn: String?
    public var userName: String?
    public var sourceIPAddress: String?
    public var errorCode: String?
    /// Resource names the event touched (environment names, ARNs).
    public var resources: [String]
    /// Request parameters worth keeping, flattened (`optionSettings` entries as `namespace/Option=value`), redacted.
    public var requestParameters: [String: String]
    public var origin: Origin?

    public init(eventName: String) {
        self.eventName = eventName
        resources = []
        requestParameters = [:]
    }
}
