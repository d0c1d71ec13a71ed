import Inventory

/// Maps the resources of a template to inventory facts.
extension CFNTemplate {
    func origin(_ node: Node?) -> Origin {
        Origin.file(path, line: node.map(\.line), column: node.map(\.column))
    }

    func origin(of resource: Resource) -> Origin {
        Origin.file(path, line: resource.line, column: resource.column)
    }

    /// Maps every supported resource into `output`; `environmentLayer` is `.direct` for templates and
    /// unused for `.ebextensions` resources (which declare no environments).
    func map(into output: inout FileOutput, secrets: inout [LocatedSecret]) {
        // Every resource's properties are resolved once, then read by both passes.
        let resolvedProperties = resources.map { resolve($0.properties) }
        for (position, resource) in resources.enumerated() {
            output.anchors[resource.line] = name(of: resource.logicalId)
            let properties = resolvedProperties[position]
            switch resource.type {
            case "AWS::ElasticBeanstalk::Environment":
                output.inventory.environments.append(environment(resource, properties, resolved: resolvedProperties, secrets: &secrets))
            case "AWS::ElasticBeanstalk::ConfigurationTemplate":
                let settings = optionSettings(resolved: properties["OptionSettings"], layer: .savedConfiguration, secrets: &secrets)
                let template = ConfigurationTemplate(name: name(of: resource.logicalId), applicationName: properties["ApplicationName"]?.string,
                                                     optionSettings: OptionSettings(settings), origin: origin(of: resource))
                output.inventory.configurationTemplates[template.name] = template
            case "AWS::IAM::Role":
                var role = Role(name: name(of: resource.logicalId))
                role.path = properties["Path"]?.string
                role.trustPolicy = policyText(properties["AssumeRolePolicyDocument"])
                role.inlinePolicies = (properties["Policies"]?.items ?? []).map { policy in
                    InlinePolicy(name: policy["PolicyName"]?.string ?? "unnamed", document: policyText(policy["PolicyDocument"]), origin: origin(policy))
                }
                role.attachedPolicyArns = (properties["ManagedPolicyArns"]?.items ?? []).map { $0.string ?? "unresolved: \(describe($0))" }
                role.permissionsBoundaryArn = properties["PermissionsBoundary"]?.string
                role.tags = tags(properties["Tags"])
                role.origin = origin(of: resource)
                output.iam.roles[role.name] = role
            case "AWS::IAM::InstanceProfile":
                let profile = InstanceProfile(name: name(of: resource.logicalId), roleNames: (properties["Roles"]?.items ?? []).map { $0.string ?? "unresolved: \(describe($0))" },
                                              origin: origin(of: resource))
                output.iam.instanceProfiles[profile.name] = profile
            case "AWS::EC2::SecurityGroup":
                output.inventory.securityGroups[name(of: resource.logicalId)] = securityGroup(resource, properties)
            case "AWS::RDS::DBInstance":
                output.inventory.databases[name(of: resource.logicalId)] = database(resource, properties)
            case "AWS::RDS::DBParameterGroup":
                var parameters: [String: String] = [:]
                for entry in properties["Parameters"]?.entries ?? [] { if let value = entry.value.string { parameters[entry.key] = value } }
                let group = DBParameterGroup(name: name(of: resource.logicalId), parameters: parameters, origin: origin(of: resource))
                output.inventory.dbParameterGroups[group.name] = group
            case "AWS::S3::Bucket":
                output.inventory.buckets[name(of: resource.logicalId)] = bucket(resource, properties)
            case "AWS::KMS::Key":
                let key = KMSKey(id: name(of: resource.logicalId), manager: "CUSTOMER",
                                 rotationEnabled: properties["EnableKeyRotation"]?.bool ?? false, origin: origin(of: resource))
                output.inventory.kmsKeys[key.id] = key
            case "AWS::Logs::LogGroup":
                let group = LogGroup(name: name(of: resource.logicalId), retentionInDays: properties["RetentionInDays"]?.int,
                                     kmsKeyId: properties["KmsKeyId"]?.string, origin: origin(of: resource))
                output.inventory.logGroups = (output.inventory.logGroups ?? []) + [group]
            case "AWS::CloudTrail::Trail":
                var trail = Trail(name: name(of: resource.logicalId))
                trail.isMultiRegion = properties["IsMultiRegionTrail"]?.bool ?? false
                trail.logFileValidation = properties["EnableLogFileValidation"]?.bool ?? false
                trail.isLogging = properties["IsLogging"]?.bool
                trail.includeGlobalServiceEvents = properties["IncludeGlobalServiceEvents"]?.bool ?? true
                trail.kmsKeyId = properties["KMSKeyId"]?.string
                trail.origin = origin(of: resource)
                output.inventory.trails = (output.inventory.trails ?? []) + [trail]
            case "AWS::ElasticLoadBalancingV2::LoadBalancer":
                let id = name(of: resource.logicalId)
                var balancer = output.inventory.loadBalancers[id] ?? LoadBalancer(id: id)
                balancer.name = properties["Name"]?.string ?? id
                balancer.type = properties["Type"]?.string ?? "application"
                balancer.scheme = properties["Scheme"]?.string ?? "internet-facing"
                balancer.subnetIds = properties["Subnets"]?.stringList
                balancer.securityGroupIds = properties["SecurityGroups"]?.stringList
                balancer.origin = origin(of: resource)
                output.inventory.loadBalancers[id] = balancer
            default:
                break
            }
        }
        // Second pass: resources that attach to others declared above or below.
        for (position, resource) in resources.enumerated() {
            let properties = resolvedProperties[position]
            switch resource.type {
            case "AWS::IAM::Policy":
                let policy = InlinePolicy(name: properties["PolicyName"]?.string ?? resource.logicalId,
                                          document: policyText(properties["PolicyDocument"]), origin: origin(of: resource))
                for roleName in properties["Roles"]?.stringList ?? [] {
                    var role = output.iam.roles[roleName] ?? Role(name: roleName)
                    role.inlinePolicies = (role.inlinePolicies ?? []) + [policy]
                    output.iam.roles[roleName] = role
                }
            case "AWS::IAM::ManagedPolicy":
                let policyName = name(of: resource.logicalId)
                let arn = Self.managedPolicyArn(name: policyName)
                output.iam.managedPolicies[arn] = ManagedPolicy(arn: arn, name: policyName, document: policyText(properties["PolicyDocument"]),
                                                                origin: origin(of: resource))
                for roleName in properties["Roles"]?.stringList ?? [] {
                    var role = output.iam.roles[roleName] ?? Role(name: roleName)
                    if !(role.attachedPolicyArns ?? []).contains(arn) { role.attachedPolicyArns = (role.attachedPolicyArns ?? []) + [arn] }
                    output.iam.roles[roleName] = role
                }
            case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress":
                let isIngress = resource.type.hasSuffix("Ingress")
                guard let groupId = properties["GroupId"]?.string ?? properties["GroupName"]?.string else { continue }
                var group = output.inventory.securityGroups[groupId] ?? SecurityGroup(id: groupId)
                let rules = self.rules(from: properties, ingress: isIngress, origin: origin(of: resource))
                if isIngress { group.ingress += rules } else { group.egress += rules }
                output.inventory.securityGroups[groupId] = group
            case "AWS::ElasticLoadBalancingV2::Listener":
                let balancerId = properties["LoadBalancerArn"]?.string ?? "unresolved-load-balancer"
                var balancer = output.inventory.loadBalancers[balancerId] ?? LoadBalancer(id: balancerId, type: "application")
                balancer.listeners = (balancer.listeners ?? []) + [listener(resource, properties)]
                output.inventory.loadBalancers[balancerId] = balancer
            case "AWS::KMS::Alias":
                if let target = properties["TargetKeyId"]?.string, let alias = properties["AliasName"]?.string, var key = output.inventory.kmsKeys[target] {
                    key.aliases.append(alias)
                    output.inventory.kmsKeys[target] = key
                }
            default:
                break
            }
        }
    }

    private func describe(_ node: Node) -> String {
        if case .unresolved(let text) = node.kind { return text }
        return "value"
    }

    /// A policy document as JSON text: a string document is kept as written.
    func policyText(_ node: Node?) -> String? {
        guard let node else { return nil }
        if let text = node.string { return text }
        return node.jsonText
    }

    func tags(_ node: Node?) -> [String: String] {
        var tags: [String: String] = [:]
        if let items = node?.items {
            for item in items { if let key = item["Key"]?.string { tags[key] = item["Value"]?.string ?? "" } }
        } else if let entries = node?.entries {
            for entry in entries { tags[entry.key] = entry.value.string ?? "" }
        }
        return tags
    }

    /// `OptionSettings` of an environment or configuration template (list of `Namespace`/`OptionName`/`Value`).
    func optionSettings(resolved: Node?, layer: SettingLayer, secrets: inout [LocatedSecret]) -> [OptionSetting] {
        var settings: [OptionSetting] = []
        for item in resolved?.items ?? [] {
            guard let namespace = item["Namespace"]?.string, let option = item["OptionName"]?.string else { continue }
            let value = item["Value"]
            settings.append(OptionValues.setting(namespace: namespace, option: option, value: value,
                                                 resource: item["ResourceName"]?.string, layer: layer,
                                                 origin: origin(value ?? item), secrets: &secrets))
        }
        return OptionValues.deduplicated(settings)
    }

    private func environment(_ resource: Resource, _ properties: Node, resolved: [Node], secrets: inout [LocatedSecret]) -> Environment {
        var environment = Environment(name: name(of: resource.logicalId))
        environment.applicationName = properties["ApplicationName"]?.string
        environment.solutionStackName = properties["SolutionStackName"]?.string
        environment.platformArn = properties["PlatformArn"]?.string
        environment.tier = properties["Tier"]?["Name"]?.string
        environment.cname = properties["CNAMEPrefix"]?.string
        let tags = tags(properties["Tags"])
        environment.tags = tags.isEmpty ? nil : tags
        environment.operationsRoleArn = properties["OperationsRole"]?.string
        environment.operationsRoleKnown = properties["OperationsRole"] != nil
        var settings = optionSettings(resolved: properties["OptionSettings"], layer: .direct, secrets: &secrets)
        if let templateName = properties["TemplateName"]?.string {
            environment.templateName = templateName
            if let position = resources.firstIndex(where: { $0.type == "AWS::ElasticBeanstalk::ConfigurationTemplate" && name(of: $0.logicalId) == templateName }) {
                let templateProperties = resolved[position]
                var templateSecrets: [LocatedSecret] = []
                settings += optionSettings(resolved: templateProperties["OptionSettings"], layer: .savedConfiguration, secrets: &templateSecrets)
                environment.solutionStackName = environment.solutionStackName ?? templateProperties["SolutionStackName"]?.string
                environment.platformArn = environment.platformArn ?? templateProperties["PlatformArn"]?.string
            }
        }
        environment.optionSettings = OptionSettings(settings)
        environment.origin = origin(of: resource)
        return environment
    }

    private func securityGroup(_ resource: Resource, _ properties: Node) -> SecurityGroup {
        var group = SecurityGroup(id: name(of: resource.logicalId), name: properties["GroupName"]?.string,
                                  vpcId: properties["VpcId"]?.string, tags: tags(properties["Tags"]), origin: origin(of: resource))
        for item in properties["SecurityGroupIngress"]?.items ?? [] {
            group.ingress += rules(from: item, ingress: true, origin: origin(item))
        }
        if let egress = properties["SecurityGroupEgress"]?.items {
            for item in egress { group.egress += rules(from: item, ingress: false, origin: origin(item)) }
        } else {
            // CloudFormation keeps EC2's default rule when no egress is declared: all traffic to anywhere.
            group.egress = [SecurityGroupRule(ipProtocol: "-1", fromPort: nil, toPort: nil, cidr: "0.0.0.0/0",
                                              description: "default egress rule", origin: origin(of: resource))]
        }
        return group
    }

    /// One rule per source: a rule with both an IPv4 and an IPv6 range becomes two.
    func rules(from node: Node, ingress: Bool, origin: Origin) -> [SecurityGroupRule] {
        let proto = node["IpProtocol"]?.string ?? "-1"
        let from = node["FromPort"]?.int
        let to = node["ToPort"]?.int
        let description = node["Description"]?.string
        var rules: [SecurityGroupRule] = []
        func add(cidr: String? = nil, group: String? = nil, prefixList: String? = nil) {
            rules.append(SecurityGroupRule(ipProtocol: proto, fromPort: proto == "-1" ? nil : from, toPort: proto == "-1" ? nil : to,
                                           cidr: cidr, sourceSecurityGroupId: group, prefixListId: prefixList,
                                           description: description, origin: origin))
        }
        if let cidr = node["CidrIp"]?.string { add(cidr: cidr) }
        if let cidr = node["CidrIpv6"]?.string { add(cidr: cidr) }
        let groupKey = ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId"
        if let group = node[groupKey]?.string ?? node["SourceSecurityGroupName"]?.string { add(group: group) }
        if let prefix = node[ingress ? "SourcePrefixListId" : "DestinationPrefixListId"]?.string { add(prefixList: prefix) }
        if rules.isEmpty, node["CidrIp"] != nil || node["CidrIpv6"] != nil || node[groupKey] != nil {
            add(cidr: "unresolved")
        }
        return rules
    }

    private func database(_ resource: Resource, _ properties: Node) -> Database {
        var database = Database(identifier: name(of: resource.logicalId))
        database.engine = properties["Engine"]?.string
        database.port = properties["Port"]?.int
        database.publiclyAccessible = properties["PubliclyAccessible"]?.bool
        database.kmsKeyId = properties["KmsKeyId"]?.string
        database.storageEncrypted = properties["StorageEncrypted"]?.bool ?? (properties["KmsKeyId"] != nil)
        database.multiAZ = properties["MultiAZ"]?.bool ?? false
        database.securityGroupIds = properties["VPCSecurityGroups"]?.stringList ?? properties["DBSecurityGroups"]?.stringList
        database.parameterGroupNames = properties["DBParameterGroupName"]?.string.map { [$0] }
        database.tags = tags(properties["Tags"])
        database.origin = origin(of: resource)
        return database
    }

    private func bucket(_ resource: Resource, _ properties: Node) -> Bucket {
        var bucket = Bucket(name: name(of: resource.logicalId))
        if let rule = properties["BucketEncryption"]?["ServerSideEncryptionConfiguration"]?.items?.first?["ServerSideEncryptionByDefault"] {
            bucket.encryption = BucketEncryption(algorithm: rule["SSEAlgorithm"]?.string, kmsKeyId: rule["KMSMasterKeyID"]?.string)
        } else {
            // Since January 2023 S3 encrypts every new bucket with SSE-S3 when nothing is configured.
            bucket.encryption = BucketEncryption(algorithm: "AES256")
        }
        if let block = properties["PublicAccessBlockConfiguration"] {
            bucket.publicAccessBlock = PublicAccessBlock(blockPublicAcls: block["BlockPublicAcls"]?.bool ?? false,
                                                         ignorePublicAcls: block["IgnorePublicAcls"]?.bool ?? false,
                                                         blockPublicPolicy: block["BlockPublicPolicy"]?.bool ?? false,
                                                         restrictPublicBuckets: block["RestrictPublicBuckets"]?.bool ?? false,
                                                         origin: origin(block))
        } else {
            // Since April 2023 new buckets block public access unless configured otherwise.
            bucket.publicAccessBlock = PublicAccessBlock(blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true,
                                                         restrictPublicBuckets: true, origin: origin(of: resource))
        }
        bucket.origin = origin(of: resource)
        return bucket
    }

    private func listener(_ resource: Resource, _ properties: Node) -> Listener {
        let actions = (properties["DefaultActions"]?.items ?? []).map { action in
            ListenerAction(type: action["Type"]?.string ?? "forward", redirectProtocol: action["RedirectConfig"]?["Protocol"]?.string,
                           redirectPort: action["RedirectConfig"]?["Port"]?.string, targetGroupArn: action["TargetGroupArn"]?.string)
        }
        return Listener(port: properties["Port"]?.int ?? 0, protocolName: properties["Protocol"]?.string ?? "HTTP",
                        sslPolicy: properties["SslPolicy"]?.string,
                        certificateArns: (properties["Certificates"]?.items ?? []).compactMap { $0["CertificateArn"]?.string },
                        defaultActions: actions, origin: origin(of: resource))
    }
}
