/// Elastic Beanstalk's documented defaults for the options the controls read
/// (`command-options-general.md`). An absent option is evaluated as its default, never as a pass.
public enum EBDefaults {
    /// `nil` in the table means the option has no default ("None").
    static let table: [String: String?] = [
        "aws:autoscaling:launchconfiguration/DisableIMDSv1": "false",
        "aws:autoscaling:launchconfiguration/EC2KeyName": nil,
        "aws:autoscaling:launchconfiguration/SSHSourceRestriction": nil,
        "aws:autoscaling:launchconfiguration/IamInstanceProfile": nil,
        "aws:autoscaling:launchconfiguration/SecurityGroups": nil,
        "aws:elasticbeanstalk:environment/EnvironmentType": "LoadBalanced",
        "aws:elasticbeanstalk:environment/LoadBalancerType": "classic",
        "aws:elasticbeanstalk:environment/ServiceRole": nil,
        "aws:ec2:vpc/ELBScheme": "public",
        "aws:ec2:vpc/AssociatePublicIpAddress": nil,
        "aws:ec2:vpc/VPCId": nil,
        "aws:ec2:vpc/Subnets": nil,
        "aws:ec2:vpc/ELBSubnets": nil,
        "aws:elasticbeanstalk:cloudwatch:logs/StreamLogs": "false",
        "aws:elasticbeanstalk:cloudwatch:logs/RetentionInDays": "7",
        "aws:elasticbeanstalk:cloudwatch:logs/DeleteOnTerminate": "false",
        "aws:elasticbeanstalk:cloudwatch:logs:health/HealthStreamingEnabled": "false",
        "aws:elasticbeanstalk:healthreporting:system/SystemType": "basic",
        "aws:elasticbeanstalk:managedactions/ManagedActionsEnabled": "false",
        "aws:elasticbeanstalk:managedactions/PreferredStartTime": nil,
        "aws:elasticbeanstalk:managedactions:platformupdate/UpdateLevel": nil,
        "aws:elasticbeanstalk:command/DeploymentPolicy": "AllAtOnce",
        "aws:elbv2:listener:default/ListenerEnabled": "true",
        "aws:elbv2:listener:443/Protocol": "HTTP",
        "aws:elbv2:listener:443/SSLPolicy": nil,
        "aws:elbv2:listener:443/SSLCertificateArns": nil,
        "aws:elbv2:loadbalancer/AccessLogsS3Enabled": "false",
        "aws:elbv2:loadbalancer/SecurityGroups": nil,
        "aws:elb:listener:443/ListenerProtocol": "HTTP",
        "aws:elb:listener:443/SSLCertificateId": nil,
        "aws:elb:listener/ListenerEnabled": "true",
        "aws:elb:policies/SSLReferencePolicy": nil,
        "aws:rds:dbinstance/HasCoupledDatabase": "false",
        "aws:rds:dbinstance/DBDeletionPolicy": "Delete",
        "aws:elasticbeanstalk:environment:process:default/Protocol": "HTTP",
        "aws:elasticbeanstalk:sns:topics/Notification Endpoint": nil,
        "aws:elasticbeanstalk:sns:topics/Notification Topic ARN": nil,
    ]

    /// The table by option name, each name with its namespaces: looked up without joining the two
    /// into a key, as every control does for every option it reads, and with one short name hashed
    /// (a name has a default in one namespace or two, compared in place).
    private static let byOption: [String: [(namespace: String, value: String?)]] = {
        var options: [String: [(namespace: String, value: String?)]] = [:]
        for (key, value) in table {
            guard let slash = key.lastIndex(of: "/") else { continue }
            options[String(key[key.index(after: slash)...]), default: []].append((String(key[..<slash]), value))
        }
        return options
    }()

    /// The default for `namespace/option`; `nil` when it has none or is not in the table.
    public static func value(_ namespace: String, _ option: String) -> String? {
        guard let entries = byOption[option] else { return nil }
        for entry in entries where entry.namespace == namespace { return entry.value }
        return nil
    }

    /// `aws:elbv2:listener:443/ListenerEnabled` defaults to true only when another option of the listener is set.
    static func listenerEnabledDefault(otherOptionsSet: Bool) -> String { otherOptionsSet ? "true" : "false" }
}
