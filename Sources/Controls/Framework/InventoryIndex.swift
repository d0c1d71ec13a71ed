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
    /// Security groups defined in `.ebextensions` (EB-RUN-004), in id order so findings are stable.
    let ebextensionsSecurityGroups: [SecurityGroup]
    /// Artifacts shared by every environment (no environment name) and each environment's own,
    /// with their positions in the inventory so the two merge back into input order.
    let sharedArtifacts: [(position: Int, artifact: CodeArtifact)]
    let artifactsByEnvironment: [String: [(position: Int, artifact: CodeArtifact)]]
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
        ebextensionsSecurityGroups = inventory.securityGroups.values
            .filter { group in group.origin?.file.map { FastText.contains($0, ".ebextensions") } ?? false }
            .sorted { $0.id < $1.id }
        var shared: [(position: Int, artifact: CodeArtifact)] = []
        var byEnvironmentName: [String: [(position: Int, artifact: CodeArtifact)]] = [:]
        for (position, artifact) in (inventory.artifacts ?? []).enumerated() {
            if let name = artifact.environmentName { byEnvironmentName[name, default: []].append((position, artifact)) } else { shared.append((position, artifact)) }
        }
        sharedArtifacts = shared
        artifactsByEnvironment = byEnvironmentName
        var bySubnet: [String: RouteTable] = [:]
        var mainByVPC: [String: RouteTable] = [:]
        for table in inventory.routeTables.values.sorted(by: { $0.id < $1.id }) {
            for subnet in table.subnetIds { bySubnet[subnet] = table }
            if table.isMain, let vpc = table.vpcId { mainByVPC[vpc] = table }
        }
        routeTableBySubnet = bySubnet
        mainRouteTableByVPC = mainByVPC
    }

    /// The shared artifacts and `environment`'s own, in input order.
    func artifacts(of environment: String) -> [CodeArtifact] {
        let own = artifactsByEnvironment[environment] ?? []
        guard !own.isEmpty else { return sharedArtifacts.map(\.artifact) }
        guard !sharedArtifacts.isEmpty else { return own.map(\.artifact) }
        var result: [CodeArtifact] = []
        result.reserveCapacity(own.count + sharedArtifacts.count)
        var i = 0, j = 0
        while i < own.count || j < sharedArtifacts.count {
            if j == sharedArtifacts.count || (i < own.count && own[i].position < sharedArtifacts[j].position) {
                result.append(own[i].artifact); i += 1
            } else {
                result.append(sharedArtifacts[j].artifact); j += 1
            }
        }
        return result
    }

    /// `arn:aws:sts::1:assumed-role/RoleName/session` → `RoleName`.
    static func roleName(ofSession arn: String?) -> String? {
        guard let arn, let rest = FastText.suffix(after: ":assumed-role/", in: arn) else { return nil }
        return rest.split(separator: "/").first.map(String.init)
    }
}
