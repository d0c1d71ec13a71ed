import Foundation
import Inventory

/// One `DescribeConfigurationSettings` description: an environment's settings or a saved configuration's.
typealias ConfigurationDescription = (application: String?, environment: String?, template: String?, region: String?, settings: [OptionSetting])

/// What one AWS CLI output file contributed, before pieces are merged into one inventory.
enum ExportPiece {
    case environments([Environment])
    /// `region` is the one the description's platform ARN names (platform ARNs are regional).
    case configurationSettings([ConfigurationDescription])
    case environmentResources(environment: String, resources: EnvironmentResources)
    case environmentTags(arn: String, tags: [String: String])
    case elasticBeanstalkEvents
    case platform(PlatformVersion)
    case platformBranches([(name: String, lifecycle: String)])
    case platformSummaries([PlatformVersion])
    case iam(IAMInventory)
    case securityGroups([SecurityGroup])
    case subnets([Subnet])
    case routeTables([RouteTable])
    case vpcs([VPC])
    case vpcEndpoints([VPCEndpoint])
    case launchTemplateVersions([LaunchTemplate])
    case instances([Instance])
    case ebsDefault(region: String, enabled: Bool)
    case autoScalingGroups([AutoScalingGroup])
    case loadBalancers([LoadBalancer])
    case listeners([(loadBalancerArn: String, listener: Listener)])
    case rules([(listenerArn: String, rule: ListenerRule)])
    case loadBalancerAttributes(name: String, attributes: [String: String])
    case bucketEncryption(bucket: String, encryption: BucketEncryption)
    case bucketPublicAccessBlock(bucket: String, block: PublicAccessBlock)
    case accountPublicAccessBlock(account: String, block: PublicAccessBlock)
    case databases([Database])
    case dbParameters(group: String, parameters: [String: String])
    case keyRotation(key: String, enabled: Bool)
    case keyMetadata(KMSKey)
    case aliases([(alias: String, keyId: String)])
    case trails([Trail])
    case trailStatus(trail: String, logging: Bool)
    case cloudTrailEvents([CloudTrailEvent])
    case alarms([Alarm])
    case logGroups([LogGroup])
    case configRecorders([ConfigRecorder])
    case configRecorderStatus([(name: String, recording: Bool)])
    case callerIdentity(account: String)

    /// The fact family the piece provides, to know which are missing from an export.
    var provides: FactKind? {
        switch self {
        case .environments: .environments
        case .configurationSettings: .optionSettings
        case .environmentResources: .environmentResources
        case .environmentTags: nil
        case .platform, .platformBranches, .platformSummaries: .platforms
        case .iam: .iamRoles
        case .securityGroups: .securityGroups
        case .subnets: .subnets
        case .routeTables: .routeTables
        case .vpcs: .vpcs
        case .vpcEndpoints: .vpcEndpoints
        case .launchTemplateVersions: .launchTemplates
        case .instances: .instances
        case .ebsDefault: .ebsDefaults
        case .autoScalingGroups: .autoScalingGroups
        case .loadBalancers: .loadBalancers
        case .listeners: .listeners
        case .rules: .listenerRules
        case .loadBalancerAttributes: .loadBalancerAttributes
        case .bucketEncryption: .bucketEncryption
        case .bucketPublicAccessBlock: .bucketPublicAccessBlock
        case .accountPublicAccessBlock: .accountPublicAccessBlock
        case .databases: .databases
        case .dbParameters: .dbParameters
        case .keyRotation, .keyMetadata, .aliases: .kmsKeyRotation
        case .trails: .trails
        case .trailStatus: .trailStatus
        case .cloudTrailEvents: .cloudTrailEvents
        case .alarms: .alarms
        case .logGroups: .logGroups
        case .configRecorders, .configRecorderStatus: .configRecorders
        case .elasticBeanstalkEvents, .callerIdentity: nil
        }
    }
}
