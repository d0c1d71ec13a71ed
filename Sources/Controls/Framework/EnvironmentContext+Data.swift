import Foundation
import Inventory

extension EnvironmentContext {
    /// Databases tied to the environment: tagged by Elastic Beanstalk (coupled), or whose endpoint
    /// an environment property names (decoupled, e.g. `RDS_HOSTNAME`).
    public var databases: [Database] {
        memoized("dbs") {
            let propertyValues = Set((environment.optionSettings?.settings(in: "aws:elasticbeanstalk:application:environment") ?? []).compactMap(\.value))
            return inventory.databases.values.filter { database in
                if database.tags["elasticbeanstalk:environment-name"] == environment.name { return true }
                if let id = environment.id, database.tags["elasticbeanstalk:environment-id"] == id { return true }
                if let address = database.endpointAddress, propertyValues.contains(where: { $0.contains(address) }) { return true }
                if let refs = database.tags["ebguard:environment"], refs.split(separator: ",").contains(Substring(environment.name)) { return true }
                return false
            }.sorted { $0.identifier < $1.identifier }
        }
    }

    /// Whether the environment has a database at all: coupled by option, or found by association.
    public var hasDatabase: Bool {
        if !databases.isEmpty { return true }
        if case .known(let value?, _) = option("aws:rds:dbinstance", "HasCoupledDatabase"), value.lowercased() == "true" { return true }
        return environment.optionSettings?.hasNamespace("aws:rds:dbinstance") ?? false
    }

    /// `elasticbeanstalk-<region>-<account>`, the bucket Elastic Beanstalk stores versions and logs in.
    public var elasticBeanstalkBucketName: String? {
        guard let region, let accountId else { return nil }
        return "elasticbeanstalk-\(region)-\(accountId)"
    }

    /// Environment properties (`aws:elasticbeanstalk:application:environment`).
    public var environmentProperties: [OptionSetting]? {
        environment.optionSettings.map { $0.settings(in: "aws:elasticbeanstalk:application:environment") }
    }

    /// Log groups Elastic Beanstalk creates for the environment (`/aws/elasticbeanstalk/<env>/…`).
    public var logGroups: [LogGroup]? {
        inventory.logGroups.map { groups in groups.filter { $0.name.hasPrefix("/aws/elasticbeanstalk/\(environment.name)/") } }
    }

    /// Artifacts (files) that configure this environment.
    public var artifacts: [CodeArtifact]? {
        inventory.artifacts.map { all in all.filter { $0.environmentName == nil || $0.environmentName == environment.name } }
    }

    /// CloudTrail events in the look-back window that concern this environment.
    public var cloudTrailEvents: [CloudTrailEvent]? {
        guard let events = inventory.cloudTrailEvents else { return nil }
        let since = settings.now.addingTimeInterval(-Double(settings.lookbackDays) * 86_400)
        return events.filter { event in
            if let time = event.eventTime, time < since { return false }
            if event.resources.contains(environment.name) { return true }
            if let id = environment.id, event.resources.contains(id) { return true }
            if let name = event.requestParameters["environmentName"], name == environment.name { return true }
            if let id = environment.id, event.requestParameters["environmentId"] == id { return true }
            return false
        }
    }
}
