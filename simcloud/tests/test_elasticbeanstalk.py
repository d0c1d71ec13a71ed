"""Elastic Beanstalk: wire shapes (parsed by botocore and the AWS CLI) and real resources."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError

STACK = "64bit Amazon Linux 2023 v4.6.0 running Python 3.11"
LC = "aws:autoscaling:launchconfiguration"


def opt(ns: str, name: str, value: str) -> dict[str, str]:
    return {"Namespace": ns, "OptionName": name, "Value": value}


def settings(eb: Any, app: str, env: str) -> dict[tuple[str, str], dict[str, str]]:
    cs = eb.describe_configuration_settings(ApplicationName=app, EnvironmentName=env)["ConfigurationSettings"][0]
    return {(o["Namespace"], o["OptionName"]): o for o in cs["OptionSettings"]}


def wait_status(eb: Any, env: str, status: str = "Ready", timeout: float = 10) -> dict[str, Any]:
    deadline = time.time() + timeout
    while True:
        e = eb.describe_environments(EnvironmentNames=[env], IncludeDeleted=True)["Environments"][0]
        if e["Status"] == status or time.time() > deadline:
            return e
        time.sleep(0.1)


@pytest.fixture
def web_env(cloud, unique):
    """A load-balanced environment with SSH, HTTPS and defaults elsewhere."""
    eb = cloud.client("elasticbeanstalk")
    app = unique("app")
    env = unique("web")
    eb.create_application(ApplicationName=app)
    cert = cloud.client("acm").request_certificate(DomainName=f"{env}.example.com")["CertificateArn"]
    created = eb.create_environment(
        ApplicationName=app, EnvironmentName=env, SolutionStackName=STACK,
        Tags=[{"Key": "team", "Value": "web"}],
        OptionSettings=[
            opt(LC, "EC2KeyName", "ops-key"),
            opt("aws:elbv2:listener:443", "Protocol", "HTTPS"),
            opt("aws:elbv2:listener:443", "SSLCertificateArns", cert),
            opt("aws:elbv2:listener:443", "SSLPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
            opt("aws:elasticbeanstalk:application:environment", "DB_PASSWORD", "plain"),
        ],
    )
    return {"eb": eb, "app": app, "env": env, "cert": cert, "created": created}


def test_create_environment_answers_launching_then_ready(web_env):
    eb, env, created = web_env["eb"], web_env["env"], web_env["created"]
    assert created["Status"] == "Launching"
    assert created["EnvironmentId"].startswith("e-")
    described = wait_status(eb, env)
    assert described["Status"] == "Ready"
    assert (described["Health"], described["HealthStatus"]) == ("Green", "Ok")
    assert described["SolutionStackName"] == STACK
    assert described["PlatformArn"].endswith("::platform/Python 3.11 running on 64bit Amazon Linux 2023/4.6.0")
    assert described["EnvironmentArn"] == (
        f"arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/{web_env['app']}/{env}"
    )
    assert described["CNAME"].endswith(".us-east-1.elasticbeanstalk.com")
    assert described["EndpointURL"].endswith(".elb.amazonaws.com")
    assert described["Tier"] == {"Name": "WebServer", "Type": "Standard", "Version": "1.0"}
    by_id = eb.describe_environments(EnvironmentIds=[created["EnvironmentId"]])["Environments"]
    assert [e["EnvironmentName"] for e in by_id] == [env]
    by_app = eb.describe_environments(ApplicationName=web_env["app"])["Environments"]
    assert [e["EnvironmentName"] for e in by_app] == [env]


def test_configuration_settings_hold_defaults_and_given_values(web_env):
    s = settings(web_env["eb"], web_env["app"], web_env["env"])
    assert s[(LC, "DisableIMDSv1")]["Value"] == "false"
    assert s[(LC, "DisableIMDSv1")]["ResourceName"] == "AWSEBAutoScalingLaunchConfiguration"
    assert s[(LC, "EC2KeyName")]["Value"] == "ops-key"
    assert s[(LC, "SSHSourceRestriction")]["Value"] == "tcp,22,22,0.0.0.0/0"
    assert s[("aws:ec2:vpc", "ELBScheme")]["Value"] == "public"
    assert s[("aws:elasticbeanstalk:environment", "EnvironmentType")]["Value"] == "LoadBalanced"
    assert s[("aws:elasticbeanstalk:environment", "LoadBalancerType")]["Value"] == "application"
    assert s[("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs")]["Value"] == "false"
    assert s[("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays")]["Value"] == "7"
    assert s[("aws:elasticbeanstalk:cloudwatch:logs", "DeleteOnTerminate")]["Value"] == "false"
    assert s[("aws:elasticbeanstalk:healthreporting:system", "SystemType")]["Value"] == "basic"
    assert s[("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled")]["Value"] == "false"
    assert s[("aws:elasticbeanstalk:command", "DeploymentPolicy")]["Value"] == "AllAtOnce"
    assert s[("aws:elbv2:listener:default", "ListenerEnabled")]["Value"] == "true"
    assert s[("aws:elbv2:listener:443", "SSLPolicy")]["Value"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert s[("aws:elbv2:loadbalancer", "AccessLogsS3Enabled")]["Value"] == "false"
    assert s[("aws:elasticbeanstalk:application:environment", "DB_PASSWORD")]["Value"] == "plain"
    assert s[("aws:rds:dbinstance", "HasCoupledDatabase")]["Value"] == "false"
    assert ("aws:elasticbeanstalk:environment", "ServiceRole") not in s  # no default


def test_environment_resources_are_real_moto_resources(cloud, web_env):
    eb, env = web_env["eb"], web_env["env"]
    res = eb.describe_environment_resources(EnvironmentName=env)["EnvironmentResources"]
    assert res["EnvironmentName"] == env
    asg_name = res["AutoScalingGroups"][0]["Name"]
    asg = cloud.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[asg_name])["AutoScalingGroups"][0]
    assert asg["MinSize"] == 1
    assert {i["InstanceId"] for i in asg["Instances"]} == {i["Id"] for i in res["Instances"]}
    assert asg["LaunchTemplate"]["LaunchTemplateId"] == res["LaunchTemplates"][0]["Id"]
    tags = {t["Key"]: t["Value"] for t in asg["Tags"]}
    assert tags["elasticbeanstalk:environment-name"] == env and tags["team"] == "web"

    ec2 = cloud.client("ec2")
    lt = ec2.describe_launch_template_versions(LaunchTemplateId=res["LaunchTemplates"][0]["Id"], Versions=["$Latest"])
    data = lt["LaunchTemplateVersions"][0]["LaunchTemplateData"]
    assert data["MetadataOptions"]["HttpTokens"] == "optional"
    instances = ec2.describe_instances(InstanceIds=[i["Id"] for i in res["Instances"]])["Reservations"][0]["Instances"]
    assert {i["MetadataOptions"]["HttpTokens"] for i in instances} == {"optional"}

    inst_sg = data["SecurityGroupIds"][0]
    groups = ec2.describe_security_groups(GroupIds=[inst_sg])["SecurityGroups"]
    perms = {p["FromPort"]: p for p in groups[0]["IpPermissions"]}
    assert perms[22]["IpRanges"][0]["CidrIp"] == "0.0.0.0/0"
    lb_sg = perms[80]["UserIdGroupPairs"][0]["GroupId"]
    tags = {t["Key"]: t["Value"] for t in groups[0]["Tags"]}
    assert tags["elasticbeanstalk:environment-id"] == web_env["created"]["EnvironmentId"]
    lb_perms = ec2.describe_security_groups(GroupIds=[lb_sg])["SecurityGroups"][0]["IpPermissions"]
    assert sorted(p["FromPort"] for p in lb_perms) == [80, 443]

    elb = cloud.client("elbv2")
    lb_arn = res["LoadBalancers"][0]["Name"]
    lb = elb.describe_load_balancers(LoadBalancerArns=[lb_arn])["LoadBalancers"][0]
    assert lb["Scheme"] == "internet-facing" and lb["Type"] == "application"
    assert lb["SecurityGroups"][0] == lb_sg
    listeners = {l["Port"]: l for l in elb.describe_listeners(LoadBalancerArn=lb_arn)["Listeners"]}
    assert listeners[80]["Protocol"] == "HTTP" and "SslPolicy" not in listeners[80]
    assert listeners[80]["DefaultActions"][0]["Type"] == "forward"
    assert listeners[443]["Protocol"] == "HTTPS"
    assert listeners[443]["Certificates"][0]["CertificateArn"] == web_env["cert"]
    assert listeners[443]["SslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    tg = listeners[443]["DefaultActions"][0]["TargetGroupArn"]
    assert elb.describe_target_groups(TargetGroupArns=[tg])["TargetGroups"][0]["Port"] == 80


def test_describe_events_order_paging_and_time_filter(web_env):
    eb, env = web_env["eb"], web_env["env"]
    wait_status(eb, env)
    events = eb.describe_events(EnvironmentName=env)["Events"]
    messages = [e["Message"] for e in events]
    assert messages[-1] == "createEnvironment is starting."
    assert messages[0] == f"Successfully launched environment: {env}"
    assert any(m.startswith("Created security group named: sg-") for m in messages)
    assert any(m.startswith("Environment health has transitioned") for m in messages)
    dates = [e["EventDate"] for e in events]
    assert dates == sorted(dates, reverse=True)
    page1 = eb.describe_events(EnvironmentName=env, MaxRecords=2)
    assert len(page1["Events"]) == 2 and page1["NextToken"]
    page2 = eb.describe_events(EnvironmentName=env, MaxRecords=2, NextToken=page1["NextToken"])
    assert page2["Events"][0]["Message"] == messages[2]
    future = datetime.now(timezone.utc) + timedelta(hours=1)
    assert eb.describe_events(EnvironmentName=env, StartTime=future)["Events"] == []
    assert all(e["EnvironmentName"] == env and e["Severity"] == "INFO" for e in events)


def test_update_environment_turns_on_imdsv2_everywhere(cloud, web_env):
    eb, env = web_env["eb"], web_env["env"]
    wait_status(eb, env)
    res = eb.describe_environment_resources(EnvironmentName=env)["EnvironmentResources"]
    answer = eb.update_environment(EnvironmentName=env, OptionSettings=[opt(LC, "DisableIMDSv1", "true")])
    assert answer["Status"] == "Updating"
    assert eb.describe_environments(EnvironmentNames=[env])["Environments"][0]["Status"] == "Updating"
    with pytest.raises(ClientError) as busy:
        eb.update_environment(EnvironmentName=env, OptionSettings=[opt(LC, "DisableIMDSv1", "false")])
    assert busy.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert wait_status(eb, env)["Status"] == "Ready"
    assert settings(eb, web_env["app"], env)[(LC, "DisableIMDSv1")]["Value"] == "true"
    ec2 = cloud.client("ec2")
    lt_id = res["LaunchTemplates"][0]["Id"]
    versions = ec2.describe_launch_template_versions(LaunchTemplateId=lt_id)["LaunchTemplateVersions"]
    latest = max(versions, key=lambda v: v["VersionNumber"])
    assert latest["VersionNumber"] == 2 and latest["DefaultVersion"]
    assert latest["LaunchTemplateData"]["MetadataOptions"]["HttpTokens"] == "required"
    instances = ec2.describe_instances(InstanceIds=[i["Id"] for i in res["Instances"]])["Reservations"][0]["Instances"]
    assert {i["MetadataOptions"]["HttpTokens"] for i in instances} == {"required"}
    messages = [e["Message"] for e in eb.describe_events(EnvironmentName=env, MaxRecords=5)["Events"]]
    assert messages[0] == "Environment update completed successfully."

    eb.update_environment(EnvironmentName=env, OptionsToRemove=[{"Namespace": LC, "OptionName": "DisableIMDSv1"}])
    wait_status(eb, env)
    assert settings(eb, web_env["app"], env)[(LC, "DisableIMDSv1")]["Value"] == "false"


def test_update_environment_rejects_invalid_values(web_env):
    eb, env = web_env["eb"], web_env["env"]
    wait_status(eb, env)
    for bad in (opt(LC, "DisableIMDSv1", "maybe"),
                opt("aws:elasticbeanstalk:healthreporting:system", "SystemType", "fancy"),
                opt("aws:no:such", "Thing", "1")):
        with pytest.raises(ClientError) as err:
            eb.update_environment(EnvironmentName=env, OptionSettings=[bad])
        assert err.value.response["Error"]["Code"] == "ConfigurationValidationException"
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert eb.describe_environments(EnvironmentNames=[env])["Environments"][0]["Status"] == "Ready"


def test_validate_configuration_settings(web_env):
    eb = web_env["eb"]
    msgs = eb.validate_configuration_settings(
        ApplicationName=web_env["app"], EnvironmentName=web_env["env"],
        OptionSettings=[
            opt(LC, "DisableIMDSv1", "yes"),
            opt("aws:autoscaling:asg", "MinSize", "zero"),
            opt("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays", "8"),
            opt("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
            opt("aws:elasticbeanstalk:command", "DeploymentPolicy", "YOLO"),
            opt("aws:ec2:vpc", "ELBScheme", "private"),
            opt(LC, "NoSuchOption", "1"),
            opt("aws:bogus:namespace", "X", "1"),
            opt("aws:elasticbeanstalk:application:environment", "ANY_NAME", "ok"),
        ],
    )["Messages"]
    by = {(m["Namespace"], m["OptionName"]): m for m in msgs}
    assert by[(LC, "DisableIMDSv1")]["Severity"] == "error"
    assert by[("aws:autoscaling:asg", "MinSize")]["Severity"] == "error"
    assert by[("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays")]["Severity"] == "error"
    assert by[("aws:elasticbeanstalk:command", "DeploymentPolicy")]["Severity"] == "error"
    assert by[("aws:ec2:vpc", "ELBScheme")]["Severity"] == "warning"  # EB ignores other values
    assert "Unknown configuration setting" in by[(LC, "NoSuchOption")]["Message"]
    assert by[("aws:bogus:namespace", "X")]["Severity"] == "error"
    assert ("aws:elasticbeanstalk:healthreporting:system", "SystemType") not in by
    assert ("aws:elasticbeanstalk:application:environment", "ANY_NAME") not in by
    ok = eb.validate_configuration_settings(ApplicationName=web_env["app"], EnvironmentName=web_env["env"],
                                            OptionSettings=[opt(LC, "DisableIMDSv1", "true")])
    assert ok["Messages"] == []


def test_platforms(cloud):
    eb = cloud.client("elasticbeanstalk")
    arn = "arn:aws:elasticbeanstalk:us-east-1::platform/Python 3.11 running on 64bit Amazon Linux 2023/{}"
    latest = eb.describe_platform_version(PlatformArn=arn.format("4.6.0"))["PlatformDescription"]
    assert latest["PlatformLifecycleState"] == "Recommended"
    assert latest["PlatformBranchLifecycleState"] == "Supported"
    assert latest["PlatformBranchName"] == "Python 3.11 running on 64bit Amazon Linux 2023"
    assert latest["PlatformStatus"] == "Ready"
    older = eb.describe_platform_version(PlatformArn=arn.format("4.5.2"))["PlatformDescription"]
    assert "PlatformLifecycleState" not in older and older["PlatformBranchLifecycleState"] == "Supported"
    branches = {b["BranchName"]: b["LifecycleState"] for b in eb.list_platform_branches()["PlatformBranchSummaryList"]}
    assert {"Supported", "Deprecated", "Retired", "Beta"} <= set(branches.values())
    retired = eb.list_platform_branches(Filters=[{"Attribute": "LifecycleState", "Operator": "=", "Values": ["Retired"]}])
    assert [b["BranchName"] for b in retired["PlatformBranchSummaryList"]] == ["Node.js 12 running on 64bit Amazon Linux 2"]
    versions = eb.list_platform_versions(Filters=[{"Type": "PlatformBranchName", "Operator": "=",
                                                   "Values": ["Python 3.11 running on 64bit Amazon Linux 2023"]}])
    assert sorted(v["PlatformVersion"] for v in versions["PlatformSummaryList"]) == ["4.1.0", "4.5.2", "4.6.0"]
    with pytest.raises(ClientError) as err:
        eb.describe_platform_version(PlatformArn=arn.format("9.9.9"))
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"


def test_operations_role_and_terminate(cloud, web_env):
    eb, env = web_env["eb"], web_env["env"]
    wait_status(eb, env)
    iam = cloud.client("iam")
    role = iam.create_role(RoleName=f"{env}-ops", AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[]}')["Role"]["Arn"]
    eb.associate_environment_operations_role(EnvironmentName=env, OperationsRole=role)
    assert eb.describe_environments(EnvironmentNames=[env])["Environments"][0]["OperationsRole"] == role
    eb.disassociate_environment_operations_role(EnvironmentName=env)
    assert "OperationsRole" not in eb.describe_environments(EnvironmentNames=[env])["Environments"][0]
    asg_name = eb.describe_environment_resources(EnvironmentName=env)["EnvironmentResources"]["AutoScalingGroups"][0]["Name"]

    answer = eb.terminate_environment(EnvironmentName=env)
    assert answer["Status"] == "Terminating"
    assert wait_status(eb, env, "Terminated")["Status"] == "Terminated"
    assert eb.describe_environments(EnvironmentNames=[env], IncludeDeleted=False)["Environments"] == []
    assert cloud.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[asg_name])["AutoScalingGroups"] == []
    with pytest.raises(ClientError) as err:
        eb.describe_configuration_settings(ApplicationName=web_env["app"], EnvironmentName=env)
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"


def test_single_instance_worker_and_templates(cloud, unique):
    eb = cloud.client("elasticbeanstalk", "eu-west-1")
    app = unique("app")
    eb.create_application(ApplicationName=app)
    single = unique("single")
    eb.create_environment(ApplicationName=app, EnvironmentName=single, SolutionStackName=STACK,
                          OptionSettings=[opt("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance")])
    res = eb.describe_environment_resources(EnvironmentName=single)["EnvironmentResources"]
    assert res["LoadBalancers"] == [] and len(res["Instances"]) == 1
    assert ("aws:elbv2:listener:default", "ListenerEnabled") not in settings(eb, app, single)

    worker = unique("worker")
    eb.create_environment(ApplicationName=app, EnvironmentName=worker, SolutionStackName=STACK,
                          Tier={"Name": "Worker", "Type": "SQS/HTTP"})
    res = eb.describe_environment_resources(EnvironmentName=worker)["EnvironmentResources"]
    assert res["Queues"][0]["URL"].startswith("http")
    described = eb.describe_environments(EnvironmentNames=[worker])["Environments"][0]
    assert described["Tier"]["Name"] == "Worker" and "CNAME" not in described

    eb.create_configuration_template(ApplicationName=app, TemplateName="hardened", SolutionStackName=STACK,
                                     OptionSettings=[opt(LC, "DisableIMDSv1", "true")])
    from_template = unique("tmpl")
    eb.create_environment(ApplicationName=app, EnvironmentName=from_template, TemplateName="hardened")
    assert settings(eb, app, from_template)[(LC, "DisableIMDSv1")]["Value"] == "true"
    tmpl = eb.describe_configuration_settings(ApplicationName=app, TemplateName="hardened")["ConfigurationSettings"][0]
    assert tmpl["TemplateName"] == "hardened"
    assert any(o["OptionName"] == "DisableIMDSv1" and o["Value"] == "true" for o in tmpl["OptionSettings"])
    assert [a["ApplicationName"] for a in eb.describe_applications(ApplicationNames=[app])["Applications"]] == [app]


def test_errors_for_unknown_things(cloud, unique):
    eb = cloud.client("elasticbeanstalk")
    with pytest.raises(ClientError) as err:
        eb.create_environment(ApplicationName="nope-app", EnvironmentName="nope-env", SolutionStackName=STACK)
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"
    app = unique("app")
    eb.create_application(ApplicationName=app)
    with pytest.raises(ClientError) as err:
        eb.create_environment(ApplicationName=app, EnvironmentName=unique("env"), SolutionStackName=STACK,
                              OptionSettings=[opt(LC, "DisableIMDSv1", "sometimes")])
    assert err.value.response["Error"]["Code"] == "ConfigurationValidationException"
    with pytest.raises(ClientError) as err:
        eb.describe_environment_resources(EnvironmentName="missing-env")
    assert "No Environment found" in err.value.response["Error"]["Message"]


def test_aws_cli_reads_the_extension(cloud, web_env):
    env, app = web_env["env"], web_env["app"]
    envs = cloud.aws_cli("elasticbeanstalk", "describe-environments", "--environment-names", env)
    assert envs["Environments"][0]["EnvironmentName"] == env
    cs = cloud.aws_cli("elasticbeanstalk", "describe-configuration-settings",
                       "--application-name", app, "--environment-name", env)
    values = {(o["Namespace"], o["OptionName"]): o["Value"] for o in cs["ConfigurationSettings"][0]["OptionSettings"]}
    assert values[(LC, "DisableIMDSv1")] == "false"
    res = cloud.aws_cli("elasticbeanstalk", "describe-environment-resources", "--environment-name", env)
    assert res["EnvironmentResources"]["LaunchTemplates"][0]["Id"].startswith("lt-")
    events = cloud.aws_cli("elasticbeanstalk", "describe-events", "--environment-name", env, "--max-records", "3")
    assert len(events["Events"]) == 3
    pv = cloud.aws_cli("elasticbeanstalk", "describe-platform-version", "--platform-arn",
                       "arn:aws:elasticbeanstalk:us-east-1::platform/Node.js 12 running on 64bit Amazon Linux 2/5.0.2")
    assert pv["PlatformDescription"]["PlatformBranchLifecycleState"] == "Retired"
    msgs = cloud.aws_cli("elasticbeanstalk", "validate-configuration-settings", "--application-name", app,
                         "--environment-name", env, "--option-settings",
                         "Namespace=aws:autoscaling:launchconfiguration,OptionName=DisableIMDSv1,Value=nope")
    assert msgs["Messages"][0]["Severity"] == "error"
