import Foundation
import Inventory

/// Merges the pieces of an AWS CLI export into one inventory, joins what only joins after all
/// files are read (listeners to load balancers, rules to listeners, launch template versions to
/// the version Auto Scaling uses), and records which fact families the export did not provide.
struct ExportMerger {
    var inventory: Inventory
    private var provided = Set<FactKind>()
    /// Option settings and resources by environment name and region: names are unique per region,
    /// not per account, so `prod` in two regions is two environments. The region of a fact is the
    /// one its content names (a platform ARN) or its file's region folder; `nil` when neither does.
    private var settingsByEnvironment: [EnvironmentKey: [OptionSetting]] = [:]
    private var resourcesByEnvironment: [EnvironmentKey: EnvironmentResources] = [:]
    private var templateVersions: [String: [LaunchTemplate]] = [:]
    private var listenersByBalancer: [String: [Listener]] = [:]
    private var rulesByListener: [String: [ListenerRule]] = [:]
    private var rulesProvided = false
    private var attributesByName: [String: [String: String]] = [:]
    private var branchStates: [String: String] = [:]
    private var platformSummaries: [PlatformVersion] = []
    private var trailStatus: [String: Bool] = [:]
    /// Recorder status by region, then recorder name: every region's recorder is usually named
    /// `default`, so a name alone would give one region's status to all. "" = region unknown.
    private var recorderStatus: [String: [String: Bool]] = [:]
    private var aliases: [(alias: String, keyId: String)] = []
    private var callerAccount: String?
    private var tagsByArn: [String: [String: String]] = [:]
    /// Environments already merged, by name and region: exports hold one file per environment,
    /// so scanning the list per file would be quadratic.
    private var environmentKeys = Set<EnvironmentKey>()

    struct EnvironmentKey: Hashable {
        var name: String
        var region: String?
    }

    init(source: InventorySource) {
        inventory = Inventory(source: source)
    }

    /// Marks a fact family as provided (live sources know this from the call, not from a file).
    mutating func markProvided(_ fact: FactKind) { provided.insert(fact) }

    /// Merges one piece; `fileName` is the export file it came from (`nil` for live answers) and
    /// `region` the region it was read in, when known (an export's region folder, a live call's region).
    mutating func add(_ piece: ExportPiece, fileName: String?, region: String? = nil) {
        if let fact = piece.provides { provided.insert(fact) }
        switch piece {
        case .environments(let environments):
            for environment in environments where environmentKeys.insert(EnvironmentKey(name: environment.name, region: environment.region)).inserted {
                inventory.environments.append(environment)
            }
        case .configurationSettings(let descriptions):
            for description in descriptions {
                if let name = description.environment {
                    // The first description of an environment is kept as it is (one file per
                    // environment is the rule); only a second one is appended setting by setting.
                    let key = EnvironmentKey(name: name, region: description.region ?? region)
                    if settingsByEnvironment[key] == nil {
                        settingsByEnvironment[key] = description.settings
                    } else {
                        settingsByEnvironment[key]?.append(contentsOf: description.settings)
                    }
                } else if let template = description.template {
                    inventory.configurationTemplates[template] = ConfigurationTemplate(name: template, applicationName: description.application,
                                                                                       optionSettings: OptionSettings(description.settings.map { var s = $0; s.layer = .savedConfiguration; return s }))
                }
            }
        case .environmentResources(let name, let resources):
            resourcesByEnvironment[EnvironmentKey(name: name, region: region)] = resources
        case .environmentTags(let arn, let tags):
            tagsByArn[arn] = tags
        case .elasticBeanstalkEvents, .callerIdentity:
            if case .callerIdentity(let account) = piece { callerAccount = account }
        case .platform(let platform):
            merge(platform)
        case .platformBranches(let branches):
            for branch in branches { branchStates[branch.name] = branch.lifecycle }
        case .platformSummaries(let summaries):
            platformSummaries += summaries
        case .iam(let iam):
            guard var merged = inventory.iam else {
                inventory.iam = iam
                return
            }
            merged.roles.merge(iam.roles) { _, new in new }
            merged.instanceProfiles.merge(iam.instanceProfiles) { _, new in new }
            merged.managedPolicies.merge(iam.managedPolicies) { _, new in new }
            if let users = iam.users { merged.users = (merged.users ?? [:]).merging(users) { _, new in new } }
            inventory.iam = merged
        case .securityGroups(let groups): Self.insert(groups, into: &inventory.securityGroups, by: \.id)
        case .subnets(let subnets): Self.insert(subnets, into: &inventory.subnets, by: \.id)
        case .routeTables(let tables): Self.insert(tables, into: &inventory.routeTables, by: \.id)
        case .vpcs(let vpcs): Self.insert(vpcs, into: &inventory.vpcs, by: \.id)
        case .vpcEndpoints(let endpoints): Self.append(endpoints, to: &inventory.vpcEndpoints)
        case .launchTemplateVersions(let versions): for version in versions { templateVersions[version.id, default: []].append(version) }
        case .instances(let instances): Self.insert(instances, into: &inventory.instances, by: \.id)
        case .ebsDefault(let region, let enabled): inventory.ebsEncryptionByDefault = (inventory.ebsEncryptionByDefault ?? [:]).merging([region: enabled]) { _, new in new }
        case .autoScalingGroups(let groups): Self.insert(groups, into: &inventory.autoScalingGroups, by: \.name)
        case .loadBalancers(let balancers): Self.insert(balancers, into: &inventory.loadBalancers, by: \.id)
        case .listeners(let listeners): for entry in listeners { listenersByBalancer[entry.loadBalancerArn, default: []].append(entry.listener) }
        case .rules(let rules):
            rulesProvided = true
            for entry in rules { rulesByListener[entry.listenerArn, default: []].append(entry.rule) }
        case .loadBalancerAttributes(let name, let attributes): attributesByName[name] = attributes
        case .bucketEncryption(let name, let encryption):
            var bucket = inventory.buckets[name] ?? Bucket(name: name)
            bucket.encryption = encryption
            inventory.buckets[name] = bucket
        case .bucketPublicAccessBlock(let name, let block):
            var bucket = inventory.buckets[name] ?? Bucket(name: name)
            bucket.publicAccessBlock = block
            inventory.buckets[name] = bucket
        case .accountPublicAccessBlock(let account, let block): inventory.accountPublicAccessBlocks[account] = block
        case .databases(let databases): Self.insert(databases, into: &inventory.databases, by: \.identifier)
        case .dbParameters(let group, let parameters):
            inventory.dbParameterGroups[group] = DBParameterGroup(name: group, parameters: parameters, origin: Origin(api: "rds:DescribeDBParameters", file: fileName))
        case .keyRotation(let key, let enabled):
            var entry = inventory.kmsKeys[key] ?? KMSKey(id: key)
            entry.rotationEnabled = enabled
            inventory.kmsKeys[key] = entry
        case .keyMetadata(let key):
            var entry = inventory.kmsKeys[key.id] ?? key
            entry.arn = key.arn
            entry.manager = key.manager
            inventory.kmsKeys[key.id] = entry
        case .aliases(let list): aliases += list
        case .trails(let trails): Self.append(trails, to: &inventory.trails)
        case .trailStatus(let trail, let logging): trailStatus[trail] = logging
        case .cloudTrailEvents(let events): Self.append(events, to: &inventory.cloudTrailEvents)
        case .alarms(let alarms): Self.append(alarms, to: &inventory.alarms)
        case .logGroups(let groups): Self.append(groups, to: &inventory.logGroups)
        case .configRecorders(let recorders):
            let prefix = fileName.flatMap(ResourceName.fromFileName)
            let region = prefix.flatMap { RegionName.isRegion($0) ? $0 : nil }
            Self.append(recorders.map { var recorder = $0; recorder.region = region ?? recorder.region; return recorder }, to: &inventory.configRecorders)
        case .configRecorderStatus(let statuses):
            let region = fileName.flatMap(ResourceName.fromFileName).flatMap { RegionName.isRegion($0) ? $0 : nil } ?? ""
            for status in statuses { recorderStatus[region, default: [:]][status.name] = status.recording }
        }
    }

    /// Sets each item under its key (a later one wins), growing the dictionary once for the whole
    /// list: a fleet's outputs list thousands of resources, and growing step by step moved every
    /// (large) value several times.
    private static func insert<Value>(_ items: [Value], into dictionary: inout [String: Value], by key: (Value) -> String) {
        dictionary.reserveCapacity(dictionary.count + items.count)
        for item in items { dictionary[key(item)] = item }
    }

    /// Appends in place (`nil` becomes the new items): one file per environment makes `list + new`
    /// quadratic.
    private static func append<T>(_ items: [T], to list: inout [T]?) {
        if list == nil { list = items } else { list?.append(contentsOf: items) }
    }

    private mutating func merge(_ platform: PlatformVersion) {
        var merged = inventory.platforms[platform.arn] ?? platform
        merged.branchName = platform.branchName ?? merged.branchName
        merged.version = platform.version ?? merged.version
        merged.lifecycleState = platform.lifecycleState ?? merged.lifecycleState
        merged.branchLifecycleState = platform.branchLifecycleState ?? merged.branchLifecycleState
        merged.status = platform.status ?? merged.status
        merged.origin = platform.origin ?? merged.origin
        inventory.platforms[platform.arn] = merged
    }

    /// Joins the pieces; `recordMissing` adds a not-provided gap for each fact family no piece provided.
    mutating func finish(recordMissing: Bool = true) -> Inventory {
        joinEnvironmentsComputeAndBalancers()
        joinPlatforms()
        joinDetection()
        if recordMissing { recordGaps() }
        inventory.source.regions = Array(Set(inventory.environments.compactMap(\.region))).sorted()
        return inventory
    }

    /// What each environment is given by the join: its option settings (with the key they were
    /// found under), its resources and its tags.
    private typealias EnvironmentJoin = (settings: (EnvironmentKey, OptionSettings)?, resources: EnvironmentResources?, tags: [String: String]?)

    /// The joins that depend on nothing but the merged pieces, on every core: each environment's
    /// settings, resources and tags are looked up by chunks of environments, while one worker
    /// picks the launch template versions in use and gives the load balancers their listeners.
    ///
    /// Why: an export of thousands of environments holds over a million settings to index, and
    /// these joins were the serial end of the import, one core idle.
    private mutating func joinEnvironmentsComputeAndBalancers() {
        let settings = EnvironmentIndex(settingsByEnvironment)
        let resources = EnvironmentIndex(resourcesByEnvironment)
        // The balancers are handed to the worker as their only owner, so that it changes them in place.
        let balancers = ResultSlots<[String: LoadBalancer]>(count: 1)
        balancers.set(0, inventory.loadBalancers)
        inventory.loadBalancers = [:]
        let templates = ResultSlots<[(String, LaunchTemplate)]>(count: 1)
        let (groups, versions) = (inventory.autoScalingGroups, templateVersions)
        let (listeners, rules, attributes) = (listenersByBalancer, rulesProvided ? rulesByListener : nil, attributesByName)
        var parts = Self.environmentJoins(inventory.environments, settings: settings, resources: resources, tags: tagsByArn) {
            templates.set(0, Self.launchTemplatesInUse(versions, by: groups))
            var joined = balancers.take(0)
            Self.join(&joined, listeners: listeners, rules: rules, attributes: attributes)
            balancers.set(0, joined)
        }
        inventory.loadBalancers = balancers.take(0)
        let chosen = templates.take(0)
        inventory.launchTemplates.reserveCapacity(inventory.launchTemplates.count + chosen.count)
        for (id, template) in chosen { inventory.launchTemplates[id] = template }

        // The environments are changed in place (the lookups above are done with them), and
        // what was found is moved into them, not copied.
        var joined = Set<EnvironmentKey>()
        joined.reserveCapacity(inventory.environments.count)
        var index = 0
        for part in parts.indices {
            for item in parts[part].indices {
                if let (key, optionSettings) = parts[part][item].settings.take() {
                    inventory.environments[index].optionSettings = optionSettings
                    joined.insert(key)
                }
                if let environmentResources = parts[part][item].resources.take() { inventory.environments[index].resources = environmentResources }
                if inventory.environments[index].accountId == nil { inventory.environments[index].accountId = callerAccount }
                if let tags = parts[part][item].tags.take() { inventory.environments[index].tags = tags }
                index += 1
            }
        }
        // Configuration settings for environments that DescribeEnvironments did not list still count.
        for (key, found) in settingsByEnvironment where !joined.contains(key) {
            var environment = Environment(name: key.name)
            environment.region = key.region
            environment.optionSettings = OptionSettings(found)
            environment.resources = resources.lookup(key.name, region: key.region)?.1
            environment.accountId = callerAccount
            inventory.environments.append(environment)
        }
    }

    /// What the join gives each environment, in environment order (by chunks), looked up on every
    /// core while `beside` runs on one of them.
    private static func environmentJoins(_ environments: [Environment], settings: EnvironmentIndex<[OptionSetting]>,
                                         resources: EnvironmentIndex<EnvironmentResources>, tags tagsByArn: [String: [String: String]],
                                         beside: @Sendable () -> Void) -> [[EnvironmentJoin]] {
        let chunk = 256
        let chunks = (environments.count + chunk - 1) / chunk
        let parts = ResultSlots<[EnvironmentJoin]>(count: chunks)
        // The work beside is handed out first: it is the longest item.
        DispatchQueue.concurrentPerform(iterations: chunks + 1) { item in
            guard item > 0 else { return beside() }
            let range = (item - 1) * chunk ..< min(environments.count, item * chunk)
            parts.set(item - 1, environments[range].map { environment in
                (settings.lookup(environment.name, region: environment.region).map { ($0.0, OptionSettings($0.1)) },
                 resources.lookup(environment.name, region: environment.region)?.1,
                 environment.arn.flatMap { tagsByArn[$0] })
            })
        }
        return parts.all().map { $0 ?? [] }
    }

    /// For each launch template, the version its Auto Scaling group uses (`$Default` when no group
    /// names one, the latest when the one named is missing).
    private static func launchTemplatesInUse(_ templateVersions: [String: [LaunchTemplate]], by groups: [String: AutoScalingGroup]) -> [(String, LaunchTemplate)] {
        var wanted: [String: String] = [:]
        wanted.reserveCapacity(groups.count)
        for group in groups.values { if let id = group.launchTemplateId { wanted[id] = group.launchTemplateVersion ?? "$Default" } }
        var chosen: [(String, LaunchTemplate)] = []
        chosen.reserveCapacity(templateVersions.count)
        for (id, versions) in templateVersions {
            // Exports list versions in order; only a list out of order is sorted (a stable sort).
            let inOrder = zip(versions, versions.dropFirst()).allSatisfy { ($0.version ?? 0) <= ($1.version ?? 0) }
            let sorted = inOrder ? versions : versions.sorted { ($0.version ?? 0) < ($1.version ?? 0) }
            let choice: LaunchTemplate?
            switch wanted[id] {
            case "$Latest"?: choice = sorted.last
            case let number? where Int(number) != nil:
                let version = Int(number)
                choice = sorted.first { $0.version == version } ?? sorted.last
            default: choice = sorted.first { $0.isDefaultVersion == true } ?? sorted.last
            }
            if let choice { chosen.append((id, choice)) }
        }
        return chosen
    }

    /// Gives each balancer its listeners (with their rules, when rules were provided) and its
    /// attributes, changing each where it is stored: writing copies back while iterating the
    /// dictionary copied all of it (thousands of balancers) on the first write.
    private static func join(_ balancers: inout [String: LoadBalancer], listeners listenersByBalancer: [String: [Listener]],
                             rules rulesByListener: [String: [ListenerRule]]?, attributes attributesByName: [String: [String: String]]) {
        var index = balancers.startIndex
        while index != balancers.endIndex {
            let id = balancers.keys[index]
            if let listeners = listenersByBalancer[id] {
                balancers.values[index].listeners = listeners.map { listener in
                    var copy = listener
                    if let arn = listener.arn, let rulesByListener { copy.rules = rulesByListener[arn] ?? [] }
                    return copy
                }
            }
            if let name = balancers.values[index].name, let attributes = attributesByName[name] ?? attributesByName[id] {
                balancers.values[index].attributes = attributes
            }
            balancers.formIndex(after: &index)
        }
    }

    private mutating func joinPlatforms() {
        for summary in platformSummaries where inventory.platforms[summary.arn] == nil { merge(summary) }
        var latest: [String: String] = [:]
        for platform in inventory.platforms.values {
            guard let branch = platform.branchName, let version = platform.version else { continue }
            if let current = latest[branch], !PlatformVersion.isVersion(current, olderThan: version) { continue }
            latest[branch] = version
        }
        for (arn, var platform) in inventory.platforms {
            if platform.branchLifecycleState == nil, let branch = platform.branchName { platform.branchLifecycleState = branchStates[branch] }
            if let branch = platform.branchName { platform.latestVersionInBranch = latest[branch] }
            inventory.platforms[arn] = platform
        }
    }

    private mutating func joinDetection() {
        if var trails = inventory.trails {
            for index in trails.indices {
                let name = trails[index].name
                let arnName = trails[index].arn.map { String($0.split(separator: "/").last ?? "") }
                trails[index].isLogging = trailStatus[name] ?? arnName.flatMap { trailStatus[$0] }
            }
            inventory.trails = trails
        }
        if var recorders = inventory.configRecorders {
            let exportRegion = mostCommonRegion
            for index in recorders.indices {
                let name = recorders[index].name
                let own = recorders[index].region.flatMap { recorderStatus[$0]?[name] }
                // A status whose region is unknown applies by name; so does the only region's status.
                let single = recorderStatus.count == 1 ? recorderStatus.values.first?[name] : nil
                recorders[index].recording = own ?? recorderStatus[""]?[name] ?? single ?? recorders[index].recording
                if recorders[index].region == nil { recorders[index].region = exportRegion }
            }
            inventory.configRecorders = recorders
        }
        for entry in aliases {
            if let key = inventory.kmsKeys.first(where: { $0.key == entry.keyId || $0.key.hasSuffix("/" + entry.keyId) })?.key {
                inventory.kmsKeys[key]?.aliases.append(entry.alias)
            }
        }
        let region = mostCommonRegion
        if var alarms = inventory.alarms {
            for index in alarms.indices where alarms[index].region == nil { alarms[index].region = region }
            inventory.alarms = alarms
        }
    }

    private var mostCommonRegion: String? {
        var counts: [String: Int] = [:]
        for environment in inventory.environments { if let region = environment.region { counts[region, default: 0] += 1 } }
        return counts.max { $0.value < $1.value || $0.value == $1.value && $0.key > $1.key }?.key
    }

    /// Gaps for fact families no file provided, naming the export command that provides them.
    private mutating func recordGaps() {
        for (fact, command) in ExportCommands.factCommands where !provided.contains(fact) {
            inventory.gaps.append(CollectionGap(fact: fact, operation: command, reason: .notProvided))
        }
        for environment in inventory.environments where environment.optionSettings == nil {
            inventory.gaps.append(CollectionGap(fact: .optionSettings, operation: "elasticbeanstalk describe-configuration-settings", resource: environment.name, reason: .notProvided))
        }
    }
}

/// Facts about environments keyed by name and region, looked up for one environment: its own
/// region's fact first, then a fact whose region is unknown (it applies by name), then, for an
/// environment whose region is unknown, the only region's fact of that name.
private struct EnvironmentIndex<Value: Sendable>: Sendable {
    typealias Key = ExportMerger.EnvironmentKey

    private let values: [Key: Value]
    private let regionsByName: [String: [String?]]

    init(_ values: [Key: Value]) {
        self.values = values
        var regions: [String: [String?]] = [:]
        for key in values.keys { regions[key.name, default: []].append(key.region) }
        regionsByName = regions
    }

    func lookup(_ name: String, region: String?) -> (Key, Value)? {
        for key in [Key(name: name, region: region), Key(name: name, region: nil)] {
            if let value = values[key] { return (key, value) }
        }
        guard region == nil, let regions = regionsByName[name], regions.count == 1 else { return nil }
        let key = Key(name: name, region: regions[0])
        return values[key].map { (key, $0) }
    }
}

