import Controls
import Inventory
import Secrets

/// The recipes, by control id. Controls with an option-setting fix and no recipe are planned from
/// their declaration's values when those hold no placeholder.
enum FixRecipes {
    static let byControl: [String: FixRecipe] = Dictionary(uniqueKeysWithValues: all.map { ($0.control, $0) })

    static let all: [FixRecipe] = [
        FixRecipe(
            control: "EB-RUN-001",
            prerequisites: [
                "Every AWS SDK and agent in the application and its platform hooks supports IMDSv2 (token-based metadata). Check the SDK versions before applying.",
                "If the environment still uses a launch configuration, the change migrates it to a launch template: the service role (or the person applying) needs ec2:CreateLaunchTemplate, ec2:CreateLaunchTemplateVersion and ec2:RunInstances with launch templates.",
            ],
            risks: [
                "Instances are replaced with the new launch template (a rolling update by the environment's update policy).",
                "Code that reads instance metadata without a token fails (credentials, region, instance id); roll back to restore IMDSv1 while the SDK is updated.",
            ],
            target: { context in
                .values([(context.key("aws:autoscaling:launchconfiguration", "DisableIMDSv1"), "true")])
            }),
        FixRecipe(
            control: "EB-RUN-002",
            prerequisites: ["Enhanced health reporting is on (managed platform updates need it) and the service role allows managed updates."],
            risks: ["Platform updates run in the weekly window (Sunday 02:00 UTC) and replace instances; minor updates can change runtime versions."],
            target: { context in
                .values([
                    (context.key("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled"), "true"),
                    (context.key("aws:elasticbeanstalk:managedactions", "PreferredStartTime"), context.value("aws:elasticbeanstalk:managedactions", "PreferredStartTime") ?? "Sun:02:00"),
                    (context.key("aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel"), "minor"),
                ])
            }),
        FixRecipe(
            control: "EB-DET-001",
            prerequisites: [
                "The environment has a service role, and the instance role allows elasticbeanstalk:PutInstanceStatistics (AWSElasticBeanstalkWebTier/WorkerTier grant it).",
            ],
            risks: ["Without the instance permission health shows No Data; restore the permission or roll back."],
            target: { context in
                .values([(context.key("aws:elasticbeanstalk:healthreporting:system", "SystemType"), "enhanced")])
            }),
        FixRecipe(
            control: "EB-DET-002",
            prerequisites: ["The instance role may write to CloudWatch Logs (logs:CreateLogStream, logs:PutLogEvents on /aws/elasticbeanstalk/*)."],
            risks: ["CloudWatch Logs storage is billed for a year of retention."],
            target: { context in
                .values([
                    (context.key("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs"), "true"),
                    (context.key("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays"), "365"),
                    (context.key("aws:elasticbeanstalk:cloudwatch:logs", "DeleteOnTerminate"), "false"),
                ])
            }),
        FixRecipe(
            control: "EB-DET-003",
            prerequisites: ["Enhanced health reporting is on (health streaming needs it)."],
            risks: ["CloudWatch Logs storage is billed for the health stream."],
            target: { context in
                .values([(context.key("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled"), "true")])
            }),
        FixRecipe(
            control: "EB-DATA-001",
            prerequisites: ["The ACM certificate is issued, in the environment's region, and covers the names clients use."],
            risks: ["A certificate that does not match the host names makes clients refuse the connection."],
            target: { context in
                guard let type = context.loadBalancerType else { return .notPlannable("single-instance environment: terminate TLS on the instance (see configuring-https-ssl) or move to a load-balanced environment") }
                guard type == "application" || type == "network" else { return .notPlannable("\(type) load balancer: move to an Application Load Balancer (a new environment) to use the aws:elbv2 listener options") }
                guard let certificate = context.inputs.certificateARN else { return .needs("an ACM certificate ARN is needed for the HTTPS listener", flag: "--certificate-arn") }
                let namespace = "aws:elbv2:listener:443"
                return .values([
                    (context.key(namespace, "ListenerEnabled"), "true"),
                    (context.key(namespace, "Protocol"), type == "network" ? "TLS" : "HTTPS"),
                    (context.key(namespace, "SSLCertificateArns"), certificate),
                    (context.key(namespace, "SSLPolicy"), "ELBSecurityPolicy-TLS13-1-2-2021-06"),
                ])
            }),
        FixRecipe(
            control: "EB-DATA-002",
            prerequisites: ["An HTTPS listener serves the application (EB-DATA-001 passes or is fixed by this plan)."],
            risks: ["Clients that call http:// URLs stop working (closing port 80 does not redirect them); publish the https:// URL first."],
            target: { context in
                guard context.loadBalancerType == "application" else { return .notPlannable("only Application Load Balancer listeners are changed by this plan") }
                let hasHTTPS = !context.httpsListenerNamespaces.isEmpty && !context.failing.contains("EB-DATA-001")
                guard hasHTTPS || context.planned.contains("EB-DATA-001") else {
                    return .needs("closing port 80 without an HTTPS listener would take the application offline", flag: "--certificate-arn")
                }
                return .values([(context.key("aws:elbv2:listener:default", "ListenerEnabled"), "false")])
            }),
        FixRecipe(
            control: "EB-DATA-003",
            prerequisites: ["Clients support TLS 1.2 or later."],
            risks: ["Old clients (TLS 1.0/1.1 only) can no longer connect."],
            target: { context in
                guard let type = context.loadBalancerType, type == "application" || type == "network" else {
                    return .notPlannable("the TLS policy option of this plan applies to Application and Network Load Balancers")
                }
                var namespaces = context.httpsListenerNamespaces
                if namespaces.isEmpty { namespaces = ["aws:elbv2:listener:443"] }
                return .values(namespaces.map { (context.key($0, "SSLPolicy"), "ELBSecurityPolicy-TLS13-1-2-2021-06") })
            }),
        FixRecipe(
            control: "EB-NET-001",
            prerequisites: [
                "The private subnets are in the environment's VPC, in the same Availability Zones as the load balancer subnets, and route 0.0.0.0/0 to a NAT gateway so instances reach AWS APIs and package mirrors.",
            ],
            risks: ["Instances are replaced in the new subnets; without a NAT route deployments and health reporting fail."],
            target: { context in
                let publicIP = context.key("aws:ec2:vpc", "AssociatePublicIpAddress")
                if context.inputs.privateSubnets.isEmpty {
                    guard context.value("aws:ec2:vpc", "AssociatePublicIpAddress")?.lowercased() == "true" else {
                        return .needs("the instances' subnets route to an internet gateway; name private subnets to move them to", flag: "--private-subnets")
                    }
                    return .values([(publicIP, "false")], notes: ["Only the public IP is turned off; if the instances' subnets route to an internet gateway the control still fails: plan again with --private-subnets."])
                }
                return .values([
                    (context.key("aws:ec2:vpc", "Subnets"), context.inputs.privateSubnets.joined(separator: ",")),
                    (publicIP, "false"),
                ])
            }),
        FixRecipe(
            control: "EB-RUN-006",
            prerequisites: [
                "Each secret exists in Secrets Manager (or as an SSM SecureString parameter) with the current value.",
                "The instance role may read exactly those secrets (secretsmanager:GetSecretValue / ssm:GetParameters on their ARNs).",
            ],
            risks: ["The application reads the same variable names; a wrong ARN or a missing permission leaves the variable empty and the deployment fails."],
            target: { context in
                let properties = context.environment.optionSettings?.settings(in: "aws:elasticbeanstalk:application:environment") ?? []
                let sensitive = properties.filter { property in
                    if property.secret != nil { return true }
                    let value = property.value ?? ""
                    return KeyNames.isSensitive(property.optionName) && !SecretScanner.isReference(value) && !value.isEmpty
                }
                let missing = sensitive.map(\.optionName).filter { context.inputs.secretARNs[$0] == nil }
                guard missing.isEmpty else {
                    return .needs("secret ARNs are needed for \(missing.joined(separator: ", "))", flag: missing.map { "--secret \($0)=ARN" }.joined(separator: " "))
                }
                var values: [(OptionKey, String?)] = []
                for property in sensitive {
                    values.append((context.key("aws:elasticbeanstalk:application:environmentsecrets", property.optionName), context.inputs.secretARNs[property.optionName]))
                    values.append((context.key("aws:elasticbeanstalk:application:environment", property.optionName), nil))
                }
                return .values(values)
            }),
        FixRecipe(
            control: "EB-DET-009",
            prerequisites: ["The bucket's policy lets the Elastic Load Balancing service write to it (see enable-access-logging)."],
            risks: ["Access logs are billed as S3 storage."],
            target: { context in
                guard context.loadBalancerType == "application" else { return .notPlannable("the access-log options of this plan apply to Application Load Balancers") }
                guard let bucket = context.inputs.accessLogBucket else { return .needs("an S3 bucket for the access logs is needed", flag: "--access-log-bucket") }
                return .values([
                    (context.key("aws:elbv2:loadbalancer", "AccessLogsS3Enabled"), "true"),
                    (context.key("aws:elbv2:loadbalancer", "AccessLogsS3Bucket"), bucket),
                ])
            }),
        FixRecipe(
            control: "EB-DET-004",
            prerequisites: ["Someone reads the topic: it has a confirmed subscription."],
            risks: [],
            target: { context in
                guard let topic = context.inputs.notificationTopicARN else { return .needs("an SNS topic ARN is needed for notifications", flag: "--notification-topic-arn") }
                return .values([(context.key("aws:elasticbeanstalk:sns:topics", "Notification Topic ARN"), topic)])
            }),
        FixRecipe(
            control: "EB-RUN-007",
            prerequisites: ["The account has capacity (and Auto Scaling quota) for a second set of instances during deployments."],
            risks: ["Deployments take longer; immutable deployments need the capacity above."],
            target: { context in
                .values([(context.key("aws:elasticbeanstalk:command", "DeploymentPolicy"), "Immutable")])
            }),
        FixRecipe(
            control: "EB-DATA-004",
            prerequisites: ["The application (or its proxy) serves TLS on port 443 on the instances, with a certificate the load balancer accepts."],
            risks: ["If the instances do not answer TLS on 443, every health check fails and the environment goes Severe; roll back at once."],
            target: { context in
                .values([
                    (context.key("aws:elasticbeanstalk:environment:process:default", "Protocol"), "HTTPS"),
                    (context.key("aws:elasticbeanstalk:environment:process:default", "Port"), "443"),
                ])
            }),
        FixRecipe(
            control: "EB-DATA-008",
            prerequisites: ["A snapshot of the database exists and the application reads the database address from its own configuration afterwards."],
            risks: ["Decoupling changes how the database is managed: it is no longer deleted with the environment (DBDeletionPolicy Retain)."],
            target: { context in
                .values([
                    (context.key("aws:rds:dbinstance", "DBDeletionPolicy"), "Retain"),
                    (context.key("aws:rds:dbinstance", "HasCoupledDatabase"), "false"),
                ])
            }),
        FixRecipe(
            control: "EB-NET-002",
            prerequisites: [], risks: [],
            target: { _ in .notPlannable("an environment's VPC cannot change in place: create a new environment in the custom VPC and swap CNAMEs") }),
        FixRecipe(
            control: "EB-NET-009",
            prerequisites: [], risks: [],
            target: { _ in .notPlannable("a load balancer's scheme is fixed when the environment is created: create an internal environment and move traffic") }),
        FixRecipe(
            control: "EB-IAM-001",
            prerequisites: [], risks: [],
            target: { _ in .notPlannable("the service role is an organisation choice: create it by the naming scheme and set it with the command from `ebguard explain EB-IAM-001`") }),
        FixRecipe(
            control: "EB-IAM-002",
            prerequisites: [], risks: [],
            target: { _ in .notPlannable("the instance profile is an organisation choice: create it by the naming scheme and set it with the command from `ebguard explain EB-IAM-002`") }),
        FixRecipe(
            control: "EB-NET-004",
            prerequisites: [], risks: [],
            target: { _ in .notPlannable("which source may reach SSH is an organisation choice: review the security group rules (see the manual fix) or restrict SSHSourceRestriction to a bastion security group") }),
    ]
}
