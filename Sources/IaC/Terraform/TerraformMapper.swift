import Inventory

/// Maps Terraform resources to inventory facts. It reads resource *values* (attributes, nested
/// blocks as lists of objects), the shape shared by evaluated HCL blocks and `terraform show -json`
/// plans, so both sources map through the same code.
struct TerraformMapper {
    let path: String
    /// Inventory names by resource address (`aws_iam_role.app` → `shop-ec2-role`).
    let names: [String: String]

    struct Item {
        var type: String
        var name: String
        var values: Node
        var line: Int
        var column: Int
        var address: String { "\(type).\(name)" }
    }

    func origin(_ node: Node?) -> Origin { .file(path, line: node.map(\.line), column: node.map(\.column)) }

    private func key(_ item: Item) -> String { names[item.address] ?? "\(path)#\(item.name)" }

    private func bool(_ node: Node?) -> Bool? { node?.bool }

    private func strings(_ node: Node?) -> [String] {
        guard let node else { return [] }
        if let items = node.items { return items.map { $0.string ?? "unresolved" } }
        if let text = node.string { return [text] }
        if node.isUnresolved { return ["unresolved"] }
        return []
    }

    private func tags(_ node: Node?) -> [String: String] {
        var tags: [String: String] = [:]
        for entry in node?.entries ?? [] { tags[entry.key] = entry.value.string ?? "" }
        return tags
    }

    private func policy(_ node: Node?) -> String? {
        guard let node else { return nil }
        if let text = node.string { return text }
        if case .unresolved(let what) = node.kind { return Node.unresolved(what).jsonText }
        return node.jsonText
    }

    func map(_ items: [Item], into output: inout FileOutput, secrets: inout [LocatedSecret]) {
        for item in items {
            output.anchors[item.line] = key(item)
            let values = item.values
            let resourceOrigin = Origin.file(path, line: item.line, column: item.column)
            switch item.type {
            case "aws_elastic_beanstalk_environment":
                var environment = Environment(name: key(item))
                environment.applicationName = values["application"]?.string
                environment.solutionStackName = values["solution_stack_name"]?.string
                environment.platformArn = values["platform_arn"]?.string
                environment.tier = values["tier"]?.string
                environment.cname = values["cname_prefix"]?.string
                let tags = tags(values["tags"])
                environment.tags = tags.isEmpty ? nil : tags
                var settings = self.settings(values["setting"], layer: .direct, secrets: &secrets)
                if let template = values["template_name"]?.string {
                    environment.templateName = template
                    if let templateItem = items.first(where: { $0.type == "aws_elastic_beanstalk_configuration_template" && key($0) == template }) {
                        settings += self.settings(templateItem.values["setting"], layer: .savedConfiguration, secrets: &secrets)
                        environment.solutionStackName = environment.solutionStackName ?? templateItem.values["solution_stack_name"]?.string
                    }
                }
                environment.optionSettings = OptionSettings(settings)
                environment.origin = resourceOrigin
                output.inventory.environments.append(environment)
            case "aws_elastic_beanstalk_configuration_template":
                let template = ConfigurationTemplate(name: key(item), applicationName: values["application"]?.string,
                                                     optionSettings: OptionSettings(settings(values["setting"], layer: .savedConfiguration, secrets: &secrets)),
                                                     origin: resourceOrigin)
                output.inventory.configurationTemplates[template.name] = template
            case "aws_iam_role":
                var role = output.iam.roles[key(item)] ?? Role(name: key(item))
                role.path = values["path"]?.string
                role.trustPolicy = policy(values["assume_role_policy"])
                var inline = role.inlinePolicies ?? []
                for policyNode in values["inline_policy"]?.items ?? [] where policyNode["policy"] != nil {
                    inline.append(InlinePolicy(name: policyNode["name"]?.string ?? "inline", document: policy(policyNode["policy"]), origin: origin(policyNode)))
                }
                role.inlinePolicies = inline
                role.attachedPolicyArns = (role.attachedPolicyArns ?? []) + strings(values["managed_policy_arns"])
                role.permissionsBoundaryArn = values["permissions_boundary"]?.string
                role.tags = tags(values["tags"])
                role.origin = resourceOrigin
                output.iam.roles[role.name] = role
            case "aws_iam_instance_profile":
                let profile = InstanceProfile(name: key(item), roleNames: strings(values["role"]), origin: resourceOrigin)
                output.iam.instanceProfiles[profile.name] = profile
            case "aws_iam_policy":
                let arn = CFNTemplate.managedPolicyArn(name: key(item))
                output.iam.managedPolicies[arn] = ManagedPolicy(arn: arn, name: key(item), document: policy(values["policy"]), origin: resourceOrigin)
            case "aws_security_group":
                var group = output.inventory.securityGroups[key(item)] ?? SecurityGroup(id: key(item))
                group.name = values["name"]?.string
                group.vpcId = values["vpc_id"]?.string
                group.tags = tags(values["tags"])
                group.origin = resourceOrigin
                for rule in values["ingress"]?.items ?? [] { group.ingress += rules(rule) }
                // Terraform removes EC2's default egress rule: no egress block means no egress.
                for rule in values["egress"]?.items ?? [] { group.egress += rules(rule) }
                output.inventory.securityGroups[group.id] = group
            case "aws_db_instance":
                var database = Database(identifier: key(item))
                database.engine = values["engine"]?.string
                database.port = values["port"]?.int
                database.publiclyAccessible = bool(values["publicly_accessible"]) ?? false
                database.storageEncrypted = bool(values["storage_encrypted"]) ?? false
                database.kmsKeyId = values["kms_key_id"]?.string
                database.multiAZ = bool(values["multi_az"]) ?? false
                let groups = strings(values["vpc_security_group_ids"])
                database.securityGroupIds = groups.isEmpty ? nil : groups
                database.parameterGroupNames = values["parameter_group_name"]?.string.map { [$0] }
                database.tags = tags(values["tags"])
                database.origin = resourceOrigin
                output.inventory.databases[database.identifier] = database
            case "aws_db_parameter_group":
                var parameters: [String: String] = [:]
                for parameter in values["parameter"]?.items ?? [] {
                    if let name = parameter["name"]?.string, let value = parameter["value"]?.string { parameters[name] = value }
                }
                output.inventory.dbParameterGroups[key(item)] = DBParameterGroup(name: key(item), parameters: parameters, origin: resourceOrigin)
            case "aws_s3_bucket":
                var bucket = output.inventory.buckets[key(item)] ?? Bucket(name: key(item))
                if let rule = values["server_side_encryption_configuration"]?.items?.first?["rule"]?.items?.first?["apply_server_side_encryption_by_default"]?.items?.first {
                    bucket.encryption = BucketEncryption(algorithm: rule["sse_algorithm"]?.string, kmsKeyId: rule["kms_master_key_id"]?.string)
                }
                bucket.encryption = bucket.encryption ?? BucketEncryption(algorithm: "AES256")
                bucket.publicAccessBlock = bucket.publicAccessBlock ?? PublicAccessBlock(blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true,
                                                                                         restrictPublicBuckets: true, origin: resourceOrigin)
                bucket.origin = resourceOrigin
                output.inventory.buckets[bucket.name] = bucket
            case "aws_kms_key":
                output.inventory.kmsKeys[key(item)] = KMSKey(id: key(item), manager: "CUSTOMER", rotationEnabled: bool(values["enable_key_rotation"]) ?? false,
                                                            origin: resourceOrigin)
            case "aws_cloudwatch_log_group":
                let group = LogGroup(name: key(item), retentionInDays: values["retention_in_days"]?.int, kmsKeyId: values["kms_key_id"]?.string, origin: resourceOrigin)
                output.inventory.logGroups = (output.inventory.logGroups ?? []) + [group]
            case "aws_cloudtrail":
                var trail = Trail(name: key(item))
                trail.isMultiRegion = bool(values["is_multi_region_trail"]) ?? false
                trail.logFileValidation = bool(values["enable_log_file_validation"]) ?? false
                trail.isLogging = bool(values["enable_logging"]) ?? true
                trail.includeGlobalServiceEvents = bool(values["include_global_service_events"]) ?? true
                trail.kmsKeyId = values["kms_key_id"]?.string
                trail.origin = resourceOrigin
                output.inventory.trails = (output.inventory.trails ?? []) + [trail]
            default:
                break
            }
        }
        // Resources that attach to others.
        for item in items {
            let values = item.values
            let resourceOrigin = Origin.file(path, line: item.line, column: item.column)
            switch item.type {
            case "aws_iam_role_policy":
                guard let roleName = values["role"]?.string else { continue }
                var role = output.iam.roles[roleName] ?? Role(name: roleName)
                role.inlinePolicies = (role.inlinePolicies ?? []) + [InlinePolicy(name: values["name"]?.string ?? item.name, document: policy(values["policy"]), origin: resourceOrigin)]
                output.iam.roles[roleName] = role
            case "aws_iam_role_policy_attachment", "aws_iam_policy_attachment":
                guard let arn = values["policy_arn"]?.string else { continue }
                for roleName in strings(values["role"]) + strings(values["roles"]) {
                    var role = output.iam.roles[roleName] ?? Role(name: roleName)
                    if !(role.attachedPolicyArns ?? []).contains(arn) { role.attachedPolicyArns = (role.attachedPolicyArns ?? []) + [arn] }
                    output.iam.roles[roleName] = role
                }
            case "aws_security_group_rule":
                guard let groupId = values["security_group_id"]?.string else { continue }
                var group = output.inventory.securityGroups[groupId] ?? SecurityGroup(id: groupId)
                var rule = values
                if let source = values["source_security_group_id"] {
                    rule = Node(.map((values.entries ?? []) + [Node.Entry(key: "security_groups", keyLine: source.line, keyColumn: source.column, value: Node(.list([source])))]),
                                line: item.line, column: item.column)
                }
                let made = rules(rule, origin: resourceOrigin)
                if values["type"]?.string == "egress" { group.egress += made } else { group.ingress += made }
                output.inventory.securityGroups[groupId] = group
            case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
                guard let groupId = values["security_group_id"]?.string else { continue }
                var group = output.inventory.securityGroups[groupId] ?? SecurityGroup(id: groupId)
                let proto = values["ip_protocol"]?.string ?? "-1"
                let all = proto == "-1"
                let base = SecurityGroupRule(ipProtocol: proto, fromPort: all ? nil : values["from_port"]?.int, toPort: all ? nil : values["to_port"]?.int,
                                             description: values["description"]?.string, origin: resourceOrigin)
                var made: [SecurityGroupRule] = []
                if let cidr = values["cidr_ipv4"]?.string { var rule = base; rule.cidr = cidr; made.append(rule) }
                if let cidr = values["cidr_ipv6"]?.string { var rule = base; rule.cidr = cidr; made.append(rule) }
                if let source = values["referenced_security_group_id"]?.string { var rule = base; rule.sourceSecurityGroupId = source; made.append(rule) }
                if let prefix = values["prefix_list_id"]?.string { var rule = base; rule.prefixListId = prefix; made.append(rule) }
                if item.type.contains("ingress") { group.ingress += made } else { group.egress += made }
                output.inventory.securityGroups[groupId] = group
            case "aws_s3_bucket_server_side_encryption_configuration":
                guard let name = values["bucket"]?.string else { continue }
                var bucket = output.inventory.buckets[name] ?? Bucket(name: name)
                let rule = values["rule"]?.items?.first?["apply_server_side_encryption_by_default"]?.items?.first
                bucket.encryption = BucketEncryption(algorithm: rule?["sse_algorithm"]?.string, kmsKeyId: rule?["kms_master_key_id"]?.string)
                output.inventory.buckets[name] = bucket
            case "aws_s3_bucket_public_access_block":
                guard let name = values["bucket"]?.string else { continue }
                var bucket = output.inventory.buckets[name] ?? Bucket(name: name)
                bucket.publicAccessBlock = PublicAccessBlock(blockPublicAcls: bool(values["block_public_acls"]) ?? false,
                                                             ignorePublicAcls: bool(values["ignore_public_acls"]) ?? false,
                                                             blockPublicPolicy: bool(values["block_public_policy"]) ?? false,
                                                             restrictPublicBuckets: bool(values["restrict_public_buckets"]) ?? false, origin: resourceOrigin)
                output.inventory.buckets[name] = bucket
            case "aws_lb_listener", "aws_alb_listener":
                let balancerId = values["load_balancer_arn"]?.string ?? "unresolved-load-balancer"
                var balancer = output.inventory.loadBalancers[balancerId] ?? LoadBalancer(id: balancerId, type: "application")
                let actions = (values["default_action"]?.items ?? []).map { action in
                    ListenerAction(type: action["type"]?.string ?? "forward", redirectProtocol: action["redirect"]?.items?.first?["protocol"]?.string,
                                   redirectPort: action["redirect"]?.items?.first?["port"]?.string, targetGroupArn: action["target_group_arn"]?.string)
                }
                balancer.listeners = (balancer.listeners ?? []) + [Listener(port: values["port"]?.int ?? 0, protocolName: values["protocol"]?.string ?? "HTTP",
                                                                            sslPolicy: values["ssl_policy"]?.string,
                                                                            certificateArns: values["certificate_arn"]?.string.map { [$0] } ?? [],
                                                                            defaultActions: actions, origin: resourceOrigin)]
                output.inventory.loadBalancers[balancerId] = balancer
            case "aws_kms_alias":
                if let target = values["target_key_id"]?.string, let alias = values["name"]?.string, var key = output.inventory.kmsKeys[target] {
                    key.aliases.append(alias)
                    output.inventory.kmsKeys[target] = key
                }
            default:
                break
            }
        }
    }

    /// `setting` blocks: `namespace`, `name`, `value`, optional `resource`.
    func settings(_ node: Node?, layer: SettingLayer, secrets: inout [LocatedSecret]) -> [OptionSetting] {
        var settings: [OptionSetting] = []
        for item in node?.items ?? [] {
            guard let namespace = item["namespace"]?.string, let option = item["name"]?.string else { continue }
            let value = item["value"]
            let resource = item["resource"]?.string
            settings.append(OptionValues.setting(namespace: namespace, option: option, value: value,
                                                 resource: resource?.isEmpty == true ? nil : resource, layer: layer,
                                                 origin: origin(value ?? item), secrets: &secrets))
        }
        return OptionValues.deduplicated(settings)
    }

    /// Inline `ingress`/`egress` blocks and `aws_security_group_rule`: one rule per source.
    func rules(_ node: Node, origin explicit: Origin? = nil) -> [SecurityGroupRule] {
        let proto = node["protocol"]?.string.map { $0 == "all" ? "-1" : $0 } ?? "-1"
        let all = proto == "-1"
        let base = SecurityGroupRule(ipProtocol: proto, fromPort: all ? nil : node["from_port"]?.int, toPort: all ? nil : node["to_port"]?.int,
                                     description: node["description"]?.string, origin: explicit ?? origin(node))
        var rules: [SecurityGroupRule] = []
        for cidr in strings(node["cidr_blocks"]) + strings(node["ipv6_cidr_blocks"]) { var rule = base; rule.cidr = cidr; rules.append(rule) }
        for group in strings(node["security_groups"]) { var rule = base; rule.sourceSecurityGroupId = group; rules.append(rule) }
        for prefix in strings(node["prefix_list_ids"]) { var rule = base; rule.prefixListId = prefix; rules.append(rule) }
        if node["self"]?.bool == true { var rule = base; rule.sourceSecurityGroupId = "self"; rules.append(rule) }
        return rules
    }
}
