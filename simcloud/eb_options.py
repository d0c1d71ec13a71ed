"""Elastic Beanstalk configuration options: catalog, defaults and validation.

The catalog follows the "General options for all environments" page of the
Elastic Beanstalk developer guide: each option's type, allowed values and EB's
own default. Defaults are materialised into an environment's option set the
way ``DescribeConfigurationSettings`` shows them, so an absent option reads as
EB's default, not as nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

BOOL = ("true", "false")
LOG_RETENTION = tuple(
    str(d) for d in (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653)
)


@dataclass(frozen=True)
class Opt:
    kind: str = "str"  # str | bool | int | enum | list
    default: str | None = None
    values: tuple[str, ...] = ()
    lo: int | None = None
    hi: int | None = None
    ignored_if_invalid: bool = False  # EB ignores a bad value (warning, not error)


def _b(default: str | None = None) -> Opt:
    return Opt("bool", default, BOOL)


def _i(lo: int, hi: int, default: str | None = None) -> Opt:
    return Opt("int", default, (), lo, hi)


def _e(values: tuple[str, ...], default: str | None = None) -> Opt:
    return Opt("enum", default, values)


_S = Opt()

LISTENER = {
    "DefaultProcess": Opt("str", "default"),
    "ListenerEnabled": _b("true"),
    "Protocol": _e(("HTTP", "HTTPS", "TCP"), "HTTP"),
    "Rules": _S,
    "SSLCertificateArns": _S,
    "SSLPolicy": _S,
}
PROCESS = {
    "DeregistrationDelay": _i(0, 3600, "20"),
    "HealthCheckInterval": _i(5, 300, "15"),
    "HealthCheckPath": Opt("str", "/"),
    "HealthCheckTimeout": _i(1, 60, "5"),
    "HealthyThresholdCount": _i(2, 10, "3"),
    "MatcherHTTPCode": Opt("str", "200"),
    "Port": _i(1, 65535, "80"),
    "Protocol": _e(("TCP", "HTTP", "HTTPS"), "HTTP"),
    "StickinessEnabled": _b("false"),
    "StickinessLBCookieDuration": _i(1, 604800, "86400"),
    "StickinessType": _e(("lb_cookie",), "lb_cookie"),
    "UnhealthyThresholdCount": _i(2, 10, "5"),
}
LISTENER_RULE = {
    "HostHeaders": _S,
    "PathPatterns": _S,
    "Priority": _i(1, 1000, "1"),
    "Process": Opt("str", "default"),
}

CATALOG: dict[str, dict[str, Opt]] = {
    "aws:autoscaling:asg": {
        "Availability Zones": _e(("Any", "Any 1", "Any 2", "Any 3"), "Any"),
        "Cooldown": _i(0, 10000, "360"),
        "Custom Availability Zones": _S,
        "EnableCapacityRebalancing": _b("false"),
        "MinSize": _i(1, 10000, "1"),
        "MaxSize": _i(1, 10000, "4"),
    },
    "aws:autoscaling:launchconfiguration": {
        "DisableIMDSv1": _b("false"),
        "EC2KeyName": _S,
        "IamInstanceProfile": _S,
        "ImageId": _S,
        "InstanceType": Opt("str", "t3.micro"),
        "MonitoringInterval": _e(("1 minute", "5 minute"), "5 minute"),
        "SecurityGroups": Opt("list"),
        "SSHSourceRestriction": _S,
        "BlockDeviceMappings": _S,
        "RootVolumeType": _e(("standard", "gp2", "gp3", "io1")),
        "RootVolumeSize": _i(8, 16384),
        "RootVolumeIOPS": _i(100, 20000),
        "RootVolumeThroughput": _i(125, 1000),
    },
    "aws:autoscaling:trigger": {
        "BreachDuration": _i(1, 600, "5"),
        "LowerBreachScaleIncrement": Opt("str", "-1"),
        "LowerThreshold": _i(0, 20000000, "2000000"),
        "MeasureName": _e(
            (
                "CPUUtilization", "NetworkIn", "NetworkOut", "DiskWriteOps", "DiskReadBytes",
                "DiskReadOps", "DiskWriteBytes", "Latency", "RequestCount",
                "HealthyHostCount", "UnhealthyHostCount", "TargetResponseTime",
            ),
            "NetworkOut",
        ),
        "Period": _i(1, 600, "5"),
        "EvaluationPeriods": _i(1, 600, "1"),
        "Statistic": _e(("Minimum", "Maximum", "Sum", "Average"), "Average"),
        "Unit": Opt("str", "Bytes"),
        "UpperBreachScaleIncrement": Opt("str", "1"),
        "UpperThreshold": _i(0, 20000000, "6000000"),
    },
    "aws:autoscaling:updatepolicy:rollingupdate": {
        "MaxBatchSize": _i(1, 10000),
        "MinInstancesInService": _i(0, 9999),
        "RollingUpdateEnabled": _b("false"),
        "RollingUpdateType": _e(("Time", "Health", "Immutable"), "Time"),
        "PauseTime": _S,
        "Timeout": Opt("str", "PT30M"),
    },
    "aws:ec2:instances": {
        "EnableSpot": _b("false"),
        "InstanceTypes": Opt("list", "t3.micro,t3.small"),
        "SpotFleetOnDemandBase": _i(0, 10000),
        "SpotFleetOnDemandAboveBasePercentage": _i(0, 100),
        "SpotMaxPrice": _S,
        "SupportedArchitectures": Opt("list", "x86_64"),
    },
    "aws:ec2:vpc": {
        "VPCId": _S,
        "Subnets": Opt("list"),
        "ELBSubnets": Opt("list"),
        "ELBScheme": Opt("enum", "public", ("public", "internal"), ignored_if_invalid=True),
        "DBSubnets": Opt("list"),
        "AssociatePublicIpAddress": _b(),
    },
    "aws:elasticbeanstalk:application": {"Application Healthcheck URL": _S},
    "aws:elasticbeanstalk:cloudwatch:logs": {
        "StreamLogs": _b("false"),
        "DeleteOnTerminate": _b("false"),
        "RetentionInDays": _e(LOG_RETENTION, "7"),
    },
    "aws:elasticbeanstalk:cloudwatch:logs:health": {
        "HealthStreamingEnabled": _b("false"),
        "DeleteOnTerminate": _b("false"),
        "RetentionInDays": _e(LOG_RETENTION, "7"),
    },
    "aws:elasticbeanstalk:command": {
        "DeploymentPolicy": _e(
            ("AllAtOnce", "Rolling", "RollingWithAdditionalBatch", "Immutable", "TrafficSplitting"),
            "AllAtOnce",
        ),
        "Timeout": _i(1, 3600, "600"),
        "BatchSizeType": _e(("Percentage", "Fixed"), "Percentage"),
        "BatchSize": _i(1, 10000, "100"),
        "IgnoreHealthCheck": _b("false"),
    },
    "aws:elasticbeanstalk:environment": {
        "EnvironmentType": _e(("SingleInstance", "LoadBalanced"), "LoadBalanced"),
        "ServiceRole": _S,
        "LoadBalancerType": _e(("classic", "application", "network"), "application"),
        "LoadBalancerIsShared": _b("false"),
    },
    "aws:elasticbeanstalk:healthreporting:system": {
        "SystemType": _e(("basic", "enhanced"), "basic"),
        "ConfigDocument": _S,
        "EnhancedHealthAuthEnabled": _b("true"),
        "HealthCheckSuccessThreshold": _e(("Ok", "Warning", "Degraded", "Severe"), "Ok"),
    },
    "aws:elasticbeanstalk:hostmanager": {"LogPublicationControl": _b("false")},
    "aws:elasticbeanstalk:managedactions": {
        "ManagedActionsEnabled": _b("false"),
        "PreferredStartTime": _S,
        "ServiceRoleForManagedUpdates": _S,
    },
    "aws:elasticbeanstalk:managedactions:platformupdate": {
        "UpdateLevel": _e(("patch", "minor")),
        "InstanceRefreshEnabled": _b("false"),
    },
    "aws:elasticbeanstalk:monitoring": {
        "Automatically Terminate Unhealthy Instances": _b("true"),
    },
    "aws:elasticbeanstalk:sns:topics": {
        "Notification Endpoint": _S,
        "Notification Protocol": _e(("http", "https", "email", "email-json", "sqs"), "email"),
        "Notification Topic ARN": _S,
        "Notification Topic Name": _S,
    },
    "aws:elasticbeanstalk:sqsd": {
        "WorkerQueueURL": _S,
        "HttpPath": Opt("str", "/"),
        "MimeType": Opt("str", "application/json"),
        "HttpConnections": _i(1, 100, "50"),
        "ConnectTimeout": _i(1, 60, "5"),
        "InactivityTimeout": _i(1, 36000, "299"),
        "VisibilityTimeout": _i(0, 43200, "300"),
        "ErrorVisibilityTimeout": _i(0, 43200, "2"),
        "RetentionPeriod": _i(60, 1209600, "345600"),
        "MaxRetries": _i(1, 100, "10"),
    },
    "aws:elasticbeanstalk:trafficsplitting": {
        "NewVersionPercent": _i(0, 100),
        "EvaluationTime": _i(3, 600),
    },
    "aws:elasticbeanstalk:xray": {"XRayEnabled": _b("false")},
    "aws:elbv2:loadbalancer": {
        "AccessLogsS3Bucket": _S,
        "AccessLogsS3Enabled": _b("false"),
        "AccessLogsS3Prefix": _S,
        "IdleTimeout": _i(1, 3600),
        "ManagedSecurityGroup": _S,
        "SecurityGroups": Opt("list"),
        "SharedLoadBalancer": _S,
    },
    "aws:elb:loadbalancer": {
        "CrossZone": _b("false"),
        "SecurityGroups": Opt("list"),
        "ManagedSecurityGroup": _S,
    },
    "aws:elb:listener": {
        "ListenerProtocol": _e(("HTTP", "TCP"), "HTTP"),
        "InstancePort": _i(1, 65535, "80"),
        "InstanceProtocol": _e(("HTTP", "TCP", "HTTPS", "SSL"), "HTTP"),
        "PolicyNames": _S,
        "ListenerEnabled": _b("true"),
    },
    "aws:elb:policies": {
        "ConnectionDrainingEnabled": _b("false"),
        "ConnectionDrainingTimeout": _i(1, 3600, "20"),
        "ConnectionSettingIdleTimeout": _i(1, 3600, "60"),
        "LoadBalancerPorts": _S,
        "Stickiness Cookie Expiration": _i(0, 1000000, "0"),
        "Stickiness Policy": _b("false"),
    },
    "aws:rds:dbinstance": {
        "DBAllocatedStorage": _i(5, 16384),
        "DBDeletionPolicy": _e(("Delete", "Retain", "Snapshot"), "Delete"),
        "DBEngine": _e(
            ("mysql", "oracle-se1", "sqlserver-ex", "sqlserver-web", "sqlserver-se", "postgres"),
            "mysql",
        ),
        "DBEngineVersion": _S,
        "DBInstanceClass": Opt("str", "db.t2.micro"),
        "DBPassword": _S,
        "DBSnapshotIdentifier": _S,
        "DBUser": Opt("str", "ebroot"),
        "HasCoupledDatabase": _b("false"),
        "MultiDatabase": _b("false"),
    },
}

# Namespaces whose option names are free (properties, secrets, static files, custom).
FREE_NAMESPACES = (
    "aws:elasticbeanstalk:application:environment",
    "aws:elasticbeanstalk:application:environmentsecrets",
    "aws:elasticbeanstalk:environment:proxy:staticfiles",
    "aws:elasticbeanstalk:customoption",
    "aws:autoscaling:scheduledaction",
)
PATTERNED = [
    (re.compile(r"^aws:elbv2:listener:(default|\d{1,5})$"), LISTENER),
    (re.compile(r"^aws:elbv2:listenerrule:[A-Za-z0-9_-]{1,64}$"), LISTENER_RULE),
    (re.compile(r"^aws:elasticbeanstalk:environment:process:[A-Za-z0-9_-]{1,64}$"), PROCESS),
    (re.compile(r"^aws:elb:listener:\d{1,5}$"), CATALOG["aws:elb:listener"]),
    (re.compile(r"^aws:elb:policies:[A-Za-z0-9_-]+$"), {"PublicKey": _S, "InstancePorts": _S}),
    (re.compile(r"^aws:elasticbeanstalk:environment:proxy$"), {"ProxyServer": _e(("nginx", "apache", "none"), "nginx")}),
]

# CloudFormation logical resources EB names in DescribeConfigurationSettings.
RESOURCE_NAMES = {
    "aws:autoscaling:launchconfiguration": "AWSEBAutoScalingLaunchConfiguration",
    "aws:autoscaling:asg": "AWSEBAutoScalingGroup",
    "aws:autoscaling:trigger": "AWSEBCloudwatchAlarmLow",
    "aws:elbv2:loadbalancer": "AWSEBV2LoadBalancer",
    "aws:elbv2:listener:default": "AWSEBV2LoadBalancerListener",
    "aws:elasticbeanstalk:environment:process:default": "AWSEBV2LoadBalancerTargetGroup",
}

# Namespaces materialised with defaults in every environment.
BASE_NAMESPACES = (
    "aws:autoscaling:asg",
    "aws:autoscaling:launchconfiguration",
    "aws:autoscaling:trigger",
    "aws:ec2:instances",
    "aws:ec2:vpc",
    "aws:elasticbeanstalk:cloudwatch:logs",
    "aws:elasticbeanstalk:cloudwatch:logs:health",
    "aws:elasticbeanstalk:command",
    "aws:elasticbeanstalk:environment",
    "aws:elasticbeanstalk:healthreporting:system",
    "aws:elasticbeanstalk:hostmanager",
    "aws:elasticbeanstalk:managedactions",
    "aws:elasticbeanstalk:managedactions:platformupdate",
    "aws:elasticbeanstalk:sns:topics",
    "aws:elasticbeanstalk:xray",
    "aws:rds:dbinstance",
)
LB_NAMESPACES = ("aws:elbv2:loadbalancer", "aws:elasticbeanstalk:environment:process:default")
# rds options that only show once a database is coupled.
RDS_ALWAYS = ("HasCoupledDatabase", "DBDeletionPolicy")

Key = tuple[str, str, str | None]  # namespace, option name, resource name


def spec_for(namespace: str) -> dict[str, Opt] | None:
    if namespace in CATALOG:
        return CATALOG[namespace]
    for pattern, spec in PATTERNED:
        if pattern.match(namespace):
            return spec
    return None


def validate(settings: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Validation messages, as ``ValidateConfigurationSettings`` returns them."""
    messages = []
    for s in settings:
        ns, name, value = s.get("Namespace", ""), s.get("OptionName", ""), s.get("Value")
        if ns in FREE_NAMESPACES:
            if ns.endswith(":environment") and value is not None and len(str(value)) > 4096:
                messages.append(_msg("error", ns, name, f"Invalid option value (Namespace: '{ns}', OptionName: '{name}'): Value is too long."))
            continue
        spec = spec_for(ns)
        if spec is None:
            messages.append(
                _msg("error", ns, name, f"Invalid option specification (Namespace: '{ns}', OptionName: '{name}'): Unknown namespace.")
            )
            continue
        opt = spec.get(name)
        if opt is None:
            messages.append(
                _msg("error", ns, name, f"Invalid option specification (Namespace: '{ns}', OptionName: '{name}'): Unknown configuration setting.")
            )
            continue
        if ns == "aws:autoscaling:launchconfiguration" and name == "InstanceType":
            messages.append(
                _msg("warning", ns, name, "The InstanceType option is obsolete; use InstanceTypes in aws:ec2:instances.")
            )
        if value is None or value == "":
            continue
        problem = check_value(opt, str(value))
        if problem:
            severity = "warning" if opt.ignored_if_invalid else "error"
            messages.append(
                _msg(severity, ns, name, f"Invalid option value: '{value}' (Namespace: '{ns}', OptionName: '{name}'): {problem}")
            )
    return messages


def check_value(opt: Opt, value: str) -> str | None:
    if opt.kind in ("bool", "enum"):
        if value not in opt.values:
            return f"Value is not one of the allowed values: [{', '.join(opt.values)}]"
    elif opt.kind == "int":
        try:
            n = int(value)
        except ValueError:
            return "Value is not an integer"
        if (opt.lo is not None and n < opt.lo) or (opt.hi is not None and n > opt.hi):
            return f"Value is less than minimum allowed value: {opt.lo}" if opt.lo is not None and n < opt.lo else f"Value is greater than maximum allowed value: {opt.hi}"
    return None


def _msg(severity: str, ns: str, name: str, text: str) -> dict[str, str]:
    return {"Severity": severity, "Namespace": ns, "OptionName": name, "Message": text}


def defaults(load_balanced: bool, extra_namespaces: list[str]) -> dict[Key, str]:
    """EB's defaults for the namespaces an environment shows."""
    out: dict[Key, str] = {}
    namespaces = list(BASE_NAMESPACES)
    if load_balanced:
        namespaces += LB_NAMESPACES
        namespaces.append("aws:elbv2:listener:default")
    namespaces += [n for n in extra_namespaces if n not in namespaces]
    for ns in namespaces:
        spec = spec_for(ns)
        if not spec:
            continue
        for name, opt in spec.items():
            if opt.default is None:
                continue
            if ns == "aws:rds:dbinstance" and name not in RDS_ALWAYS:
                continue
            out[(ns, name, RESOURCE_NAMES.get(ns))] = opt.default
    return out


def key_of(s: dict[str, Any]) -> Key:
    ns = s["Namespace"]
    return (ns, s["OptionName"], s.get("ResourceName") or RESOURCE_NAMES.get(ns))
