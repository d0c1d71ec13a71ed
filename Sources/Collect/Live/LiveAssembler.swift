import Foundation
import Inventory

/// What one live API answer is, so `LiveAssembler` can map it with the same code that reads AWS
/// CLI exports (the CLI prints the same shapes the APIs answer).
///
/// Cases carry what the answer itself does not name (the bucket of `GetBucketEncryption`, the
/// key of `GetKeyRotationStatus`, …), the way export file names do.
public enum LiveResponseKind: Sendable, Hashable {
    case environments, configurationSettings, environmentResources
    case environmentTags(arn: String)
    case platform, platformBranches, platformVersions
    case authorizationDetails
    case securityGroups, subnets, routeTables, vpcs, vpcEndpoints, launchTemplateVersions, instances
    case ebsEncryptionByDefault(region: String)
    case autoScalingGroups, loadBalancers, classicLoadBalancers, listeners, rules
    case loadBalancerAttributes(name: String)
    case bucketEncryption(bucket: String)
    case bucketPublicAccessBlock(bucket: String)
    case accountPublicAccessBlock(account: String)
    case databases
    case dbParameters(group: String)
    case keyRotation(key: String)
    case keyMetadata, aliases, trails
    case trailStatus(trail: String)
    case cloudTrailEvents, alarms, logGroups
    case configRecorders(region: String)
    case configRecorderStatus(region: String)
    case callerIdentity
}

/// Builds an inventory from live API answers given as `[String: Any]` trees in the AWS CLI's
/// shape, through the export importer's mappers and merger (one mapping layer for both sources).
///
/// Unlike an export, a live source knows exactly which calls failed: the collector records those
/// gaps itself (`record(_:)`), and no "not provided" gap is invented for fact families it did not need.
public struct LiveAssembler {
    private var merger: ExportMerger
    private var recorderStatus: [String: [String: Bool]] = [:]
    private var recorders: [String: [ConfigRecorder]] = [:]

    /// Starts an empty inventory for `source`.
    public init(source: InventorySource) {
        merger = ExportMerger(source: source)
    }

    /// Maps one answer (one page) and merges it. `api` is the operation, e.g. `ec2:DescribeSubnets`;
    /// `region` is the region the call went to, when it has one: environment names are unique per
    /// region only, and `DescribeEnvironmentResources` does not name its region, so without it the
    /// resources of `prod` in one region would also be given to `prod` in another.
    public mutating func add(_ kind: LiveResponseKind, _ tree: [String: Any], api: String, region: String? = nil) {
        let json = JSONObject(tree)
        let origin = Origin.api(api)
        let piece: ExportPiece
        switch kind {
        case .environments: piece = .environments(EBMapping.environments(json, origin: origin))
        case .configurationSettings: piece = .configurationSettings(EBMapping.configurationSettings(json, origin: origin))
        case .environmentResources:
            guard let resources = json.object("EnvironmentResources"), let name = resources.string("EnvironmentName") else { return }
            piece = .environmentResources(environment: name, resources: EBMapping.resources(resources, origin: origin))
        case .environmentTags(let arn): piece = .environmentTags(arn: arn, tags: json.tags("ResourceTags"))
        case .platform:
            guard let description = json.object("PlatformDescription") else { return }
            piece = .platform(EBMapping.platform(description, origin: origin))
        case .platformBranches:
            piece = .platformBranches(json.objects("PlatformBranchSummaryList").compactMap { branch in
                guard let name = branch.string("BranchName"), let state = branch.string("LifecycleState") else { return nil }
                return (name, state)
            })
        case .platformVersions:
            piece = .platformSummaries(json.objects("PlatformSummaryList").compactMap { summary in
                summary.string("PlatformArn") == nil ? nil : EBMapping.platform(summary, origin: origin)
            })
        case .authorizationDetails: piece = .iam(IAMMapping.authorizationDetails(json, origin: origin))
        case .securityGroups: piece = .securityGroups(EC2Mapping.securityGroups(json, origin: origin))
        case .subnets: piece = .subnets(EC2Mapping.subnets(json, origin: origin))
        case .routeTables: piece = .routeTables(EC2Mapping.routeTables(json, origin: origin))
        case .vpcs: piece = .vpcs(EC2Mapping.vpcs(json, origin: origin))
        case .vpcEndpoints: piece = .vpcEndpoints(EC2Mapping.vpcEndpoints(json, origin: origin))
        case .launchTemplateVersions: piece = .launchTemplateVersions(EC2Mapping.launchTemplateVersions(json, origin: origin))
        case .instances: piece = .instances(EC2Mapping.instances(json, origin: origin))
        case .ebsEncryptionByDefault(let region): piece = .ebsDefault(region: region, enabled: json.bool("EbsEncryptionByDefault") ?? false)
        case .autoScalingGroups: piece = .autoScalingGroups(ComputeMapping.autoScalingGroups(json, origin: origin))
        case .loadBalancers: piece = .loadBalancers(ELBMapping.loadBalancers(json, origin: origin))
        case .classicLoadBalancers: piece = .loadBalancers(ELBMapping.classicLoadBalancers(json, origin: origin))
        case .listeners: piece = .listeners(ELBMapping.listeners(json, origin: origin))
        case .rules: piece = .rules(ELBMapping.rules(json))
        case .loadBalancerAttributes(let name): piece = .loadBalancerAttributes(name: name, attributes: ELBMapping.attributes(json))
        case .bucketEncryption(let bucket):
            piece = .bucketEncryption(bucket: bucket, encryption: DataMapping.encryption(json.object("ServerSideEncryptionConfiguration") ?? [:]))
        case .bucketPublicAccessBlock(let bucket):
            piece = .bucketPublicAccessBlock(bucket: bucket, block: DataMapping.publicAccessBlock(json.object("PublicAccessBlockConfiguration") ?? [:], origin: origin))
        case .accountPublicAccessBlock(let account):
            piece = .accountPublicAccessBlock(account: account, block: DataMapping.publicAccessBlock(json.object("PublicAccessBlockConfiguration") ?? [:], origin: origin))
        case .databases: piece = .databases(DataMapping.databases(json, origin: origin))
        case .dbParameters(let group): piece = .dbParameters(group: group, parameters: DataMapping.parameters(json))
        case .keyRotation(let key): piece = .keyRotation(key: key, enabled: json.bool("KeyRotationEnabled") ?? false)
        case .keyMetadata:
            guard let metadata = json.object("KeyMetadata") else { return }
            piece = .keyMetadata(DataMapping.key(metadata, origin: origin))
        case .aliases:
            piece = .aliases(json.objects("Aliases").compactMap { alias in
                guard let name = alias.string("AliasName"), let key = alias.string("TargetKeyId") else { return nil }
                return (name, key)
            })
        case .trails: piece = .trails(DetectionMapping.trails(json, origin: origin))
        case .trailStatus(let trail): piece = .trailStatus(trail: trail, logging: json.bool("IsLogging") ?? false)
        case .cloudTrailEvents: piece = .cloudTrailEvents(DetectionMapping.cloudTrailEvents(json, origin: origin))
        case .alarms: piece = .alarms(DetectionMapping.alarms(json, origin: origin))
        case .logGroups: piece = .logGroups(DetectionMapping.logGroups(json, origin: origin))
        case .configRecorders(let region):
            // Recorders are usually all named "default": join them to their status per region here.
            recorders[region, default: []] += DetectionMapping.configRecorders(json, origin: origin).map { var r = $0; r.region = region; return r }
            return
        case .configRecorderStatus(let region):
            for status in json.objects("ConfigurationRecordersStatus") {
                if let name = status.string("name") { recorderStatus[region, default: [:]][name] = status.bool("recording") ?? false }
            }
            return
        case .callerIdentity:
            guard let account = json.string("Account") else { return }
            piece = .callerIdentity(account: account)
        }
        merger.add(piece, fileName: nil, region: region)
    }

    /// Marks a fact family as seen even when no answer carried an item (e.g. no trails at all).
    public mutating func provided(_ fact: FactKind) {
        merger.markProvided(fact)
    }

    /// Records what could not be seen and why.
    public mutating func record(_ gap: CollectionGap) {
        merger.inventory.gaps.append(gap)
    }

    /// Joins everything (listeners to load balancers, launch template versions to Auto Scaling,
    /// platforms to branches, trail status to trails) and returns the inventory.
    public mutating func finish() -> Inventory {
        var all: [ConfigRecorder] = []
        for (region, list) in recorders.sorted(by: { $0.key < $1.key }) {
            all += list.map { var recorder = $0; recorder.recording = recorderStatus[region]?[recorder.name]; return recorder }
        }
        if !recorders.isEmpty { merger.add(.configRecorders(all), fileName: nil) }
        return merger.finish(recordMissing: false)
    }
}
