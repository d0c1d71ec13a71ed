import Foundation
import Inventory

extension EnvironmentContext {
    /// Databases tied to the environment: tagged by Elastic Beanstalk (coupled), or whose endpoint
    /// an environment property names (decoupled, e.g. `RDS_HOSTNAME`).
    public var databases: [Database] {
        joins.databases ?? remember(\.databases) {
            // One per identifier, the last found winning; an environment has a database or two,
            // so a list searched in place beats a dictionary made for each environment.
            var found: [Database] = []
            func add(_ database: Database) {
                if let known = found.firstIndex(where: { $0.identifier == database.identifier }) {
                    found[known] = database
                } else {
                    found.append(database)
                }
            }
            for database in index.databasesByEnvironmentTag[environment.name] ?? [] { add(database) }
            if let id = environment.id { for database in index.databasesByEnvironmentTag[id] ?? [] { add(database) } }
            // Decoupled databases: an environment property names the endpoint (RDS_HOSTNAME, a URL, host:port).
            for property in environmentProperties ?? [] {
                guard let value = property.value else { continue }
                for token in FastText.split(value, separators: Self.endpointSeparators) {
                    if let database = index.databasesByAddress[token] { add(database) }
                }
            }
            if found.count > 1 { found.sort { $0.identifier < $1.identifier } }
            return found
        }
    }

    /// What separates a host name from the rest of a URL or connection string.
    private static let endpointSeparators = ByteSet("/@:?,; ".utf8)

    /// Whether the environment has a database at all: coupled by option, or found by association.
    public var hasDatabase: Bool {
        if !databases.isEmpty { return true }
        if case .known(let value?) = optionText("aws:rds:dbinstance", "HasCoupledDatabase"), value.lowercased() == "true" { return true }
        return environment.optionSettings?.hasNamespace("aws:rds:dbinstance") ?? false
    }

    /// `elasticbeanstalk-<region>-<account>`, the bucket Elastic Beanstalk stores versions and logs in
    /// (named once per environment: the bucket controls and the key-rotation control all ask).
    public var elasticBeanstalkBucketName: String? {
        joins.elasticBeanstalkBucketName ?? remember(\.elasticBeanstalkBucketName) {
            guard let region, let accountId else { return nil }
            return FastText.joined("elasticbeanstalk-", region, "-", accountId)
        }
    }

    /// Environment properties (`aws:elasticbeanstalk:application:environment`).
    public var environmentProperties: [OptionSetting]? {
        joins.environmentProperties ?? remember(\.environmentProperties) { environment.optionSettings.map { $0.settings(in: "aws:elasticbeanstalk:application:environment") } }
    }

    /// Log groups Elastic Beanstalk creates for the environment (`/aws/elasticbeanstalk/<env>/…`).
    public var logGroups: [LogGroup]? {
        inventory.logGroups == nil ? nil : index.logGroupsByEnvironment[environment.name] ?? []
    }

    /// Artifacts (files) that configure this environment.
    public var artifacts: [CodeArtifact]? {
        guard inventory.artifacts != nil else { return nil }
        return index.artifacts(of: environment.name)
    }

    /// CloudTrail events in the look-back window that concern this environment.
    public var cloudTrailEvents: [CloudTrailEvent]? {
        guard inventory.cloudTrailEvents != nil else { return nil }
        return joins.cloudTrailEvents ?? remember(\.cloudTrailEvents) {
            let since = settings.now.addingTimeInterval(-Double(settings.lookbackDays) * 86_400)
            var events = index.eventsByEnvironment[environment.name] ?? []
            if let id = environment.id {
                for event in index.eventsByEnvironment[id] ?? [] where !events.contains(event) { events.append(event) }
            }
            return events.filter { event in event.eventTime.map { $0 >= since } ?? true }
        }
    }
}
