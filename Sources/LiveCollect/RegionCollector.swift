import AWSWire
import Collect
import Foundation
import Inventory

/// Collects one region in four rounds, each planned from the answers of the rounds before:
///
/// 1. region-wide lists (environments, network, compute, load balancers, databases, detection)
///    and the Elastic Beanstalk bucket;
/// 2. per environment: configuration, resources, tags; per platform version and per trail;
/// 3. per launch template, load balancer, parameter group, platform branch and instance;
/// 4. per listener (rules) and per KMS key the environments use.
///
/// Every shared resource (a platform, a load balancer, a parameter group, a key) is fetched once.
struct RegionCollector: Sendable {
    let fetcher: Fetcher
    let account: String?
    let environmentNames: [String]
    let lookbackStart: Date
    let progress: ProgressReporter?

    typealias Job = @Sendable () async -> Answer
    var region: String { fetcher.region }

    func run() async -> [Answer] {
        let first = await parallel(roundOne())
        let environments = first.filter { $0.kind == .environments }.flatMap(\.trees).flatMap { $0.list("Environments") }
        progress?.addEnvironments(environments.count)
        let second = await parallel(roundTwo(environments: environments, first: first))
        progress?.finishEnvironments(environments.count)
        let third = await parallel(roundThree(first: first, second: second))
        let fourth = await parallel(roundFour(first: first, second: second, third: third))
        return first + second + third + fourth
    }

    // MARK: Round 1

    func roundOne() -> [Job] {
        let f = fetcher
        var environmentsFilter: [String: JSONValue] = ["IncludeDeleted": false]
        if !environmentNames.isEmpty { environmentsFilter["EnvironmentNames"] = .array(environmentNames.map { .string($0) }) }
        let environmentsParameters = JSONValue.object(environmentsFilter)
        let lookback = JSONValue.number(lookbackStart.timeIntervalSince1970.rounded(.down))
        var jobs: [Job] = [
            { await f.fetch(.init(.elasticBeanstalk, "DescribeEnvironments"), environmentsParameters, kind: .environments, fact: .environments) },
            { await f.fetch(.init(.elasticBeanstalk, "ListPlatformBranches"), kind: .platformBranches, fact: .platforms) },
            { await f.fetch(.init(.ec2, "DescribeSecurityGroups"), ["MaxResults": 1000], kind: .securityGroups, fact: .securityGroups) },
            { await f.fetch(.init(.ec2, "DescribeSubnets"), ["MaxResults": 1000], kind: .subnets, fact: .subnets) },
            { await f.fetch(.init(.ec2, "DescribeRouteTables"), ["MaxResults": 100], kind: .routeTables, fact: .routeTables) },
            { await f.fetch(.init(.ec2, "DescribeVpcs"), ["MaxResults": 1000], kind: .vpcs, fact: .vpcs) },
            { await f.fetch(.init(.ec2, "DescribeVpcEndpoints"), ["MaxResults": 1000], kind: .vpcEndpoints, fact: .vpcEndpoints) },
            { await f.fetch(.init(.ec2, "DescribeInstances"), ["MaxResults": 1000], kind: .instances, fact: .instances) },
            { [region] in await f.fetch(.init(.ec2, "GetEbsEncryptionByDefault"), kind: .ebsEncryptionByDefault(region: region), fact: .ebsDefaults, resource: region) },
            { await f.fetch(.init(.autoScaling, "DescribeAutoScalingGroups"), ["MaxRecords": 100], kind: .autoScalingGroups, fact: .autoScalingGroups) },
            { await f.fetch(.init(.elbv2, "DescribeLoadBalancers"), ["PageSize": 400], kind: .loadBalancers, fact: .loadBalancers) },
            { await f.fetch(.init(.elb, "DescribeLoadBalancers"), ["PageSize": 400], kind: .classicLoadBalancers, fact: .loadBalancers) },
            { await f.fetch(.init(.rds, "DescribeDBInstances"), ["MaxRecords": 100], kind: .databases, fact: .databases) },
            { await f.fetch(.init(.kms, "ListAliases"), ["Limit": 100], kind: .aliases, fact: .kmsKeyRotation) },
            { await f.fetch(.init(.cloudTrail, "DescribeTrails"), kind: .trails, fact: .trails) },
            { await f.fetch(.init(.cloudTrail, "LookupEvents"),
                            ["LookupAttributes": [["AttributeKey": "EventSource", "AttributeValue": "elasticbeanstalk.amazonaws.com"]], "StartTime": lookback, "MaxResults": 50],
                            kind: .cloudTrailEvents, fact: .cloudTrailEvents, maxPages: 40) },
            { await f.fetch(.init(.cloudWatch, "DescribeAlarms"), ["MaxRecords": 100], kind: .alarms, fact: .alarms) },
            { await f.fetch(.init(.logs, "DescribeLogGroups"), ["logGroupNamePrefix": "/aws/elasticbeanstalk/", "limit": 50], kind: .logGroups, fact: .logGroups) },
            { [region] in await f.fetch(.init(.config, "DescribeConfigurationRecorders"), kind: .configRecorders(region: region), fact: .configRecorders) },
            { [region] in await f.fetch(.init(.config, "DescribeConfigurationRecorderStatus"), kind: .configRecorderStatus(region: region), fact: .configRecorders) },
        ]
        if let account {
            let bucket = "elasticbeanstalk-\(region)-\(account)"
            jobs.append {
                await f.rest(.init(.s3, "GetBucketEncryption"), RESTRequest(bucket: bucket, query: [(name: "encryption", value: "")]),
                             kind: .bucketEncryption(bucket: bucket), fact: .bucketEncryption, resource: bucket,
                             absentCodes: ["ServerSideEncryptionConfigurationNotFoundError"], absent: Array("<ServerSideEncryptionConfiguration/>".utf8))
            }
            jobs.append {
                await f.rest(.init(.s3, "GetPublicAccessBlock"), RESTRequest(bucket: bucket, query: [(name: "publicAccessBlock", value: "")]),
                             kind: .bucketPublicAccessBlock(bucket: bucket), fact: .bucketPublicAccessBlock, resource: bucket,
                             absentCodes: ["NoSuchPublicAccessBlockConfiguration"], absent: PublicAccessBlockXML.none)
            }
        }
        return jobs
    }

    // MARK: Round 2

    func roundTwo(environments: [[String: Any]], first: [Answer]) -> [Job] {
        let f = fetcher
        var jobs: [Job] = []
        for environment in environments {
            guard let name = environment.text("EnvironmentName") else { continue }
            let application = environment.text("ApplicationName")
            let progress = self.progress
            jobs.append {
                var parameters: [String: JSONValue] = ["EnvironmentName": .string(name)]
                if let application { parameters["ApplicationName"] = .string(application) }
                let answer = await f.fetch(.init(.elasticBeanstalk, "DescribeConfigurationSettings"), .object(parameters),
                                           kind: .configurationSettings, fact: .optionSettings, resource: name)
                progress?.environmentDone()
                return answer
            }
            jobs.append {
                await f.fetch(.init(.elasticBeanstalk, "DescribeEnvironmentResources"), ["EnvironmentName": .string(name)],
                              kind: .environmentResources, fact: .environmentResources, resource: name)
            }
            if let arn = environment.text("EnvironmentArn") {
                jobs.append {
                    await f.fetch(.init(.elasticBeanstalk, "ListTagsForResource"), ["ResourceArn": .string(arn)],
                                  kind: .environmentTags(arn: arn), fact: .environments, resource: name)
                }
            }
        }
        for arn in environments.compactMap({ $0.text("PlatformArn") }).uniqued() {
            jobs.append {
                await f.fetch(.init(.elasticBeanstalk, "DescribePlatformVersion"), ["PlatformArn": .string(arn)], kind: .platform, fact: .platforms, resource: arn)
            }
        }
        for trail in first.filter({ $0.kind == .trails }).flatMap(\.trees).flatMap({ $0.list("trailList") }) {
            guard let name = trail.text("Name") else { continue }
            let reference = trail.text("TrailARN") ?? name
            jobs.append {
                await f.fetch(.init(.cloudTrail, "GetTrailStatus"), ["Name": .string(reference)], kind: .trailStatus(trail: name), fact: .trailStatus, resource: name)
            }
        }
        return jobs
    }

    // MARK: Round 3

    func roundThree(first: [Answer], second: [Answer]) -> [Job] {
        let f = fetcher
        var jobs: [Job] = []
        let resources = second.filter { $0.kind == .environmentResources }.flatMap(\.trees).compactMap { $0.child("EnvironmentResources") }
        let groupNames = Set(resources.flatMap { $0.list("AutoScalingGroups").compactMap { $0.text("Name") } })

        // Launch templates: those Elastic Beanstalk reports and those its Auto Scaling groups use.
        var templates = resources.flatMap { $0.list("LaunchTemplates").compactMap { $0.text("Id") } }
        for group in first.filter({ $0.kind == .autoScalingGroups }).flatMap(\.trees).flatMap({ $0.list("AutoScalingGroups") }) {
            guard let name = group.text("AutoScalingGroupName"), groupNames.contains(name) else { continue }
            if let id = group.child("LaunchTemplate")?.text("LaunchTemplateId") { templates.append(id) }
        }
        for id in templates.uniqued() {
            jobs.append {
                await f.fetch(.init(.ec2, "DescribeLaunchTemplateVersions"), ["LaunchTemplateId": .string(id)],
                              kind: .launchTemplateVersions, fact: .launchTemplates, resource: id)
            }
        }

        // Load balancers of the environments: listeners and attributes (classic ones list their listeners inline).
        let names = Set(resources.flatMap { $0.list("LoadBalancers").compactMap { $0.text("Name") } })
        let balancers = first.filter { $0.kind == .loadBalancers }.flatMap(\.trees).flatMap { $0.list("LoadBalancers") }
        for balancer in balancers {
            guard let arn = balancer.text("LoadBalancerArn"), names.contains(arn) || balancer.text("LoadBalancerName").map(names.contains) == true else { continue }
            let name = balancer.text("LoadBalancerName") ?? arn
            jobs.append { await f.fetch(.init(.elbv2, "DescribeListeners"), ["LoadBalancerArn": .string(arn)], kind: .listeners, fact: .listeners, resource: arn) }
            jobs.append {
                await f.fetch(.init(.elbv2, "DescribeLoadBalancerAttributes"), ["LoadBalancerArn": .string(arn)],
                              kind: .loadBalancerAttributes(name: name), fact: .loadBalancerAttributes, resource: name)
            }
        }
        let classic = first.filter { $0.kind == .classicLoadBalancers }.flatMap(\.trees).flatMap { $0.list("LoadBalancerDescriptions") }
        for balancer in classic {
            guard let name = balancer.text("LoadBalancerName"), names.contains(name) else { continue }
            jobs.append {
                await f.fetch(.init(.elb, "DescribeLoadBalancerAttributes"), ["LoadBalancerName": .string(name)],
                              kind: .loadBalancerAttributes(name: name), fact: .loadBalancerAttributes, resource: name)
            }
        }

        // Parameter groups of the databases (shared groups once).
        let databases = first.filter { $0.kind == .databases }.flatMap(\.trees).flatMap { $0.list("DBInstances") }
        for group in databases.flatMap({ $0.list("DBParameterGroups").compactMap { $0.text("DBParameterGroupName") } }).uniqued() {
            jobs.append {
                await f.fetch(.init(.rds, "DescribeDBParameters"), ["DBParameterGroupName": .string(group), "MaxRecords": 100],
                              kind: .dbParameters(group: group), fact: .dbParameters, resource: group)
            }
        }

        // Newer versions of the branches in use.
        let branches = second.filter { $0.kind == .platform }.flatMap(\.trees).compactMap { $0.child("PlatformDescription")?.text("PlatformBranchName") }
        for branch in branches.uniqued() {
            let filters: JSONValue = ["Filters": [["Type": "PlatformBranchName", "Operator": "=", "Values": [.string(branch)]]], "MaxRecords": 100]
            jobs.append { await f.fetch(.init(.elasticBeanstalk, "ListPlatformVersions"), filters, kind: .platformVersions, fact: .platforms, resource: branch) }
        }

        // What each environment's instances did (instance roles' activity, for unused permissions).
        let lookback = JSONValue.number(lookbackStart.timeIntervalSince1970.rounded(.down))
        for instance in resources.flatMap({ $0.list("Instances").compactMap { $0.text("Id") } }).uniqued() {
            jobs.append {
                await f.fetch(.init(.cloudTrail, "LookupEvents"),
                              ["LookupAttributes": [["AttributeKey": "Username", "AttributeValue": .string(instance)]], "StartTime": lookback, "MaxResults": 50],
                              kind: .cloudTrailEvents, fact: .cloudTrailEvents, resource: instance, maxPages: 20)
            }
        }
        return jobs
    }

    // MARK: Round 4

    func roundFour(first: [Answer], second: [Answer], third: [Answer]) -> [Job] {
        let f = fetcher
        var jobs: [Job] = []
        for listener in third.filter({ $0.kind == .listeners }).flatMap(\.trees).flatMap({ $0.list("Listeners") }) {
            guard let arn = listener.text("ListenerArn") else { continue }
            jobs.append { await f.fetch(.init(.elbv2, "DescribeRules"), ["ListenerArn": .string(arn)], kind: .rules, fact: .listenerRules, resource: arn) }
        }
        for key in keyReferences(first: first, third: third) {
            jobs.append { await f.fetch(.init(.kms, "DescribeKey"), ["KeyId": .string(key)], kind: .keyMetadata, fact: .kmsKeyRotation, resource: key) }
            jobs.append { await f.fetch(.init(.kms, "GetKeyRotationStatus"), ["KeyId": .string(key)], kind: .keyRotation(key: key), fact: .kmsKeyRotation, resource: key) }
        }
        return jobs
    }

    /// Customer keys the environments' data uses: the bucket, databases, log groups and volumes.
    func keyReferences(first: [Answer], third: [Answer]) -> [String] {
        var keys: [String] = []
        for answer in first {
            for tree in answer.trees {
                switch answer.kind {
                case .bucketEncryption:
                    for rule in tree.child("ServerSideEncryptionConfiguration")?.list("Rules") ?? [] {
                        if let key = rule.child("ApplyServerSideEncryptionByDefault")?.text("KMSMasterKeyID") { keys.append(key) }
                    }
                case .databases: keys += tree.list("DBInstances").compactMap { $0.text("KmsKeyId") }
                case .logGroups: keys += tree.list("logGroups").compactMap { $0.text("kmsKeyId") }
                default: break
                }
            }
        }
        for tree in third.filter({ $0.kind == .launchTemplateVersions }).flatMap(\.trees) {
            for version in tree.list("LaunchTemplateVersions") {
                for mapping in version.child("LaunchTemplateData")?.list("BlockDeviceMappings") ?? [] {
                    if let key = mapping.child("Ebs")?.text("KmsKeyId") { keys.append(key) }
                }
            }
        }
        return keys.filter { !$0.contains("alias/aws/") }.uniqued()
    }

    func parallel(_ jobs: [Job]) async -> [Answer] {
        await withTaskGroup(of: Answer.self) { group in
            for job in jobs { group.addTask(operation: job) }
            var answers: [Answer] = []
            for await answer in group { answers.append(answer) }
            return answers
        }
    }
}

/// The answer S3 would give if a public access block existed with all four settings off.
enum PublicAccessBlockXML {
    static let none = Array("""
    <PublicAccessBlockConfiguration><BlockPublicAcls>false</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>\
    <BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>
    """.utf8)
}
