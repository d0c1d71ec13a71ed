import AWSWire
import Foundation

/// `EnvironmentAPI` over the AWS wire layer (Elastic Beanstalk's Query API).
///
/// Reads work with any client; `update` needs a client made with `readOnly = false`, which only
/// `apply` and `rollback` create, after confirmation.
public struct AWSEnvironmentAPI: EnvironmentAPI {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    private func call(_ name: String, _ parameters: JSONValue) async throws -> AWSResponse {
        try await client.call(AWSOperation(.elasticBeanstalk, name), parameters)
    }

    public func environment(named name: String) async throws -> EnvironmentState? {
        let response = try await call("DescribeEnvironments", ["EnvironmentNames": [.string(name)], "IncludeDeleted": false])
        let entries = response.result?.list("Environments") ?? []
        guard let entry = entries.first(where: { $0.string("EnvironmentName") == name && $0.string("Status") != "Terminated" }) else { return nil }
        return EnvironmentState(name: name, id: entry.string("EnvironmentId"), applicationName: entry.string("ApplicationName") ?? "",
                                status: entry.string("Status") ?? "", health: entry.string("Health"), healthStatus: entry.string("HealthStatus"))
    }

    public func configuration(application: String, environment: String) async throws -> [OptionKey: String] {
        let response = try await call("DescribeConfigurationSettings", ["ApplicationName": .string(application), "EnvironmentName": .string(environment)])
        var values: [OptionKey: String] = [:]
        for description in response.result?.list("ConfigurationSettings") ?? [] {
            for option in description.list("OptionSettings") {
                guard let namespace = option.string("Namespace"), let name = option.string("OptionName") else { continue }
                guard let value = option.node("Value") else { continue }
                // Elastic Beanstalk names the resource behind most namespaces (AWSEBAutoScalingLaunchConfiguration)
                // for information only; scheduled actions are the options a resource name tells apart.
                let resource = namespace == "aws:autoscaling:scheduledaction" ? option.string("ResourceName").flatMap { $0.isEmpty ? nil : $0 } : nil
                values[OptionKey(namespace: namespace, optionName: name, resourceName: resource)] = value.text
            }
        }
        return values
    }

    public func validate(application: String, environment: String, settings: [PlannedOptionChange]) async throws -> [ValidationMessage] {
        let sets = settings.filter { $0.newValue != nil }
        guard !sets.isEmpty else { return [] }
        let response = try await call("ValidateConfigurationSettings", [
            "ApplicationName": .string(application), "EnvironmentName": .string(environment),
            "OptionSettings": .array(sets.map(Self.setting)),
        ])
        return (response.result?.list("Messages") ?? []).map {
            ValidationMessage(severity: $0.string("Severity") ?? "error", message: $0.string("Message") ?? "",
                              namespace: $0.string("Namespace"), optionName: $0.string("OptionName"))
        }
    }

    public func update(environment: String, changes: [PlannedOptionChange]) async throws {
        var parameters: [String: JSONValue] = ["EnvironmentName": .string(environment)]
        let sets = changes.filter { $0.newValue != nil }
        let removals = changes.filter { $0.newValue == nil }
        if !sets.isEmpty { parameters["OptionSettings"] = .array(sets.map(Self.setting)) }
        if !removals.isEmpty { parameters["OptionsToRemove"] = .array(removals.map(Self.removal)) }
        _ = try await call("UpdateEnvironment", .object(parameters))
    }

    public func events(environment: String, since date: Date) async throws -> [EnvironmentEvent] {
        let formatter = ISO8601DateFormatter()
        let response = try await call("DescribeEvents", ["EnvironmentName": .string(environment), "StartTime": .string(formatter.string(from: date))])
        let events = (response.result?.list("Events") ?? []).compactMap { entry -> EnvironmentEvent? in
            guard let text = entry.string("EventDate"), let when = Self.date(text) else { return nil }
            return EnvironmentEvent(date: when, severity: entry.string("Severity") ?? "INFO", message: entry.string("Message") ?? "")
        }
        return events.sorted { $0.date < $1.date }
    }

    static func setting(_ change: PlannedOptionChange) -> JSONValue {
        var item: [String: JSONValue] = ["Namespace": .string(change.namespace), "OptionName": .string(change.optionName), "Value": .string(change.newValue ?? "")]
        if let resource = change.resourceName { item["ResourceName"] = .string(resource) }
        return .object(item)
    }

    static func removal(_ change: PlannedOptionChange) -> JSONValue {
        var item: [String: JSONValue] = ["Namespace": .string(change.namespace), "OptionName": .string(change.optionName)]
        if let resource = change.resourceName { item["ResourceName"] = .string(resource) }
        return .object(item)
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
