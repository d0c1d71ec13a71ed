import Inventory

/// Lookups built once per evaluation so that per-environment joins are O(1), not scans of every
/// event, log group, alarm or database in the account (an audit of 10,000 environments would
/// otherwise be quadratic).
final class InventoryIndex: Sendable {
    let eventsByEnvironment: [String: [CloudTrailEvent]]
    let eventsByRole: [String: [CloudTrailEvent]]
    let logGroupsByEnvironment: [String: [LogGroup]]
    let alarmsByEnvironment: [String: [Alarm]]
    let alarmsByLoadBalancer: [String: [Alarm]]
    let databasesByEnvironmentTag: [String: [Database]]
    let databasesByAddress: [String: Database]
    let loadBalancersByName: [String: LoadBalancer]
    let securityGroupsByName: [String: SecurityGroup]
    let routeTableBySubnet: [String: RouteTable]
    let mainRouteTableByVPC: [String: RouteTable]

    init(_ inventory: Inventory) {
        var byEnvironment: [String: [CloudTrailEvent]] = [:]
        var byRole: [String: [CloudTrailEvent]] = [:]
        for event in inventory.cloudTrailEvents ?? [] {
            var keys = Set(event.resources)
            if let name = event.requestParameters["environmentName"] { keys.insert(name) }
            if let id = event.requestParameters["environmentId"] { keys.insert(id) }
            for key in keys { byEnvironment[key, default: []].append(event) }
            if let role = Self.roleName(ofSession: event.principalArn) { byRole[role, default: []].append(event) }
        }
        eventsByEnvironment = byEnvironment
        eventsByRole = byRole
        var logs: [String: [LogGroup]] = [:]
        for group in inventory.logGroups ?? [] {
            let prefix = "/aws/elasticbeanstalk/"
            guard group.name.hasPrefix(prefix) else { continue }
            let rest = group.name.dropFirst(prefix.count)
            guard let slash = rest.firstIndex(of: "/") else { continue }
            logs[String(rest[rest.startIndex..<slash]), default: []].append(group)
        }
        logGroupsByEnvironment = logs
        var alarmsByEnv: [String: [Alarm]] = [:]
        var alarmsByLB: [String: [Alarm]] = [:]
        for alarm in inventory.alarms ?? [] {
            if let name = alarm.dimensions["EnvironmentName"] { alarmsByEnv[name, default: []].append(alarm) }
            if let lb = alarm.dimensions["LoadBalancer"] { alarmsByLB[lb, default: []].append(alarm) }
        }
        alarmsByEnvironment = alarmsByEnv
        alarmsByLoadBalancer = alarmsByLB
        var byTag: [String: [Database]] = [:]
        var byAddress: [String: Database] = [:]
        for database in inventory.databases.values {
            for key in ["elasticbeanstalk:environment-name", "elasticbeanstalk:environment-id"] {
                if let value = database.tags[key] { byTag[value, default: []].append(database) }
            }
            for name in (database.tags["ebguard:environment"] ?? "").split(separator: ",") { byTag[String(name), default: []].append(database) }
            if let address = database.endpointAddress { byAddress[address] = database }
        }
        databasesByEnvironmentTag = byTag
        databasesByAddress = byAddress
        var balancers: [String: LoadBalancer] = [:]
        for balancer in inventory.loadBalancers.values { if let name = balancer.name { balancers[name] = balancer } }
        loadBalancersByName = balancers
        var groups: [String: SecurityGroup] = [:]
        for group in inventory.securityGroups.values { if let name = group.name { groups[name] = group } }
        securityGroupsByName = groups
        var bySubnet: [String: RouteTable] = [:]
        var mainByVPC: [String: RouteTable] = [:]
        for table in inventory.routeTables.values.sorted(by: { $0.id < $1.id }) {
            for subnet in table.subnetIds { bySubnet[subnet] = table }
            if table.isMain, let vpc = table.vpcId { mainByVPC[vpc] = table }
        }
        routeTableBySubnet = bySubnet
        mainRouteTableByVPC = mainByVPC
    }

    /// `arn:aws:sts::1:assumed-role/RoleName/session` → `RoleName`.
    static func roleName(ofSession arn: String?) -> String? {
        guard let arn, let rest = FastText.suffix(after: ":assumed-role/", in: arn) else { return nil }
        return rest.split(separator: "/").first.map(String.init)
    }
}
