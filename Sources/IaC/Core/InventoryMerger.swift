import Inventory

/// Merges the per-file outputs into one inventory, and builds the environment of each application
/// folder from its files' contributions, in Elastic Beanstalk's precedence.
struct InventoryMerger {
    var inventory = Inventory(source: InventorySource(kind: "iac"))
    private var contributions: [String: [AppContribution]] = [:]
    private var artifactApps: [(index: Int, root: String)] = []

    mutating func absorb(_ outputs: [FileOutput]) {
        for output in outputs { absorb(output) }
    }

    mutating func absorb(_ output: FileOutput) {
        let part = output.inventory
        if let app = output.app { contributions[app.root, default: []].append(app) }
        inventory.environments += part.environments
        inventory.configurationTemplates.merge(part.configurationTemplates) { _, new in new }
        for (id, group) in part.securityGroups {
            if var existing = inventory.securityGroups[id] {
                existing.ingress += group.ingress
                existing.egress += group.egress
                existing.name = existing.name ?? group.name
                existing.vpcId = existing.vpcId ?? group.vpcId
                existing.origin = existing.origin ?? group.origin
                inventory.securityGroups[id] = existing
            } else {
                inventory.securityGroups[id] = group
            }
        }
        if let iam = part.iam {
            var merged = inventory.iam ?? IAMInventory()
            inventory.iam = nil // one owner, so the dictionaries below are mutated in place
            for (name, role) in iam.roles {
                if var existing = merged.roles[name] {
                    existing.inlinePolicies = (existing.inlinePolicies ?? []) + (role.inlinePolicies ?? [])
                    existing.attachedPolicyArns = (existing.attachedPolicyArns ?? []) + (role.attachedPolicyArns ?? [])
                    existing.trustPolicy = existing.trustPolicy ?? role.trustPolicy
                    existing.origin = existing.origin ?? role.origin
                    merged.roles[name] = existing
                } else {
                    merged.roles[name] = role
                }
            }
            merged.instanceProfiles.merge(iam.instanceProfiles) { _, new in new }
            merged.managedPolicies.merge(iam.managedPolicies) { _, new in new }
            inventory.iam = merged
        }
        inventory.databases.merge(part.databases) { _, new in new }
        inventory.dbParameterGroups.merge(part.dbParameterGroups) { _, new in new }
        inventory.buckets.merge(part.buckets) { _, new in new }
        inventory.kmsKeys.merge(part.kmsKeys) { _, new in new }
        inventory.launchConfigurations.merge(part.launchConfigurations) { _, new in new }
        for (id, balancer) in part.loadBalancers {
            if var existing = inventory.loadBalancers[id] {
                if let listeners = balancer.listeners { existing.listeners = (existing.listeners ?? []) + listeners }
                existing.scheme = existing.scheme ?? balancer.scheme
                existing.type = existing.type ?? balancer.type
                inventory.loadBalancers[id] = existing
            } else {
                inventory.loadBalancers[id] = balancer
            }
        }
        if let trails = part.trails {
            if inventory.trails == nil { inventory.trails = [] }
            inventory.trails?.append(contentsOf: trails)
        }
        if let groups = part.logGroups {
            if inventory.logGroups == nil { inventory.logGroups = [] }
            inventory.logGroups?.append(contentsOf: groups)
        }
        if let artifacts = part.artifacts {
            if inventory.artifacts == nil { inventory.artifacts = [] }
            for artifact in artifacts {
                if let app = output.app { artifactApps.append((inventory.artifacts?.count ?? 0, app.root)) }
                inventory.artifacts?.append(artifact)
            }
        }
        inventory.inlineSuppressions += part.inlineSuppressions
        inventory.inputProblems += part.inputProblems
    }

    /// Builds one environment per application folder: settings from saved configurations and
    /// configuration files (each with its layer and origin), named from `.elasticbeanstalk/config.yml`
    /// when present, else from the folder.
    mutating func finish(apps: [AppRoot]) -> Inventory {
        var order = apps.map(\.display)
        for root in contributions.keys.sorted() where !order.contains(root) { order.append(root) }
        var names: [String: String] = [:]
        for root in order {
            guard let parts = contributions[root], let first = parts.first else { continue }
            let config = parts.first { $0.environmentName != nil || $0.applicationName != nil || $0.region != nil }
            var environment = Environment(name: config?.environmentName ?? first.folderName)
            environment.applicationName = config?.applicationName
            environment.region = config?.region
            let platforms = parts.compactMap(\.platform)
            let platform = platforms.first { $0.hasPrefix("arn:") } ?? platforms.first
            if let platform {
                if platform.hasPrefix("arn:") { environment.platformArn = platform } else { environment.solutionStackName = platform }
            }
            environment.tier = parts.lazy.compactMap(\.tier).first
            environment.tags = parts.lazy.compactMap(\.tags).first
            let settings = parts.flatMap(\.settings)
            environment.optionSettings = OptionSettings(OptionValues.deduplicated(settings))
            environment.origin = config?.origin ?? .file(root)
            let managed = parts.compactMap(\.managedSecurityGroup)
            if let first = managed.first {
                var configuration = LaunchConfiguration(name: "AWSEBAutoScalingLaunchConfiguration@" + root)
                configuration.securityGroups = [first]
                configuration.origin = inventory.securityGroups[first]?.origin
                inventory.launchConfigurations[configuration.name] = configuration
                environment.resources = EnvironmentResources(launchConfigurations: [configuration.name])
            }
            inventory.environments.append(environment)
            names[root] = environment.name
        }
        for (index, root) in artifactApps {
            if let name = names[root], inventory.artifacts?[index].environmentName == nil { inventory.artifacts?[index].environmentName = name }
        }
        return inventory
    }
}
