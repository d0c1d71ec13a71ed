import Foundation

/// The Elastic Beanstalk calls remediation makes, behind a protocol so the procedure is tested
/// against the simulated cloud and against in-memory fakes alike.
public protocol EnvironmentAPI: Sendable {
    /// The environment's status and health, or `nil` when it does not exist (or is terminated).
    func environment(named name: String) async throws -> EnvironmentState?
    /// Every option value the environment reports (`DescribeConfigurationSettings`), raw.
    func configuration(application: String, environment: String) async throws -> [OptionKey: String]
    /// `ValidateConfigurationSettings` for the values a change sets.
    func validate(application: String, environment: String, settings: [PlannedOptionChange]) async throws -> [ValidationMessage]
    /// `UpdateEnvironment` with the sets and removals of a change.
    func update(environment: String, changes: [PlannedOptionChange]) async throws
    /// The environment's events since `date`, oldest first.
    func events(environment: String, since date: Date) async throws -> [EnvironmentEvent]
}

/// What `DescribeEnvironments` says about one environment.
public struct EnvironmentState: Sendable, Hashable {
    public var name: String
    public var id: String?
    public var applicationName: String
    /// `Launching`, `Updating`, `Ready`, `Terminating`, `Terminated`.
    public var status: String
    /// `Green`, `Yellow`, `Red`, `Grey`.
    public var health: String?
    /// Enhanced health: `Ok`, `Info`, `Warning`, `Degraded`, `Severe`, …
    public var healthStatus: String?

    public init(name: String, id: String?, applicationName: String, status: String, health: String?, healthStatus: String?) {
        self.name = name
        self.id = id
        self.applicationName = applicationName
        self.status = status
        self.health = health
        self.healthStatus = healthStatus
    }

    /// `Green/Ok` (or `Green` without enhanced health).
    public var isHealthy: Bool {
        health == "Green" && (healthStatus == nil || healthStatus == "Ok")
    }

    /// `Green/Ok`, `Red/Severe`, …
    public var healthText: String {
        [health, healthStatus].compactMap { $0 }.joined(separator: "/")
    }
}

/// One message of `ValidateConfigurationSettings`.
public struct ValidationMessage: Sendable, Hashable, Codable {
    /// `error` or `warning`.
    public var severity: String
    public var message: String
    public var namespace: String?
    public var optionName: String?

    public init(severity: String, message: String, namespace: String? = nil, optionName: String? = nil) {
        self.severity = severity
        self.message = message
        self.namespace = namespace
        self.optionName = optionName
    }

    public var isError: Bool { severity.lowercased() == "error" }

    public var description: String {
        var text = "\(severity): \(message)"
        if let namespace, let optionName { text += " (\(namespace)/\(optionName))" }
        return text
    }
}

/// One environment event.
public struct EnvironmentEvent: Sendable, Hashable {
    public var date: Date
    public var severity: String
    public var message: String

    public init(date: Date, severity: String, message: String) {
        self.date = date
        self.severity = severity
        self.message = message
    }
}
