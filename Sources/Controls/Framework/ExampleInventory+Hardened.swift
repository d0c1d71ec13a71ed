import Foundation
import Inventory

extension ExampleInventory {
    /// The hardened baseline: passes every control it has facts for.
    public static func hardened() -> ExampleInventory {
        typealias N = Names
        let api = Origin.api("example")
        var inventory = Inventory(source: InventorySource(kind: "example", collectedAt: now, regions: [region]))

        var environment = Environment(name: N.environment)
        environment.id = N.environmentId
        environment.arn = N.environmentArn
        environment.applicationName = "shop"
        environment.accountId = account
        environment.region = region
        environment.tier = "WebServer"
        environment.platformArn = N.platform
        environment.status = "Ready"
        environment.health = "Green"
        environment.healthStatus = "Ok"
        environment.cname = "shop-prod.us-east-1.elasticbeanstalk.com"
        environment.tags = ["Environment": "production", "service": "shop", "stage": "prod"]
        environment.operationsRoleArn = "arn:aws:iam::111122223333:role/\(N.operatorRole)"
        environment.operationsRoleKnown = true
        let options: [(String, String, String)] = [
            ("aws:autoscaling:launchconfiguration", "IamInstanceProfile", N.instanceProfile),
            ("aws:autoscaling:launchconfiguration", "SecurityGroups", "sg-app"),
            ("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "true"),
            ("aws:elasticbeanstalk:environment", "ServiceRole", N.serviceRole),
            ("aws:elasticbeanstalk:environment", "EnvironmentType", "LoadBalanced"),
            ("aws:elasticbeanstalk:environment", "LoadBalancerType", "application"),
            ("aws:ec2:vpc", "VPCId", "vpc-app"),
            ("aws:ec2:vpc", "Subnets", "subnet-priv-a,subnet-priv-b"),
            ("aws:ec2:vpc", "ELBSubnets", "subnet-pub-a,subnet-pub-b"),
            ("aws:ec2:vpc", "AssociatePublicIpAddress", "false"),
            ("aws:ec2:vpc", "ELBScheme", "public"),
            ("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "true"),
            ("aws:elasticbeanstalk:managedactions", "PreferredStartTime", "Sun:02:00"),
            ("aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel", "minor"),
            ("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
            ("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "true"),
            ("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays", "365"),
            ("aws:elasticbeanstalk:cloudwatch:logs", "DeleteOnTerminate", "false"),
            ("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled", "true"),
            ("aws:elasticbeanstalk:sns:topics", "Notification Topic ARN", N.topic),
            ("aws:elbv2:listener:default", "ListenerEnabled", "false"),
            ("aws:elbv2:listener:443", "ListenerEnabled", "true"),
            ("aws:elbv2:listener:443", "Protocol", "HTTPS"),
            ("aws:elbv2:listener:443", "SSLCertificateArns", N.certificate),
            ("aws:elbv2:listener:443", "SSLPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
            ("aws:elbv2:loadbalancer", "AccessLogsS3Enabled", "true"),
            ("aws:elbv2:loadbalancer", "SecurityGroups", "sg-lb"),
            ("aws:elasticbeanstalk:environment:process:default", "Protocol", "HTTPS"),
            ("aws:elasticbeanstalk:command", "DeploymentPolicy", "Immutable"),
            ("aws:elasticbeanstalk:application:environment", "RDS_HOSTNAME", "shop-prod-db.abcdefgh.us-east-1.rds.amazonaws.com"),
            ("aws:elasticbeanstalk:application:environment", "LOG_LEVEL", "info"),
            ("aws:elasticbeanstalk:application:environmentsecrets", "DB_PASSWORD", N.secretArn),
            ("aws:rds:dbinstance", "HasCoupledDatabase", "false"),
        ]
        environment.optionSettings = OptionSettings(options.map { OptionSetting(namespace: $0.0, optionName: $0.1, value: $0.2, origin: api) })
        environment.resources = EnvironmentResources(autoScalingGroups: [N.autoScalingGroup], instances: [N.instance],
                                                     launchTemplates: [N.launchTemplate], loadBalancers: [N.loadBalancer])
        inventory.environments = [environment]

        var group = AutoScalingGroup(name: N.autoScalingGroup)
        group.launchTemplateId = N.launchTemplate
        group.instanceIds = [N.instance]
        group.subnetIds = ["subnet-priv-a", "subnet-priv-b"]
        inventory.autoScalingGroups[group.name] = group
        var template = LaunchTemplate(id: N.launchTemplate)
        template.version = 3
        template.metadataOptions = MetadataOptions(httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 2)
        template.securityGroupIds = ["sg-app"]
        template.blockDevices = [BlockDevice(deviceName: "/dev/xvda", encrypted: true, kmsKeyId: N.kmsKey)]
        template.associatePublicIpAddress = false
        inventory.launchTemplates[template.id] = template
        var instance = Instance(id: N.instance)
        instance.state = "running"
        instance.subnetId = "subnet-priv-a"
        instance.vpcId = "vpc-app"
        instance.securityGroupIds = ["sg-app"]
        instance.metadataOptions = MetadataOptions(httpTokens: "required", httpEndpoint: "enabled")
        inventory.instances[instance.id] = instance
        inventory.ebsEncryptionByDefault = [region: true]

        inventory.vpcs["vpc-app"] = VPC(id: "vpc-app", isDefault: false)
        for (id, az) in [("subnet-priv-a", "a"), ("subnet-priv-b", "b"), ("subnet-pub-a", "a"), ("subnet-pub-b", "b")] {
            var subnet = Subnet(id: id)
            subnet.vpcId = "vpc-app"
            subnet.availabilityZone = region + az
            subnet.mapPublicIpOnLaunch = id.contains("pub")
            inventory.subnets[id] = subnet
        }
        inventory.routeTables["rtb-main"] = RouteTable(id: "rtb-main", vpcId: "vpc-app", isMain: true, routes: [Route(destination: "10.0.0.0/16", target: "local")])
        inventory.routeTables["rtb-priv"] = RouteTable(id: "rtb-priv", vpcId: "vpc-app", subnetIds: ["subnet-priv-a", "subnet-priv-b"],
                                                       routes: [Route(destination: "10.0.0.0/16", target: "local"), Route(destination: "0.0.0.0/0", target: "nat-0a1b")])
        inventory.routeTables["rtb-pub"] = RouteTable(id: "rtb-pub", vpcId: "vpc-app", subnetIds: ["subnet-pub-a", "subnet-pub-b"],
                                                      routes: [Route(destination: "10.0.0.0/16", target: "local"), Route(destination: "0.0.0.0/0", target: "igw-0a1b")])
        inventory.securityGroups["sg-lb"] = SecurityGroup(
            id: "sg-lb", name: "shop-prod-lb", vpcId: "vpc-app",
            ingress: [SecurityGroupRule(ipProtocol: "tcp", fromPort: 443, toPort: 443, cidr: "0.0.0.0/0"),
                      SecurityGroupRule(ipProtocol: "tcp", fromPort: 443, toPort: 443, cidr: "::/0")],
            egress: [SecurityGroupRule(ipProtocol: "tcp", fromPort: 80, toPort: 80, sourceSecurityGroupId: "sg-app")])
        inventory.securityGroups["sg-app"] = SecurityGroup(
            id: "sg-app", name: "shop-prod-app", vpcId: "vpc-app",
            ingress: [SecurityGroupRule(ipProtocol: "tcp", fromPort: 80, toPort: 80, sourceSecurityGroupId: "sg-lb")],
            egress: [SecurityGroupRule(ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-63a5400a"),
                     SecurityGroupRule(ipProtocol: "tcp", fromPort: 5432, toPort: 5432, sourceSecurityGroupId: "sg-db")])
        inventory.securityGroups["sg-db"] = SecurityGroup(
            id: "sg-db", name: "shop-prod-db", vpcId: "vpc-app",
            ingress: [SecurityGroupRule(ipProtocol: "tcp", fromPort: 5432, toPort: 5432, sourceSecurityGroupId: "sg-app")])
        inventory.vpcEndpoints = [
            VPCEndpoint(id: "vpce-s3", vpcId: "vpc-app", serviceName: "com.amazonaws.us-east-1.s3"),
            VPCEndpoint(id: "vpce-sm", vpcId: "vpc-app", serviceName: "com.amazonaws.us-east-1.secretsmanager"),
            VPCEndpoint(id: "vpce-logs", vpcId: "vpc-app", serviceName: "com.amazonaws.us-east-1.logs"),
        ]
        var balancer = LoadBalancer(id: N.loadBalancer, name: "awseb-shop", type: "application", scheme: "internet-facing")
        balancer.vpcId = "vpc-app"
        balancer.subnetIds = ["subnet-pub-a", "subnet-pub-b"]
        balancer.securityGroupIds = ["sg-lb"]
        balancer.listeners = [Listener(port: 443, protocolName: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                                       certificateArns: [N.certificate], defaultActions: [ListenerAction(type: "forward")], rules: [])]
        balancer.attributes = ["access_logs.s3.enabled": "true"]
        balancer.webACLArn = "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/shop/abc"
        inventory.loadBalancers[balancer.id] = balancer

        inventory.iam = hardenedIAM()

        var bucket = Bucket(name: N.bucket, region: region)
        bucket.encryption = BucketEncryption(algorithm: "aws:kms", kmsKeyId: N.kmsKey)
        bucket.publicAccessBlock = PublicAccessBlock(blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true)
        inventory.buckets[bucket.name] = bucket
        inventory.accountPublicAccessBlocks[account] = PublicAccessBlock(blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true)

        var database = Database(identifier: N.database)
        database.engine = "postgres"
        database.endpointAddress = "shop-prod-db.abcdefgh.us-east-1.rds.amazonaws.com"
        database.port = 5432
        database.publiclyAccessible = false
        database.storageEncrypted = true
        database.kmsKeyId = N.kmsKey
        database.multiAZ = true
        database.securityGroupIds = ["sg-db"]
        database.parameterGroupNames = ["shop-pg16"]
        inventory.databases[database.identifier] = database
        inventory.dbParameterGroups["shop-pg16"] = DBParameterGroup(name: "shop-pg16", parameters: ["rds.force_ssl": "1"])
        inventory.kmsKeys[N.kmsKey] = KMSKey(id: N.kmsKey, arn: N.kmsKey, manager: "CUSTOMER", rotationEnabled: true, aliases: ["alias/prod_ms_shop"])

        var trail = Trail(name: "org-trail")
        trail.homeRegion = region
        trail.isMultiRegion = true
        trail.isLogging = true
        trail.logFileValidation = true
        inventory.trails = [trail]
        inventory.alarms = [Alarm(name: "shop-prod-health", namespace: "AWS/ElasticBeanstalk", metricName: "EnvironmentHealth",
                                  dimensions: ["EnvironmentName": N.environment], actionsEnabled: true, alarmActions: [N.topic], region: region)]
        inventory.logGroups = [LogGroup(name: "/aws/elasticbeanstalk/shop-prod/var/log/eb-engine.log", retentionInDays: 365, kmsKeyId: N.kmsKey, region: region)]
        inventory.configRecorders = [ConfigRecorder(name: "default", region: region, allSupported: true, recording: true)]
        var platform = PlatformVersion(arn: N.platform)
        platform.branchName = "Docker running on 64bit Amazon Linux 2023"
        platform.version = "4.3.0"
        platform.lifecycleState = "Recommended"
        platform.branchLifecycleState = "Supported"
        platform.status = "Ready"
        platform.latestVersionInBranch = "4.3.0"
        inventory.platforms[platform.arn] = platform
        inventory.cloudTrailEvents = hardenedEvents()
        inventory.artifacts = []
        return ExampleInventory(inventory: inventory)
    }

    static func hardenedEvents() -> [CloudTrailEvent] {
        var update = CloudTrailEvent(eventName: "UpdateEnvironment")
        update.eventSource = "elasticbeanstalk.amazonaws.com"
        update.eventTime = now.addingTimeInterval(-86_400 * 3)
        update.userIdentityType = "AssumedRole"
        update.principalArn = "arn:aws:sts::111122223333:assumed-role/\(Names.operatorRole)/alice"
        update.sourceIPAddress = "10.20.0.15"
        update.resources = [Names.environment]
        update.requestParameters = ["environmentName": Names.environment]
        var used: [CloudTrailEvent] = []
        for (source, name) in [("s3.amazonaws.com", "GetObject"), ("s3.amazonaws.com", "PutObject"), ("logs.amazonaws.com", "PutLogEvents"),
                               ("logs.amazonaws.com", "CreateLogStream"), ("elasticbeanstalk.amazonaws.com", "PutInstanceStatistics"),
                               ("secretsmanager.amazonaws.com", "GetSecretValue"), ("cloudwatch.amazonaws.com", "PutMetricData")] {
            var event = CloudTrailEvent(eventName: name)
            event.eventSource = source
            event.eventTime = now.addingTimeInterval(-86_400)
            event.userIdentityType = "AssumedRole"
            event.principalArn = "arn:aws:sts::111122223333:assumed-role/\(Names.instanceRole)/\(Names.instance)"
            used.append(event)
        }
        return [update] + used
    }
}
