/// An Elastic Beanstalk environment and the facts tied to it.
public struct Environment: Codable, Sendable, Hashable {
    public var name: String
    public var id: String?
    public var arn: String?
    public var applicationName: String?
    /// Account id, from the environment ARN when known.
    public var accountId: String?
    public var region: String?
    /// `WebServer` or `Worker`.
    public var tier: String?
    public var platformArn: String?
    public var solutionStackName: String?
    /// A saved configuration / configuration template the environment was created from.
    public var templateName: String?
    public var cname: String?
    public var status: String?
    /// `Green`, `Yellow`, `Red`, `Grey`.
    public var health: String?
    /// Enhanced health status (`Ok`, `Warning`, `Degraded`, `Severe`, …).
    public var healthStatus: String?
    public var tags: [String: String]?
    /// The operations role associated with the environment. `nil` = not known;
    /// see `operationsRoleKnown` to tell "none associated" from "not collected".
    public var operationsRoleArn: String?
    /// True when the source reported the environment's operations role state (present or absent).
    public var operationsRoleKnown: Bool
    /// The environment's configuration; `nil` when the source did not provide it.
    public var optionSettings: OptionSettings?
    /// The AWS resources Elastic Beanstalk created for it; `nil` when not provided.
    public var resources: EnvironmentResources?
    public var origin: Origin?

    public init(name: String) {
        self.name = name
        operationsRoleKnown = false
    }

    /// True when the environment is a worker (no load balancer, no HTTP listeners).
    public var isWorker: Bool { tier?.lowercased().hasPrefix("worker") ?? false }
}

/// The resources Elastic Beanstalk reports for an environment (`DescribeEnvironmentResources`).
public struct EnvironmentResources: Codable, Sendable, Hashable {
    public var autoScalingGroups: [String]
    public var instances: [String]
    public var launchConfigurations: [String]
    /// Launch template ids.
    public var launchTemplates: [String]
    /// Load balancer names; for ALB/NLB Elastic Beanstalk reports the ARN.
    public var loadBalancers: [String]
    public var queues: [String]
    public var origin: Origin?

    public init(autoScalingGroups: [String] = [], instances: [String] = [], launchConfigurations: [String] = [],
                launchTemplates: [String] = [], loadBalancers: [String] = [], queues: [String] = [], origin: Origin? = nil) {
        self.autoScalingGroups = autoScalingGroups
        self.instances = instances
        self.launchConfigurations = launchConfigurations
        self.launchTemplates = launchTemplates
        self.loadBalancers = loadBalancers
        self.queues = queues
        self.origin = origin
    }
}

/// A saved configuration or configuration template: named option settings an environment can start from.
public struct ConfigurationTemplate: Codable, Sendable, Hashable {
    public var name: String
    public var applicationName: String?
    public var optionSettings: OptionSettings
    public var origin: Origin?

    public init(name: String, applicationName: String? = nil, optionSettings: OptionSettings = OptionSettings(), origin: Origin? = nil) {
        self.name = name
        self.applicationName = applicationName
        self.optionSettings = optionSettings
        self.origin = origin
    }
}
