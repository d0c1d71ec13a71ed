import Dispatch
import Inventory

/// Lookups built once per evaluation so that per-environment joins are O(1), not scans of every
/// event, log group, alarm or database in the account (an audit of 10,000 environments would
/// otherwise be quadratic).
final class InventoryIndex: Sendable {
    /// The inventory indexed, held once for the whole evaluation: every environment's context reads
    /// it through here instead of keeping its own copy (a copy retains each of its dozens of
    /// collections, from every worker thread, for each of thousands of environments).
    let inventory: Inventory
    let eventsByEnvironment: [String: [CloudTrailEvent]]
    let eventsByRole: [String: [CloudTrailEvent]]
    let logGroupsByEnvironment: [String: [LogGroup]]
    let alarmsByEnvironment: [String: [Alarm]]
    let alarmsByLoadBalancer: [String: [Alarm]]
    let databasesByEnvironmentTag: [String: [Database]]
    /// Keyed by substrings so that the tokens of a connection string are looked up as they are.
    let databasesByAddress: [Substring: Database]
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

    /// Builds the lookups in four independent parts, run side by side: the index stands between
    /// reading the inventory and evaluating it, when no other work can use the cores. (With three,
    /// the largest took longer than the other two together, and one core waited for it.)
    init(_ inventory: Inventory) {
        self.inventory = inventory
        let parts = IndexParts()
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            switch part {
            case 0: parts.rest = RestOfIndex(inventory)
            case 1: parts.named = NamedResources(inventory)
            case 2: parts.eventsByRole = Self.eventsByRole(inventory.cloudTrailEvents ?? [])
            default: parts.eventsByEnvironment = Self.eventsByEnvironment(inventory.cloudTrailEvents ?? [])
            }
        }
        eventsByEnvironment = parts.eventsByEnvironment
        eventsByRole = parts.eventsByRole
        let rest = parts.rest ?? RestOfIndex(inventory)
        let named = parts.named ?? NamedResources(inventory)
        logGroupsByEnvironment = rest.logGroupsByEnvironment
        alarmsByEnvironment = rest.alarmsByEnvironment
        alarmsByLoadBalancer = rest.alarmsByLoadBalancer
        databasesByEnvironmentTag = rest.databasesByEnvironmentTag
        databasesByAddress = rest.databasesByAddress
        loadBalancersByName = named.loadBalancersByName
        securityGroupsByName = named.securityGroupsByName
        ebextensionsSecurityGroups = named.ebextensionsSecurityGroups
        sharedArtifacts = rest.sharedArtifacts
        artifactsByEnvironment = rest.artifactsByEnvironment
        routeTableBySubnet = rest.routeTableBySubnet
        mainRouteTableByVPC = rest.mainRouteTableByVPC
    }

    /// Events under every resource they name and the environment name or id in their request
    /// parameters, each key once per event.
    private static func eventsByEnvironment(_ events: [CloudTrailEvent]) -> [String: [CloudTrailEvent]] {
        var byEnvironment: [String: [CloudTrailEvent]] = [:]
        // (Sized for a key or so per event, as a fleet's events name mostly their own environment:
        // grown step by step, the table was rehashed over and over.)
        byEnvironment.reserveCapacity(events.count)
        var keys: [String] = []
        for event in events {
            // An event names a handful of resources: a list beats hashing them into a set.
            keys.removeAll(keepingCapacity: true)
            func add(_ key: String) { if !keys.contains(key) { keys.append(key) } }
            for resource in event.resources { add(resource) }
            if let name = event.requestParameters["environmentName"] { add(name) }
            if let id = event.requestParameters["environmentId"] { add(id) }
            for key in keys { byEnvironment[key, default: []].append(event) }
        }
        return byEnvironment
    }

    /// Events under the role whose session made them.
    private static func eventsByRole(_ events: [CloudTrailEvent]) -> [String: [CloudTrailEvent]] {
        var byRole: [String: [CloudTrailEvent]] = [:]
        // (At most a role per event.)
        byRole.reserveCapacity(events.count)
        for event in events {
            if let role = roleName(ofSession: event.principalArn) { byRole[role, default: []].append(event) }
        }
        return byRole
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

    /// `/aws/elasticbeanstalk/<environment>/…` → `<environment>`; `nil` for other log groups.
    ///
    /// Read on bytes: a fleet has a few log groups per environment, and log group names are ASCII
    /// (`[A-Za-z0-9._/#-]`), so a byte is a character.
    static func environmentName(ofLogGroup name: String) -> String? {
        let utf8 = name.utf8
        guard utf8.starts(with: logGroupPrefix.utf8) else { return nil }
        let rest = utf8.dropFirst(logGroupPrefix.utf8.count)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return String(Substring(rest[..<slash]))
    }

    private static let logGroupPrefix = "/aws/elasticbeanstalk/"

    /// `arn:aws:sts::1:assumed-role/RoleName/session` → `RoleName`.
    static func roleName(ofSession arn: String?) -> String? {
        guard let arn, let rest = FastText.suffix(after: ":assumed-role/", in: arn) else { return nil }
        // `split` drops empty pieces: the name is the first non-empty one.
        let utf8 = rest.utf8
        var start = utf8.startIndex
        while start != utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? utf8.endIndex
            if start != end { return String(rest[start..<end]) }
            start = utf8.index(after: end)
        }
        return nil
    }
}

/// The parts of the index built side by side; each is written by one task and read after all end.
private final class IndexParts: @unchecked Sendable {
    var eventsByEnvironment: [String: [CloudTrailEvent]] = [:]
    var eventsByRole: [String: [CloudTrailEvent]] = [:]
    var rest: RestOfIndex?
    var named: NamedResources?
}

/// Load balancers and security groups by name, and the security groups of `.ebextensions` (see
/// `InventoryIndex` for each).
private struct NamedResources {
    var loadBalancersByName: [String: LoadBalancer] = [:]
    var securityGroupsByName: [String: SecurityGroup] = [:]
    var ebextensionsSecurityGroups: [SecurityGroup] = []

    init(_ inventory: Inventory) {
        // Sized once: a fleet's security groups and load balancers number in the thousands, and
        // growing the tables step by step rehashed them over and over.
        loadBalancersByName.reserveCapacity(inventory.loadBalancers.count)
        securityGroupsByName.reserveCapacity(inventory.securityGroups.count)
        for balancer in inventory.loadBalancers.values { if let name = balancer.name { loadBalancersByName[name] = balancer } }
        // One pass over the groups (each step copies a group out of the dictionary).
        for group in inventory.securityGroups.values {
            if let name = group.name { securityGroupsByName[name] = group }
            if let file = group.origin?.file, FastText.contains(file, ".ebextensions") { ebextensionsSecurityGroups.append(group) }
        }
        ebextensionsSecurityGroups.sort { $0.id < $1.id }
    }
}

/// The lookups other than CloudTrail's and `NamedResources` (see `InventoryIndex` for each).
private struct RestOfIndex {
    var logGroupsByEnvironment: [String: [LogGroup]] = [:]
    var alarmsByEnvironment: [String: [Alarm]] = [:]
    var alarmsByLoadBalancer: [String: [Alarm]] = [:]
    var databasesByEnvironmentTag: [String: [Database]] = [:]
    var databasesByAddress: [Substring: Database] = [:]
    var sharedArtifacts: [(position: Int, artifact: CodeArtifact)] = []
    var artifactsByEnvironment: [String: [(position: Int, artifact: CodeArtifact)]] = [:]
    var routeTableBySubnet: [String: RouteTable] = [:]
    var mainRouteTableByVPC: [String: RouteTable] = [:]

    init(_ inventory: Inventory) {
        // Sized once (for at most a key per database, log group or alarm): a fleet has thousands of
        // each, and growing the tables step by step rehashed them over and over.
        databasesByAddress.reserveCapacity(inventory.databases.count)
        databasesByEnvironmentTag.reserveCapacity(inventory.databases.count)
        logGroupsByEnvironment.reserveCapacity(inventory.logGroups?.count ?? 0)
        alarmsByEnvironment.reserveCapacity(inventory.alarms?.count ?? 0)
        for group in inventory.logGroups ?? [] {
            if let environment = InventoryIndex.environmentName(ofLogGroup: group.name) { logGroupsByEnvironment[environment, default: []].append(group) }
        }
        for alarm in inventory.alarms ?? [] {
            if let name = alarm.dimensions["EnvironmentName"] { alarmsByEnvironment[name, default: []].append(alarm) }
            if let lb = alarm.dimensions["LoadBalancer"] { alarmsByLoadBalancer[lb, default: []].append(alarm) }
        }
        for database in inventory.databases.values {
            for key in ["elasticbeanstalk:environment-name", "elasticbeanstalk:environment-id"] {
                if let value = database.tags[key] { databasesByEnvironmentTag[value, default: []].append(database) }
            }
            for name in (database.tags["ebguard:environment"] ?? "").split(separator: ",") {
                databasesByEnvironmentTag[String(name), default: []].append(database)
            }
            if let address = database.endpointAddress { databasesByAddress[address[...]] = database }
        }
        for (position, artifact) in (inventory.artifacts ?? []).enumerated() {
            if let name = artifact.environmentName {
                artifactsByEnvironment[name, default: []].append((position, artifact))
            } else {
                sharedArtifacts.append((position, artifact))
            }
        }
        for table in inventory.routeTables.values.sorted(by: { $0.id < $1.id }) {
            for subnet in table.subnetIds { routeTableBySubnet[subnet] = table }
            if table.isMain, let vpc = table.vpcId { mainRouteTableByVPC[vpc] = table }
        }
    }
}
