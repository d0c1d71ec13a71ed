import Foundation
import Inventory
import Secrets

/// Recognises an AWS CLI output by its content and maps it to an `ExportPiece`.
///
/// Outputs that do not name their resource (bucket encryption, public access blocks, key
/// rotation, DB parameters, trail status, load balancer attributes, EBS default encryption) take
/// it from the file name: `<name>.<anything>.json`.
enum ExportRecognizer {
    struct Unrecognized: Error, CustomStringConvertible {
        var description: String
    }

    /// The origin of the settings read from the configuration file at `path`.
    static func configurationOrigin(_ path: String) -> Origin { Origin(api: "elasticbeanstalk:DescribeConfigurationSettings", file: path) }

    /// `context`: what the reading thread keeps from file to file, when it keeps anything.
    static func piece(from json: JSONObject, fileName: String, path: String, context: ExportReadingContext? = nil) throws -> ExportPiece {
        let origin = { (api: String) in Origin(api: api, file: path) }
        let resourceName = ResourceName.fromFileName(fileName)
        if json["Environments"] != nil { return .environments(EBMapping.environments(json, origin: origin("elasticbeanstalk:DescribeEnvironments"))) }
        if json["ConfigurationSettings"] != nil { return .configurationSettings(EBMapping.configurationSettings(json, origin: configurationOrigin(path),
                                                                                                      known: context?.optionSettings)) }
        if let resources = json.object("EnvironmentResources") {
            guard let name = resources.string("EnvironmentName") else { throw Unrecognized(description: "EnvironmentResources without EnvironmentName") }
            return .environmentResources(environment: name, resources: EBMapping.resources(resources, origin: origin("elasticbeanstalk:DescribeEnvironmentResources")))
        }
        if let arn = json.string("ResourceArn"), json["ResourceTags"] != nil { return .environmentTags(arn: arn, tags: json.tags("ResourceTags")) }
        if let description = json.object("PlatformDescription") { return .platform(EBMapping.platform(description, origin: origin("elasticbeanstalk:DescribePlatformVersion"))) }
        if json["PlatformBranchSummaryList"] != nil {
            return .platformBranches(json.objects("PlatformBranchSummaryList").compactMap { branch in
                guard let name = branch.string("BranchName"), let state = branch.string("LifecycleState") else { return nil }
                return (name, state)
            })
        }
        if json["PlatformSummaryList"] != nil {
            return .platformSummaries(json.objects("PlatformSummaryList").compactMap { summary in
                guard summary.string("PlatformArn") != nil else { return nil }
                return EBMapping.platform(summary, origin: origin("elasticbeanstalk:ListPlatformVersions"))
            })
        }
        if json["RoleDetailList"] != nil || json["UserDetailList"] != nil || json["Policies"] != nil && json["RoleDetailList"] != nil {
            return .iam(IAMMapping.authorizationDetails(json, origin: origin("iam:GetAccountAuthorizationDetails")))
        }
        if json["SecurityGroups"] != nil { return .securityGroups(EC2Mapping.securityGroups(json, origin: origin("ec2:DescribeSecurityGroups"))) }
        if json["Subnets"] != nil { return .subnets(EC2Mapping.subnets(json, origin: origin("ec2:DescribeSubnets"))) }
        if json["RouteTables"] != nil { return .routeTables(EC2Mapping.routeTables(json, origin: origin("ec2:DescribeRouteTables"))) }
        if json["Vpcs"] != nil { return .vpcs(EC2Mapping.vpcs(json, origin: origin("ec2:DescribeVpcs"))) }
        if json["VpcEndpoints"] != nil { return .vpcEndpoints(EC2Mapping.vpcEndpoints(json, origin: origin("ec2:DescribeVpcEndpoints"))) }
        if json["LaunchTemplateVersions"] != nil { return .launchTemplateVersions(EC2Mapping.launchTemplateVersions(json, origin: origin("ec2:DescribeLaunchTemplateVersions"))) }
        if json["Reservations"] != nil { return .instances(EC2Mapping.instances(json, origin: origin("ec2:DescribeInstances"))) }
        if let enabled = json.bool("EbsEncryptionByDefault") {
            guard let region = resourceName, RegionName.isRegion(region) else {
                throw Unrecognized(description: "ec2 get-ebs-encryption-by-default output needs the region as the file name prefix (<region>.ebs-encryption.json)")
            }
            return .ebsDefault(region: region, enabled: enabled)
        }
        if json["AutoScalingGroups"] != nil { return .autoScalingGroups(ComputeMapping.autoScalingGroups(json, origin: origin("autoscaling:DescribeAutoScalingGroups"))) }
        if json["LoadBalancers"] != nil { return .loadBalancers(ELBMapping.loadBalancers(json, origin: origin("elasticloadbalancing:DescribeLoadBalancers"))) }
        if json["LoadBalancerDescriptions"] != nil { return .loadBalancers(ELBMapping.classicLoadBalancers(json, origin: origin("elasticloadbalancing:DescribeLoadBalancers"))) }
        if json["Listeners"] != nil { return .listeners(ELBMapping.listeners(json, origin: origin("elasticloadbalancing:DescribeListeners"))) }
        if json["Rules"] != nil { return .rules(ELBMapping.rules(json)) }
        if json["Attributes"] != nil || json["LoadBalancerAttributes"] != nil {
            guard let name = resourceName else { throw Unrecognized(description: "load balancer attributes need the load balancer name as the file name prefix") }
            return .loadBalancerAttributes(name: name, attributes: ELBMapping.attributes(json))
        }
        if let configuration = json.object("ServerSideEncryptionConfiguration") {
            guard let bucket = resourceName else { throw Unrecognized(description: "bucket encryption needs the bucket name as the file name prefix (<bucket>.encryption.json)") }
            return .bucketEncryption(bucket: bucket, encryption: DataMapping.encryption(configuration))
        }
        if let configuration = json.object("PublicAccessBlockConfiguration") {
            guard let name = resourceName else { throw Unrecognized(description: "public access block needs the bucket name or account id as the file name prefix") }
            let block = DataMapping.publicAccessBlock(configuration, origin: origin(name.allSatisfy(\.isNumber) ? "s3control:GetPublicAccessBlock" : "s3:GetPublicAccessBlock"))
            if name.count == 12, name.allSatisfy(\.isNumber) { return .accountPublicAccessBlock(account: name, block: block) }
            return .bucketPublicAccessBlock(bucket: name, block: block)
        }
        if json["DBInstances"] != nil { return .databases(DataMapping.databases(json, origin: origin("rds:DescribeDBInstances"))) }
        if json["Parameters"] != nil {
            guard let group = resourceName else { throw Unrecognized(description: "DB parameters need the parameter group name as the file name prefix") }
            return .dbParameters(group: group, parameters: DataMapping.parameters(json))
        }
        if let enabled = json.bool("KeyRotationEnabled") {
            guard let key = json.string("KeyId") ?? resourceName else { throw Unrecognized(description: "key rotation status needs the key id as the file name prefix") }
            return .keyRotation(key: key, enabled: enabled)
        }
        if let metadata = json.object("KeyMetadata") { return .keyMetadata(DataMapping.key(metadata, origin: origin("kms:DescribeKey"))) }
        if json["Aliases"] != nil {
            return .aliases(json.objects("Aliases").compactMap { alias in
                guard let name = alias.string("AliasName"), let key = alias.string("TargetKeyId") else { return nil }
                return (name, key)
            })
        }
        if json["trailList"] != nil { return .trails(DetectionMapping.trails(json, origin: origin("cloudtrail:DescribeTrails"))) }
        if let logging = json.bool("IsLogging") {
            guard let trail = resourceName else { throw Unrecognized(description: "trail status needs the trail name as the file name prefix (<trail>.status.json)") }
            return .trailStatus(trail: trail, logging: logging)
        }
        if let events = json.objectArray("Events") {
            if events.isEmpty { return resourceName?.lowercased().contains("trail") == true ? .cloudTrailEvents([]) : .elasticBeanstalkEvents }
            if events.first?["CloudTrailEvent"] != nil || events.first?["EventName"] != nil {
                return .cloudTrailEvents(DetectionMapping.cloudTrailEvents(json, origin: origin("cloudtrail:LookupEvents")))
            }
            return .elasticBeanstalkEvents
        }
        if json["MetricAlarms"] != nil || json["CompositeAlarms"] != nil { return .alarms(DetectionMapping.alarms(json, origin: origin("cloudwatch:DescribeAlarms"))) }
        if json["logGroups"] != nil { return .logGroups(DetectionMapping.logGroups(json, origin: origin("logs:DescribeLogGroups"))) }
        if json["ConfigurationRecorders"] != nil { return .configRecorders(DetectionMapping.configRecorders(json, origin: origin("config:DescribeConfigurationRecorders"))) }
        if json["ConfigurationRecordersStatus"] != nil {
            return .configRecorderStatus(json.objects("ConfigurationRecordersStatus").compactMap { status in
                guard let name = status.string("name") else { return nil }
                return (name, status.bool("recording") ?? false)
            })
        }
        if let account = json.string("Account"), json["Arn"] != nil { return .callerIdentity(account: account) }
        let keys = json.keys.sorted().prefix(5).joined(separator: ", ")
        throw Unrecognized(description: "not a recognised AWS CLI output (top-level keys: \(keys.isEmpty ? "none" : keys))")
    }
}

/// The resource a file names: everything before `__` when the name has it (for resource names
/// with dots, e.g. `my.bucket__encryption.json`), else everything before the first `.`.
enum ResourceName {
    static func fromFileName(_ name: String) -> String? {
        // ASCII names (all of an export's) by their bytes; others through `String`, as written below.
        if let scanned = name.utf8.withContiguousStorageIfAvailable(asciiPrefix), let answer = scanned { return answer }
        if let separator = name.range(of: "__"), separator.lowerBound != name.startIndex {
            return String(name[name.startIndex..<separator.lowerBound])
        }
        guard let dot = name.firstIndex(of: "."), dot != name.startIndex else { return nil }
        return String(name[name.startIndex..<dot])
    }

    /// `fromFileName`'s answer for an ASCII name (which may itself be `nil`), or `nil` when the
    /// name is not ASCII.
    private static func asciiPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "_") {
                if index > 0 { return .some(String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<index]), as: UTF8.self)) }
                break
            }
            index += 1
        }
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")), dot != 0 else { return .some(nil) }
        return .some(String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<dot]), as: UTF8.self))
    }
}

enum RegionName {
    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count >= 3 && parts.last.map { $0.allSatisfy(\.isNumber) } == true && parts[0].count == 2
    }

    static func fromARN(_ arn: String) -> String? { ARN.region(of: arn) }
}
