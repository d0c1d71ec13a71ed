import Inventory

extension EnvironmentContext {
    /// The environment's Auto Scaling groups found in the inventory.
    public var autoScalingGroups: [AutoScalingGroup] {
        joins.autoScalingGroups ?? remember(\.autoScalingGroups) {
            (environment.resources?.autoScalingGroups ?? []).compactMap { inventory.autoScalingGroups[$0] }
        }
    }

    /// The launch templates the environment uses (from its resources and its Auto Scaling groups).
    public var launchTemplates: [LaunchTemplate] {
        joins.launchTemplates ?? remember(\.launchTemplates) {
            var ids = environment.resources?.launchTemplates ?? []
            for group in autoScalingGroups { if let id = group.launchTemplateId, !ids.contains(id) { ids.append(id) } }
            return ids.compactMap { inventory.launchTemplates[$0] }
        }
    }

    public var launchConfigurations: [LaunchConfiguration] {
        joins.launchConfigurations ?? remember(\.launchConfigurations) {
            var names = environment.resources?.launchConfigurations ?? []
            for group in autoScalingGroups { if let name = group.launchConfigurationName, !names.contains(name) { names.append(name) } }
            return names.compactMap { inventory.launchConfigurations[$0] }
        }
    }

    /// The environment's live instances found in the inventory.
    public var instances: [Instance] {
        joins.instances ?? remember(\.instances) {
            var ids = environment.resources?.instances ?? []
            for group in autoScalingGroups { for id in group.instanceIds where !ids.contains(id) { ids.append(id) } }
            // (The live ones kept as they are found: copying every instance out and then the live
            // ones again retained each of their fields twice.)
            var live: [Instance] = []
            for id in ids { if let instance = inventory.instances[id], instance.isLive { live.append(instance) } }
            return live
        }
    }
}
