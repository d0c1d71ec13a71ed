import Foundation
import Inventory

extension EnvironmentContext {
    /// Comma-separated option values as a list (`"subnet-1,subnet-2"`).
    public func list(_ namespace: String, _ option: String) -> [String]? {
        guard case .known(let value) = optionText(namespace, option) else { return nil }
        return FastText.items(value ?? "", separators: Self.comma)
    }

    /// What separates the items of a list option.
    static let comma = ByteSet(",".utf8)

    /// Resolves a security group reference (id or name) to an id.
    func securityGroupId(_ reference: String) -> String {
        if reference.hasPrefix("sg-") || inventory.securityGroups[reference] != nil { return reference }
        return index.securityGroupsByName[reference]?.id ?? reference
    }

    /// The security groups of the environment's instances: the option, the launch templates and
    /// configurations, and the running instances. `nil` when none of those is known.
    public var instanceSecurityGroupIds: [String]? {
        joins.instanceSecurityGroupIds ?? remember(\.instanceSecurityGroupIds) {
            var ids: [String] = []
            var known = false
            func add(_ values: [String]?) {
                guard let values else { return }
                known = true
                for value in values { let id = securityGroupId(value); if !ids.contains(id) { ids.append(id) } }
            }
            add(list("aws:autoscaling:launchconfiguration", "SecurityGroups"))
            for template in launchTemplates { add(template.securityGroupIds) }
            for configuration in launchConfigurations { add(configuration.securityGroups) }
            for instance in instances { add(instance.securityGroupIds) }
            return known ? ids : nil
        }
    }

    /// The load balancers of the environment found in the inventory.
    public var loadBalancers: [LoadBalancer] {
        joins.loadBalancers ?? remember(\.loadBalancers) {
            (environment.resources?.loadBalancers ?? []).compactMap { name in
                inventory.loadBalancers[name] ?? index.loadBalancersByName[name]
            }
        }
    }

    /// Security groups of the load balancer: the live load balancer's, and the option's.
    public var loadBalancerSecurityGroupIds: [String] {
        joins.loadBalancerSecurityGroupIds ?? remember(\.loadBalancerSecurityGroupIds) {
            var ids: [String] = []
            for balancer in loadBalancers { for id in balancer.securityGroupIds ?? [] where !ids.contains(id) { ids.append(id) } }
            for reference in list("aws:elbv2:loadbalancer", "SecurityGroups") ?? [] {
                let id = securityGroupId(reference)
                if !ids.contains(id) { ids.append(id) }
            }
            if let managed = list("aws:elbv2:loadbalancer", "ManagedSecurityGroup") {
                for reference in managed { let id = securityGroupId(reference); if !ids.contains(id) { ids.append(id) } }
            }
            return ids
        }
    }

    /// Every security group of the environment: instances, load balancer and database.
    public var allSecurityGroupIds: [String] {
        joins.allSecurityGroupIds ?? remember(\.allSecurityGroupIds) {
            var ids = instanceSecurityGroupIds ?? []
            for id in loadBalancerSecurityGroupIds where !ids.contains(id) { ids.append(id) }
            for database in databases { for id in database.securityGroupIds ?? [] where !ids.contains(id) { ids.append(id) } }
            return ids
        }
    }

    /// The instance subnets: the option, the Auto Scaling groups and the instances.
    public var instanceSubnetIds: [String]? {
        var ids: [String] = []
        var known = false
        if let option = list("aws:ec2:vpc", "Subnets"), !option.isEmpty { known = true; ids = option }
        for group in autoScalingGroups where !group.subnetIds.isEmpty {
            known = true
            for id in group.subnetIds where !ids.contains(id) { ids.append(id) }
        }
        for instance in instances { if let id = instance.subnetId { known = true; if !ids.contains(id) { ids.append(id) } } }
        return known ? ids : nil
    }

    /// The VPC of the environment: the option, else its instances' or load balancer's.
    public var vpcId: String? {
        if case .known(let id?) = optionText("aws:ec2:vpc", "VPCId") { return id }
        return instances.compactMap(\.vpcId).first ?? loadBalancers.compactMap(\.vpcId).first
    }

    /// The route table that serves a subnet: its explicit association, else the VPC's main table.
    public func routeTable(forSubnet subnetId: String) -> RouteTable? {
        if let explicit = index.routeTableBySubnet[subnetId] { return explicit }
        guard let vpc = inventory.subnets[subnetId]?.vpcId else { return nil }
        return index.mainRouteTableByVPC[vpc]
    }

    /// True when the subnet routes `0.0.0.0/0` or `::/0` to an internet gateway; `nil` when unknown.
    public func isPublic(subnet subnetId: String) -> Bool? {
        guard let table = routeTable(forSubnet: subnetId) else { return nil }
        return table.routes.contains { $0.isDefaultRouteToInternetGateway }
    }
}

extension EnvironmentContext {
    /// Looks up security groups by id, listing the ones the inventory lacks.
    public func securityGroups(_ ids: [String]) -> (found: [SecurityGroup], missing: [String]) {
        var found: [SecurityGroup] = []
        var missing: [String] = []
        for id in ids {
            if let group = inventory.securityGroups[id] { found.append(group) } else { missing.append(id) }
        }
        return (found, missing)
    }

    /// `securityGroups(allSecurityGroupIds)`, looked up once per environment (the controls on
    /// public ports each read every group).
    var allSecurityGroups: (found: [SecurityGroup], missing: [String]) {
        joins.allSecurityGroups ?? remember(\.allSecurityGroups) { securityGroups(allSecurityGroupIds) }
    }

    /// `not-assessed` naming the missing groups.
    public func missingGroups(_ missing: [String]) -> Outcome {
        .notAssessed(gapReason(.securityGroups, resource: missing.first, fallback: "security group(s) \(missing.joined(separator: ", ")) not in the inventory"))
    }

    public func groupRef(_ group: SecurityGroup) -> ResourceRef {
        ref("AWS::EC2::SecurityGroup", group.id, name: group.name)
    }
}
