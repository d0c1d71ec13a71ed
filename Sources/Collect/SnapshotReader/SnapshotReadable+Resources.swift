import Foundation
import Inventory

// Snapshot fields of the model: Compute, network, load balancing and data resources.
// One line per stored property, as the synthesized `Codable` conformance encodes it.

extension MetadataOptions: SnapshotObject {
    static let snapshotFields: SnapshotFields<MetadataOptions> = [
        .optional("httpTokens", \.httpTokens),
        .optional("httpEndpoint", \.httpEndpoint),
        .optional("httpPutResponseHopLimit", \.httpPutResponseHopLimit),
    ]

    static func snapshotBlank() -> MetadataOptions { MetadataOptions() }
}

extension BlockDevice: SnapshotObject {
    static let snapshotFields: SnapshotFields<BlockDevice> = [
        .optional("deviceName", \.deviceName),
        .optional("encrypted", \.encrypted),
        .optional("kmsKeyId", \.kmsKeyId),
    ]

    static func snapshotBlank() -> BlockDevice { BlockDevice() }
}

extension AutoScalingGroup: SnapshotObject {
    static let snapshotFields: SnapshotFields<AutoScalingGroup> = [
        .required("name", \.name),
        .optional("launchTemplateId", \.launchTemplateId),
        .optional("launchTemplateName", \.launchTemplateName),
        .optional("launchTemplateVersion", \.launchTemplateVersion),
        .optional("launchConfigurationName", \.launchConfigurationName),
        .required("instanceIds", \.instanceIds),
        .required("subnetIds", \.subnetIds),
        .required("tags", \.tags),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> AutoScalingGroup { AutoScalingGroup(name: "") }
}

extension LaunchTemplate: SnapshotObject {
    static let snapshotFields: SnapshotFields<LaunchTemplate> = [
        .required("id", \.id),
        .optional("name", \.name),
        .optional("version", \.version),
        .optional("isDefaultVersion", \.isDefaultVersion),
        .optional("metadataOptions", \.metadataOptions),
        .optional("securityGroupIds", \.securityGroupIds),
        .optional("iamInstanceProfile", \.iamInstanceProfile),
        .optional("associatePublicIpAddress", \.associatePublicIpAddress),
        .optional("blockDevices", \.blockDevices),
        .optional("keyName", \.keyName),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> LaunchTemplate { LaunchTemplate(id: "") }
}

extension LaunchConfiguration: SnapshotObject {
    static let snapshotFields: SnapshotFields<LaunchConfiguration> = [
        .required("name", \.name),
        .optional("metadataOptions", \.metadataOptions),
        .optional("securityGroups", \.securityGroups),
        .optional("iamInstanceProfile", \.iamInstanceProfile),
        .optional("associatePublicIpAddress", \.associatePublicIpAddress),
        .optional("blockDevices", \.blockDevices),
        .optional("keyName", \.keyName),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> LaunchConfiguration { LaunchConfiguration(name: "") }
}

extension Instance: SnapshotObject {
    static let snapshotFields: SnapshotFields<Instance> = [
        .required("id", \.id),
        .optional("state", \.state),
        .optional("subnetId", \.subnetId),
        .optional("vpcId", \.vpcId),
        .optional("publicIpAddress", \.publicIpAddress),
        .optional("securityGroupIds", \.securityGroupIds),
        .optional("metadataOptions", \.metadataOptions),
        .optional("iamInstanceProfileArn", \.iamInstanceProfileArn),
        .required("tags", \.tags),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> Instance { Instance(id: "") }
}

extension VPC: SnapshotObject {
    static let snapshotFields: SnapshotFields<VPC> = [
        .required("id", \.id),
        .optional("isDefault", \.isDefault),
        .optional("cidrBlock", \.cidrBlock),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> VPC { VPC(id: "") }
}

extension Subnet: SnapshotObject {
    static let snapshotFields: SnapshotFields<Subnet> = [
        .required("id", \.id),
        .optional("vpcId", \.vpcId),
        .optional("availabilityZone", \.availabilityZone),
        .optional("mapPublicIpOnLaunch", \.mapPublicIpOnLaunch),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> Subnet { Subnet(id: "") }
}

extension Route: SnapshotObject {
    static let snapshotFields: SnapshotFields<Route> = [
        .required("destination", \.destination),
        .optional("target", \.target),
    ]

    static func snapshotBlank() -> Route { Route(destination: "", target: nil) }
}

extension RouteTable: SnapshotObject {
    static let snapshotFields: SnapshotFields<RouteTable> = [
        .required("id", \.id),
        .optional("vpcId", \.vpcId),
        .required("isMain", \.isMain),
        .required("subnetIds", \.subnetIds),
        .required("routes", \.routes),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> RouteTable { RouteTable(id: "") }
}

extension SecurityGroupRule: SnapshotObject {
    static let snapshotFields: SnapshotFields<SecurityGroupRule> = [
        .required("ipProtocol", \.ipProtocol),
        .optional("fromPort", \.fromPort),
        .optional("toPort", \.toPort),
        .optional("cidr", \.cidr),
        .optional("sourceSecurityGroupId", \.sourceSecurityGroupId),
        .optional("prefixListId", \.prefixListId),
        .optional("description", \.description),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> SecurityGroupRule { SecurityGroupRule(ipProtocol: "", fromPort: nil, toPort: nil) }
}

extension SecurityGroup: SnapshotObject {
    static let snapshotFields: SnapshotFields<SecurityGroup> = [
        .required("id", \.id),
        .optional("name", \.name),
        .optional("vpcId", \.vpcId),
        .required("ingress", \.ingress),
        .required("egress", \.egress),
        .required("tags", \.tags),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> SecurityGroup { SecurityGroup(id: "") }
}

extension VPCEndpoint: SnapshotObject {
    static let snapshotFields: SnapshotFields<VPCEndpoint> = [
        .required("id", \.id),
        .required("vpcId", \.vpcId),
        .required("serviceName", \.serviceName),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> VPCEndpoint { VPCEndpoint(id: "", vpcId: "", serviceName: "") }
}

extension LoadBalancer: SnapshotObject {
    static let snapshotFields: SnapshotFields<LoadBalancer> = [
        .required("id", \.id),
        .optional("name", \.name),
        .optional("type", \.type),
        .optional("scheme", \.scheme),
        .optional("vpcId", \.vpcId),
        .optional("subnetIds", \.subnetIds),
        .optional("securityGroupIds", \.securityGroupIds),
        .optional("listeners", \.listeners),
        .optional("attributes", \.attributes),
        .optional("webACLArn", \.webACLArn),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> LoadBalancer { LoadBalancer(id: "") }
}

extension Listener: SnapshotObject {
    static let snapshotFields: SnapshotFields<Listener> = [
        .optional("arn", \.arn),
        .required("port", \.port),
        .required("protocolName", \.protocolName),
        .optional("sslPolicy", \.sslPolicy),
        .required("certificateArns", \.certificateArns),
        .required("defaultActions", \.defaultActions),
        .optional("rules", \.rules),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> Listener { Listener(port: 0, protocolName: "") }
}

extension ListenerAction: SnapshotObject {
    static let snapshotFields: SnapshotFields<ListenerAction> = [
        .required("type", \.type),
        .optional("redirectProtocol", \.redirectProtocol),
        .optional("redirectPort", \.redirectPort),
        .optional("targetGroupArn", \.targetGroupArn),
    ]

    static func snapshotBlank() -> ListenerAction { ListenerAction(type: "") }
}

extension ListenerRule: SnapshotObject {
    static let snapshotFields: SnapshotFields<ListenerRule> = [
        .optional("arn", \.arn),
        .optional("priority", \.priority),
        .required("isDefault", \.isDefault),
        .required("pathPatterns", \.pathPatterns),
        .required("hostHeaders", \.hostHeaders),
        .required("actions", \.actions),
    ]

    static func snapshotBlank() -> ListenerRule { ListenerRule() }
}

extension Database: SnapshotObject {
    static let snapshotFields: SnapshotFields<Database> = [
        .required("identifier", \.identifier),
        .optional("arn", \.arn),
        .optional("engine", \.engine),
        .optional("endpointAddress", \.endpointAddress),
        .optional("port", \.port),
        .optional("publiclyAccessible", \.publiclyAccessible),
        .optional("storageEncrypted", \.storageEncrypted),
        .optional("kmsKeyId", \.kmsKeyId),
        .optional("multiAZ", \.multiAZ),
        .optional("securityGroupIds", \.securityGroupIds),
        .optional("parameterGroupNames", \.parameterGroupNames),
        .optional("subnetIds", \.subnetIds),
        .required("tags", \.tags),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> Database { Database(identifier: "") }
}

extension DBParameterGroup: SnapshotObject {
    static let snapshotFields: SnapshotFields<DBParameterGroup> = [
        .required("name", \.name),
        .required("parameters", \.parameters),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> DBParameterGroup { DBParameterGroup(name: "") }
}

extension KMSKey: SnapshotObject {
    static let snapshotFields: SnapshotFields<KMSKey> = [
        .required("id", \.id),
        .optional("arn", \.arn),
        .optional("manager", \.manager),
        .optional("rotationEnabled", \.rotationEnabled),
        .required("aliases", \.aliases),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> KMSKey { KMSKey(id: "") }
}

extension PublicAccessBlock: SnapshotObject {
    static let snapshotFields: SnapshotFields<PublicAccessBlock> = [
        .required("blockPublicAcls", \.blockPublicAcls),
        .required("ignorePublicAcls", \.ignorePublicAcls),
        .required("blockPublicPolicy", \.blockPublicPolicy),
        .required("restrictPublicBuckets", \.restrictPublicBuckets),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> PublicAccessBlock { PublicAccessBlock(blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false) }
}

extension BucketEncryption: SnapshotObject {
    static let snapshotFields: SnapshotFields<BucketEncryption> = [
        .optional("algorithm", \.algorithm),
        .optional("kmsKeyId", \.kmsKeyId),
    ]

    static func snapshotBlank() -> BucketEncryption { BucketEncryption(algorithm: nil) }
}

extension Bucket: SnapshotObject {
    static let snapshotFields: SnapshotFields<Bucket> = [
        .required("name", \.name),
        .optional("region", \.region),
        .optional("encryption", \.encryption),
        .optional("publicAccessBlock", \.publicAccessBlock),
        .optional("origin", \.origin),
    ]

    static func snapshotBlank() -> Bucket { Bucket(name: "") }
}
