"""Seed a fleet of Elastic Beanstalk environments with known violations.

Everything is created through ordinary AWS API calls (boto3 pointed at the
endpoint), as an operator would: IAM roles and instance profiles, a VPC with
public and private subnets, security groups, RDS instances, the EB S3 bucket,
KMS keys, a CloudTrail trail, alarms, AWS Config, and then the environments.
A manifest lists each environment with the control ids it is built to fail
(``violations``) and, for hardened ones, to pass (``passes``). Controls not
listed for an environment are not asserted.

Region-level facts differ on purpose: the first region is the well-run one
(encrypted EB bucket with public access blocked, EBS encryption by default,
AWS Config recording, rotating KMS keys); the second is not (its AWS Config
recorder exists but was never started).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import boto3
from botocore.config import Config

ACCOUNT = "123456789012"
PLATFORM_CURRENT = "arn:aws:elasticbeanstalk:{region}::platform/Python 3.11 running on 64bit Amazon Linux 2023/4.6.0"
PLATFORM_OLDER = "arn:aws:elasticbeanstalk:{region}::platform/Python 3.11 running on 64bit Amazon Linux 2023/4.5.2"
PLATFORM_DEPRECATED = "arn:aws:elasticbeanstalk:{region}::platform/Python 3.8 running on 64bit Amazon Linux 2/3.3.14"
PLATFORM_RETIRED = "arn:aws:elasticbeanstalk:{region}::platform/Node.js 12 running on 64bit Amazon Linux 2/5.0.2"
FAKE_ACCESS_KEY = "AKIAQ3ZJ7VXN4KDL2M8R"
FAKE_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3ZJ7VXN4"
TLS_CURRENT = "ELBSecurityPolicy-TLS13-1-2-2021-06"
TLS_OLD = "ELBSecurityPolicy-2016-08"
ODD_IP = "203.0.113.66"

EC2_TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
EB_TRUST = {
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "elasticbeanstalk.amazonaws.com"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": "elasticbeanstalk"}},
    }],
}
ANY_TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
ACCOUNT_TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}]}


def _policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _opt(ns: str, name: str, value: str) -> dict[str, str]:
    return {"Namespace": ns, "OptionName": name, "Value": value}


LC = "aws:autoscaling:launchconfiguration"
VPC = "aws:ec2:vpc"
ENVNS = "aws:elasticbeanstalk:environment"
PROPS = "aws:elasticbeanstalk:application:environment"
SECRETS = "aws:elasticbeanstalk:application:environmentsecrets"


class Seeder:
    def __init__(self, endpoint: str, regions: list[str], access_key: str = "AKIAIOSFODNN7EXAMPLE"):
        self.endpoint = endpoint.rstrip("/")
        self.regions = regions
        self.base = dict(
            endpoint_url=self.endpoint,
            aws_access_key_id=access_key,
            aws_secret_access_key="seed-secret",
        )
        self.session = boto3.session.Session()
        self._clients: dict[tuple[str, str, str], Any] = {}
        self.creds: dict[str, str] = {}  # the CI role's temporary credentials, once assumed
        self.iam_facts: dict[str, Any] = {}
        self.region_facts: dict[str, dict[str, Any]] = {}

    def c(self, service: str, region: str, as_ci: bool = False, creds: dict[str, str] | None = None) -> Any:
        cred = creds or (self.creds if as_ci else {})
        key = (service, region, cred.get("AccessKeyId", ""))
        if key not in self._clients:
            kw = dict(self.base)
            if cred:
                kw.update(
                    aws_access_key_id=cred["AccessKeyId"],
                    aws_secret_access_key=cred["SecretAccessKey"],
                    aws_session_token=cred.get("SessionToken"),
                )
            client = self.session.client(
                service, region_name=region,
                config=Config(retries={"max_attempts": 2, "mode": "standard"}, s3={"addressing_style": "path"}),
                **kw,
            )
            if service == "s3control":
                host = self.endpoint.split("://", 1)[1]

                def fix(request: Any, **_: Any) -> None:
                    request.url = request.url.replace(f"{ACCOUNT}.{host}", host)

                client.meta.events.register("before-send.s3-control", fix)
            self._clients[key] = client
        return self._clients[key]

    # -- account-wide ------------------------------------------------------------
    def seed_iam(self) -> None:
        iam = self.c("iam", "us-east-1")
        f = self.iam_facts

        def role(name: str, trust: dict[str, Any], managed: list[str] = (), inline: str | None = None) -> str:
            arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
            for m in managed:
                iam.attach_role_policy(RoleName=name, PolicyArn=m)
            if inline:
                iam.put_role_policy(RoleName=name, PolicyName=f"{name}-policy", PolicyDocument=inline)
            return arn

        def profile(name: str, role_name: str | None) -> str:
            iam.create_instance_profile(InstanceProfileName=name)
            if role_name:
                iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=role_name)
            return name

        tight = _policy(
            {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": [f"arn:aws:s3:::elasticbeanstalk-*-{ACCOUNT}/resources/*"]},
            {"Effect": "Allow", "Action": ["elasticbeanstalk:PutInstanceStatistics"], "Resource": [f"arn:aws:elasticbeanstalk:*:{ACCOUNT}:application/*", f"arn:aws:elasticbeanstalk:*:{ACCOUNT}:environment/*"]},
            {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": [f"arn:aws:logs:*:{ACCOUNT}:log-group:/aws/elasticbeanstalk/*"]},
            {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": [f"arn:aws:secretsmanager:*:{ACCOUNT}:secret:prod/web/*"]},
        )
        role("prod.web", EC2_TRUST, inline=tight)
        role("fleet-admin-instance-role", EC2_TRUST, managed=["arn:aws:iam::aws:policy/AdministratorAccess"])
        role("fleet-wildcard-instance-role", EC2_TRUST, inline=_policy(
            {"Effect": "Allow", "Action": ["s3:*", "ec2:*"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "ssm:GetParameter"], "Resource": "*"},
        ))
        role("fleet-escalation-instance-role", EC2_TRUST, inline=_policy(
            {"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:CreatePolicyVersion"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["elasticbeanstalk:PutInstanceStatistics"], "Resource": f"arn:aws:elasticbeanstalk:*:{ACCOUNT}:environment/*"},
        ))
        role("fleet-badtrust-instance-role", ANY_TRUST, inline=tight)
        f["profiles"] = {
            "tight": profile("prod.web-profile", "prod.web"),
            "admin": profile("fleet-admin-profile", "fleet-admin-instance-role"),
            "wildcard": profile("fleet-wildcard-profile", "fleet-wildcard-instance-role"),
            "escalation": profile("fleet-escalation-profile", "fleet-escalation-instance-role"),
            "badtrust": profile("fleet-badtrust-profile", "fleet-badtrust-instance-role"),
            "empty": profile("fleet-empty-profile", None),
            "missing": "fleet-missing-profile",
        }
        role("prod.webService", EB_TRUST, managed=[
            "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth",
            "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
        ])
        role("fleet-legacy-service-role", EB_TRUST, managed=["arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkService"])
        f["serviceRoles"] = {"good": "prod.webService", "legacy": "fleet-legacy-service-role", "missing": "fleet-missing-service-role"}
        f["operationsRole"] = role("prod.webOperations", ACCOUNT_TRUST, managed=["arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk"])
        f["ciRole"] = role("ebguard-seed-ci", ACCOUNT_TRUST, managed=["arn:aws:iam::aws:policy/AdministratorAccess"])
        iam.create_user(UserName="deployer")
        key = iam.create_access_key(UserName="deployer")["AccessKey"]
        f["deployer"] = {"AccessKeyId": key["AccessKeyId"], "SecretAccessKey": key["SecretAccessKey"]}
        sts = self.c("sts", "us-east-1")
        self.creds = sts.assume_role(RoleArn=f["ciRole"], RoleSessionName="fleet-seed")["Credentials"]
        # The account blocks public access to S3.
        self.c("s3control", "us-east-1").put_public_access_block(
            AccountId=ACCOUNT,
            PublicAccessBlockConfiguration={"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True},
        )

    # -- per region ------------------------------------------------------------------
    def seed_region(self, region: str, well_run: bool) -> None:
        ec2 = self.c("ec2", region)
        facts: dict[str, Any] = {"wellRun": well_run}
        self.region_facts[region] = facts
        azs = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
        vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16", TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "fleet-vpc"}]}])["Vpc"]["VpcId"]
        facts["vpc"] = vpc
        igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        public, private = [], []
        for i, az in enumerate(azs):
            public.append(ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=az,
                                            TagSpecifications=[{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": f"fleet-public-{az}"}]}])["Subnet"]["SubnetId"])
            private.append(ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i + 10}.0/24", AvailabilityZone=az,
                                             TagSpecifications=[{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": f"fleet-private-{az}"}]}])["Subnet"]["SubnetId"])
        public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
        eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
        nat = ec2.create_nat_gateway(SubnetId=public[0], AllocationId=eip)["NatGateway"]["NatGatewayId"]
        private_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=private_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
        for s in public:
            ec2.associate_route_table(RouteTableId=public_rt, SubnetId=s)
        for s in private:
            ec2.associate_route_table(RouteTableId=private_rt, SubnetId=s)
        facts.update(publicSubnets=public, privateSubnets=private, internetGateway=igw, natGateway=nat)
        if well_run:
            ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{region}.s3", VpcEndpointType="Gateway", RouteTableIds=[private_rt])
            ec2.enable_ebs_encryption_by_default()
        facts["ebsEncryptionByDefault"] = well_run

        def sg(name: str, rules: list[dict[str, Any]]) -> str:
            gid = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
            if rules:
                ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=rules)
            return gid

        world = [{"CidrIp": "0.0.0.0/0"}]
        facts["sg"] = {
            "openPorts": sg("fleet-open-ports", [
                {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": world},
                {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": world},
            ]),
            "bastion": sg("fleet-bastion", [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "198.51.100.0/24"}]}]),
        }

        kms = self.c("kms", region)
        key = kms.create_key(Description="fleet data key")["KeyMetadata"]
        if well_run:
            kms.enable_key_rotation(KeyId=key["KeyId"])
        kms.create_alias(AliasName="alias/prod_ms_web", TargetKeyId=key["KeyId"])
        facts["kmsKey"] = key["Arn"]
        facts["kmsRotation"] = well_run

        s3 = self.c("s3", region)
        bucket = f"elasticbeanstalk-{region}-{ACCOUNT}"
        kwargs: dict[str, Any] = {"Bucket": bucket}
        if region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
        s3.create_bucket(**kwargs)
        if well_run:
            s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key["Arn"]}}]})
            s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
                "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
        facts["ebBucket"] = bucket

        facts["certificate"] = self.c("acm", region).request_certificate(DomainName=f"app.{region}.example.com")["CertificateArn"]
        facts["topic"] = self.c("sns", region).create_topic(Name="eb-notifications")["TopicArn"]
        secret = self.c("secretsmanager", region).create_secret(Name="prod/web/db-password", SecretString="s3cr3t-from-secrets-manager", KmsKeyId=key["Arn"])
        facts["secret"] = secret["ARN"]

        rds = self.c("rds", region)
        rds.create_db_parameter_group(DBParameterGroupName="fleet-pg-ssl", DBParameterGroupFamily="postgres16", Description="force ssl")
        rds.modify_db_parameter_group(DBParameterGroupName="fleet-pg-ssl", Parameters=[{"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
        rds.create_db_parameter_group(DBParameterGroupName="fleet-pg-default", DBParameterGroupFamily="postgres16", Description="defaults")
        rds.create_db_subnet_group(DBSubnetGroupName="fleet-db-private", DBSubnetGroupDescription="private", SubnetIds=private)
        rds.create_db_subnet_group(DBSubnetGroupName="fleet-db-public", DBSubnetGroupDescription="public", SubnetIds=public)

        if region == self.regions[0]:
            ct = self.c("cloudtrail", region)
            trail_bucket = f"fleet-cloudtrail-{ACCOUNT}"
            s3.create_bucket(Bucket=trail_bucket) if region == "us-east-1" else s3.create_bucket(
                Bucket=trail_bucket, CreateBucketConfiguration={"LocationConstraint": region})
            ct.create_trail(Name="fleet-trail", S3BucketName=trail_bucket, IsMultiRegionTrail=True,
                            IncludeGlobalServiceEvents=True, EnableLogFileValidation=True)
            ct.start_logging(Name="fleet-trail")
            facts["trail"] = "fleet-trail"
        if well_run:
            cfg = self.c("config", region)
            cfg.put_configuration_recorder(ConfigurationRecorder={
                "name": "default", "roleARN": f"arn:aws:iam::{ACCOUNT}:role/prod.webService",
                "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True}})
            cfg.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": bucket})
            cfg.start_configuration_recorder(ConfigurationRecorderName="default")
        else:
            # The usual way AWS Config ends up off: a recorder named "default" like the well-run
            # region's, set up once and never started (recording: false). Per region, the two
            # must not be confused (an export joins recorder status to recorders by name).
            self.c("config", region).put_configuration_recorder(ConfigurationRecorder={
                "name": "default", "roleARN": f"arn:aws:iam::{ACCOUNT}:role/prod.webService",
                "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": False}})
        facts["configRecorder"] = well_run  # recording
        self.c("elasticbeanstalk", region, as_ci=True).create_application(ApplicationName="fleet", Description="ebguard seeded fleet")


# -- environment profiles -------------------------------------------------------------

@dataclass
class Spec:
    """One environment to create: settings plus what it is built to show."""

    profile: str
    options: list[dict[str, str]]
    platform: str = PLATFORM_CURRENT
    violations: set[str] = field(default_factory=set)
    passes: set[str] = field(default_factory=set)
    hardened: bool = False
    tier: dict[str, str] | None = None
    tags: dict[str, str] = field(default_factory=dict)
    after: list[str] = field(default_factory=list)  # post-create actions
    notes: str = ""


HARDENED_PASSES = {
    "EB-IAM-001", "EB-IAM-002", "EB-IAM-003", "EB-IAM-004", "EB-IAM-005", "EB-IAM-006", "EB-IAM-007",
    "EB-IAM-009", "EB-IAM-010", "EB-IAM-011", "EB-IAM-014",
    "EB-NET-001", "EB-NET-002", "EB-NET-003", "EB-NET-004", "EB-NET-005", "EB-NET-006", "EB-NET-007",
    "EB-NET-008", "EB-NET-010",
    "EB-DATA-001", "EB-DATA-002", "EB-DATA-003", "EB-DATA-007", "EB-DATA-008", "EB-DATA-009",
    "EB-DATA-010", "EB-DATA-011", "EB-DATA-014",
    "EB-RUN-001", "EB-RUN-002", "EB-RUN-003", "EB-RUN-006", "EB-RUN-007",
    "EB-DET-001", "EB-DET-002", "EB-DET-003", "EB-DET-004", "EB-DET-005", "EB-DET-006", "EB-DET-007",
    "EB-DET-009",
}
# Facts of the region, not the environment: pass in the well-run region, fail in the other.
REGION_CONTROLS = {"EB-DATA-005", "EB-DATA-006", "EB-DATA-012", "EB-DATA-013", "EB-DET-008"}
# Region controls that hold for every environment (DATA-012 only where keys are used).
REGION_CONTROLS_ALL = {"EB-DATA-005", "EB-DATA-006", "EB-DATA-013", "EB-DET-008"}


def _base(profile_key: str, service_role: str, subnets: list[str], elb_subnets: list[str], vpc: str | None,
          public_ip: str | None = None) -> list[dict[str, str]]:
    out = [
        _opt(LC, "IamInstanceProfile", profile_key),
        _opt(ENVNS, "ServiceRole", service_role),
        _opt(ENVNS, "LoadBalancerType", "application"),
    ]
    if vpc:
        out += [_opt(VPC, "VPCId", vpc), _opt(VPC, "Subnets", ",".join(subnets)), _opt(VPC, "ELBSubnets", ",".join(elb_subnets))]
    if public_ip:
        out.append(_opt(VPC, "AssociatePublicIpAddress", public_ip))
    return out


def _hardening(f: dict[str, Any]) -> list[dict[str, str]]:
    return [
        _opt(LC, "DisableIMDSv1", "true"),
        _opt("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "true"),
        _opt("aws:elasticbeanstalk:managedactions", "PreferredStartTime", "Sun:02:00"),
        _opt("aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel", "minor"),
        _opt("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
        _opt("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "true"),
        _opt("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays", "365"),
        _opt("aws:elasticbeanstalk:cloudwatch:logs", "DeleteOnTerminate", "false"),
        _opt("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled", "true"),
        _opt("aws:elasticbeanstalk:cloudwatch:logs:health", "RetentionInDays", "365"),
        _opt("aws:elasticbeanstalk:sns:topics", "Notification Topic ARN", f["topic"]),
        _opt("aws:elasticbeanstalk:command", "DeploymentPolicy", "Immutable"),
        _opt("aws:elbv2:listener:default", "Rules", "redirect"),
        _opt("aws:elbv2:listenerrule:redirect", "PathPatterns", "/*"),
        _opt("aws:elbv2:listener:443", "Protocol", "HTTPS"),
        _opt("aws:elbv2:listener:443", "SSLCertificateArns", f["certificate"]),
        _opt("aws:elbv2:listener:443", "SSLPolicy", TLS_CURRENT),
        _opt("aws:elbv2:loadbalancer", "AccessLogsS3Enabled", "true"),
        _opt("aws:elbv2:loadbalancer", "AccessLogsS3Bucket", f["ebBucket"]),
        _opt(PROPS, "RDS_PORT", "5432"),
        _opt(PROPS, "LOG_LEVEL", "info"),
        _opt(SECRETS, "DB_PASSWORD", f["secret"]),
    ]


def _leaky_props() -> list[dict[str, str]]:
    return [
        _opt(PROPS, "AWS_ACCESS_KEY_ID", FAKE_ACCESS_KEY),
        _opt(PROPS, "AWS_SECRET_ACCESS_KEY", FAKE_SECRET_KEY),
        _opt(PROPS, "DB_PASSWORD", "hunter2-Plaintext!"),
    ]


def profiles(seeder: Seeder, region: str) -> list[Callable[[], Spec]]:
    f = seeder.region_facts[region]
    iam = seeder.iam_facts
    p, sr = iam["profiles"], iam["serviceRoles"]
    plat = lambda t: t.format(region=region)  # noqa: E731
    priv, pub, vpc = f["privateSubnets"], f["publicSubnets"], f["vpc"]

    def hardened(internal_lb: bool = False) -> Spec:
        opts = _base(p["tight"], sr["good"], priv, priv if internal_lb else pub, vpc, "false") + _hardening(f)
        passes = set(HARDENED_PASSES)
        if internal_lb:
            opts.append(_opt(VPC, "ELBScheme", "internal"))
            passes -= {"EB-DATA-001", "EB-DATA-002"}
        return Spec("hardened-internal" if internal_lb else "hardened", opts, plat(PLATFORM_CURRENT),
                    passes=passes, hardened=True, tags={"stage": "prod"},
                    after=["operations-role", "private-db", "alarm", "egress-443", "log-kms"])

    def admin_public() -> Spec:
        opts = _base(p["admin"], sr["legacy"], pub, pub, vpc, "true") + [_opt(LC, "EC2KeyName", "fleet-key")] + _leaky_props()
        return Spec("admin-public", opts, plat(PLATFORM_DEPRECATED),
                    violations={"EB-IAM-003", "EB-IAM-006", "EB-IAM-010", "EB-NET-001", "EB-NET-004", "EB-RUN-003", "EB-DATA-011", "EB-RUN-006"})

    def wildcard_default_vpc() -> Spec:
        opts = [
            _opt(LC, "IamInstanceProfile", p["wildcard"]),
            _opt("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
        ]
        return Spec("wildcard-default-vpc", opts, plat(PLATFORM_RETIRED),
                    violations={"EB-IAM-001", "EB-IAM-004", "EB-IAM-009", "EB-IAM-011", "EB-NET-002", "EB-RUN-003"})

    def escalation_old_tls() -> Spec:
        opts = _base(p["escalation"], sr["good"], priv, pub, vpc, "false") + [
            _opt("aws:elbv2:listener:443", "Protocol", "HTTPS"),
            _opt("aws:elbv2:listener:443", "SSLCertificateArns", f["certificate"]),
            _opt("aws:elbv2:listener:443", "SSLPolicy", TLS_OLD),
        ]
        return Spec("escalation-old-tls", opts, violations={"EB-IAM-005", "EB-DATA-003"})

    def bad_trust() -> Spec:
        opts = _base(p["badtrust"], sr["good"], priv, pub, vpc, "false") + [_opt(LC, "DisableIMDSv1", "true")]
        return Spec("bad-trust", opts, violations={"EB-IAM-007"})

    def missing_profile() -> Spec:
        opts = _base(p["missing"], sr["missing"], priv, pub, vpc, "false")
        return Spec("missing-profile", opts, violations={"EB-IAM-001", "EB-IAM-002"})

    def empty_profile() -> Spec:
        opts = _base(p["empty"], sr["good"], priv, pub, vpc, "false")
        return Spec("empty-profile", opts, violations={"EB-IAM-002"})

    def public_db() -> Spec:
        opts = _base(p["tight"], sr["good"], priv, pub, vpc, "false") + [_opt(PROPS, "RDS_PORT", "5432")]
        return Spec("public-db", opts, violations={"EB-NET-007", "EB-NET-008", "EB-DATA-007", "EB-DATA-009", "EB-DATA-010"},
                    after=["public-db"])

    def imds_update_drift() -> Spec:
        opts = _base(p["tight"], sr["good"], priv, pub, vpc, "false") + [_opt(LC, "DisableIMDSv1", "true")]
        return Spec("imds-turned-off", opts, violations={"EB-RUN-001", "EB-DET-007", "EB-IAM-014"}, after=["deployer-disables-imdsv2"],
                    notes="IAM user 'deployer' set DisableIMDSv1=false through UpdateEnvironment")

    def imds_instance_drift() -> Spec:
        opts = _base(p["tight"], sr["good"], priv, pub, vpc, "false") + [_opt(LC, "DisableIMDSv1", "true")]
        return Spec("imds-instance-drift", opts, violations={"EB-RUN-001"}, after=["instance-imds-optional"],
                    notes="config and launch template require IMDSv2; one instance was changed to optional")

    def open_ports() -> Spec:
        opts = _base(p["tight"], sr["good"], priv, pub, vpc, "false") + [_opt(LC, "SecurityGroups", f["sg"]["openPorts"])]
        return Spec("open-ports", opts, violations={"EB-NET-003", "EB-NET-004", "EB-NET-005"})

    def ssh_world() -> Spec:
        opts = _base(p["tight"], sr["good"], priv, pub, vpc, "false") + [_opt(LC, "EC2KeyName", "fleet-key")]
        return Spec("ssh-world", opts, violations={"EB-NET-004", "EB-NET-010"})

    def single_instance() -> Spec:
        opts = _base(p["tight"], sr["good"], pub, pub, vpc, "true") + [_opt(ENVNS, "EnvironmentType", "SingleInstance")]
        return Spec("single-instance", opts, violations={"EB-NET-001"})

    def worker() -> Spec:
        opts = _base(p["tight"], sr["good"], priv, priv, vpc, "false")
        return Spec("worker", opts, tier={"Name": "Worker", "Type": "SQS/HTTP", "Version": "1.0"}, violations=set())

    def root_activity() -> Spec:
        opts = _base(p["tight"], sr["good"], priv, pub, vpc, "false") + [_opt(LC, "DisableIMDSv1", "true")]
        return Spec("root-activity", opts, violations={"EB-DET-007", "EB-IAM-014"}, after=["crafted-events"],
                    notes=f"root UpdateEnvironment from {ODD_IP}; AccessDenied TerminateEnvironment by user 'contractor'")

    def coupled_db() -> Spec:
        opts = _base(p["tight"], sr["good"], priv, pub, vpc, "false") + [
            _opt("aws:rds:dbinstance", "HasCoupledDatabase", "true"),
            _opt("aws:rds:dbinstance", "DBDeletionPolicy", "Delete"),
            _opt("aws:rds:dbinstance", "DBEngine", "postgres"),
            _opt("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "true"),
            _opt("aws:elasticbeanstalk:cloudwatch:logs", "DeleteOnTerminate", "true"),
        ]
        return Spec("coupled-db", opts, violations={"EB-DATA-008"})

    def stale_platform() -> Spec:
        opts = _base(p["tight"], sr["good"], priv, pub, vpc, "false")
        return Spec("stale-platform", opts, plat(PLATFORM_OLDER), violations={"EB-RUN-003"},
                    notes="Python 3.11 AL2023 4.5.2; 4.6.0 is the recommended version of the branch")

    return [
        hardened, admin_public, wildcard_default_vpc, escalation_old_tls, bad_trust, missing_profile,
        empty_profile, public_db, imds_update_drift, imds_instance_drift, open_ports, ssh_world,
        lambda: hardened(internal_lb=True), single_instance, worker, root_activity, coupled_db, stale_platform,
    ]


# The names of the profiles ``profiles()`` makes, in its order: ``--profiles`` is checked against
# them before anything is created (``FleetBuilder.build`` asserts the two agree).
PROFILE_NAMES = (
    "hardened", "admin-public", "wildcard-default-vpc", "escalation-old-tls", "bad-trust", "missing-profile",
    "empty-profile", "public-db", "imds-turned-off", "imds-instance-drift", "open-ports", "ssh-world",
    "hardened-internal", "single-instance", "worker", "root-activity", "coupled-db", "stale-platform",
)


def derived_violations(spec: Spec) -> set[str]:
    """Option-level violations that follow from the settings and EB's defaults."""
    o = {(s["Namespace"], s["OptionName"]): s["Value"] for s in spec.options}
    get = lambda ns, n, d=None: o.get((ns, n), d)  # noqa: E731
    out = set()
    load_balanced = spec.tier is None and get(ENVNS, "EnvironmentType", "LoadBalanced") == "LoadBalanced"
    if get(LC, "DisableIMDSv1", "false") != "true":
        out.add("EB-RUN-001")
    if not (get("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled") == "true"
            and get("aws:elasticbeanstalk:managedactions", "PreferredStartTime")
            and get("aws:elasticbeanstalk:managedactions:platformupdate", "UpdateLevel")):
        out.add("EB-RUN-002")
    if get("aws:elasticbeanstalk:healthreporting:system", "SystemType", "basic") != "enhanced":
        out.add("EB-DET-001")
    logs = "aws:elasticbeanstalk:cloudwatch:logs"
    if not (get(logs, "StreamLogs") == "true" and int(get(logs, "RetentionInDays", "7")) >= 365 and get(logs, "DeleteOnTerminate", "false") == "false"):
        out.add("EB-DET-002")
    if get("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled") != "true":
        out.add("EB-DET-003")
    if not (get("aws:elasticbeanstalk:sns:topics", "Notification Topic ARN") or get("aws:elasticbeanstalk:sns:topics", "Notification Endpoint")):
        out.add("EB-DET-004")
    if get(LC, "EC2KeyName"):
        out.add("EB-NET-010")
        if get(LC, "SSHSourceRestriction", "tcp,22,22,0.0.0.0/0").replace(" ", "").endswith("0.0.0.0/0"):
            out.add("EB-NET-004")
    if load_balanced:
        out.add("EB-DET-006") if not spec.hardened else None
        if get("aws:elbv2:loadbalancer", "AccessLogsS3Enabled") != "true":
            out.add("EB-DET-009")
        internet_facing = get(VPC, "ELBScheme", "public") != "internal"
        https = get("aws:elbv2:listener:443", "Protocol") == "HTTPS" and get("aws:elbv2:listener:443", "SSLCertificateArns")
        if internet_facing and not https:
            out.add("EB-DATA-001")
        if internet_facing and "redirect" not in (get("aws:elbv2:listener:default", "Rules") or "") \
                and get("aws:elbv2:listener:default", "ListenerEnabled", "true") == "true":
            out.add("EB-DATA-002")
        if https and get("aws:elbv2:listener:443", "SSLPolicy", TLS_OLD) == TLS_OLD:
            out.add("EB-DATA-003")
    elif not spec.hardened:
        out.add("EB-DET-006")
    return out


class UnknownProfiles(Exception):
    """``--profiles`` named a profile ``profiles()`` does not make."""


def check_profiles(only: list[str] | None) -> None:
    unknown = sorted(set(only or []) - set(PROFILE_NAMES))
    if unknown:
        raise UnknownProfiles(f"unknown profiles {unknown}; known: {', '.join(sorted(PROFILE_NAMES))}")


class FleetBuilder:
    def __init__(self, seeder: Seeder):
        self.s = seeder
        self.envs: list[dict[str, Any]] = []
        self.crafted: list[dict[str, Any]] = []
        self.pending_updates: list[tuple[Any, str]] = []  # (client, env) updated once all are Ready

    def build(self, count: int, only: list[str] | None = None) -> None:
        """Environment ``i`` goes to region ``i mod regions``. By default each profile comes once
        per region in turn; with ``only`` (profile names), environment ``i`` is ``only[i mod len]``,
        so a small fleet can cover chosen profiles (e.g. those that read different APIs)."""
        makers = {r: profiles(self.s, r) for r in self.s.regions}
        n_profiles = len(next(iter(makers.values())))
        by_name = {r: {make().profile: make for make in m} for r, m in makers.items()}
        assert all(tuple(names) == PROFILE_NAMES for names in by_name.values()), "PROFILE_NAMES is out of date"
        check_profiles(only)
        short = {"us-east-1": "use1", "eu-west-1": "euw1"}
        for i in range(count):
            region = self.s.regions[i % len(self.s.regions)]
            if only:
                spec = by_name[region][only[i % len(only)]]()
            else:
                spec = makers[region][(i // len(self.s.regions)) % n_profiles]()
            name = f"{spec.profile[:26]}-{short.get(region, region.replace('-', '')[:5])}-{i:02d}"
            self.create(region, name, spec)
        self.wait_ready()
        self.post_events()

    def create(self, region: str, name: str, spec: Spec) -> None:
        eb = self.s.c("elasticbeanstalk", region, as_ci=True)
        f = self.s.region_facts[region]
        kwargs: dict[str, Any] = {
            "ApplicationName": "fleet",
            "EnvironmentName": name,
            "PlatformArn": spec.platform.format(region=region),
            "OptionSettings": spec.options,
            "Tags": [{"Key": k, "Value": v} for k, v in spec.tags.items()],
        }
        if spec.tier:
            kwargs["Tier"] = spec.tier
        env = eb.create_environment(**kwargs)
        res = eb.describe_environment_resources(EnvironmentName=name)["EnvironmentResources"]
        violations = set(spec.violations) | derived_violations(spec)
        passes = set(spec.passes)
        for action in spec.after:
            getattr(self, "after_" + action.replace("-", "_"))(region, name, env, res, f)
        well_run = f["wellRun"]
        region_ids = REGION_CONTROLS if spec.hardened else REGION_CONTROLS_ALL
        if spec.hardened:
            if well_run:
                passes |= region_ids
            else:
                violations |= region_ids
        elif not well_run:
            violations |= region_ids
        violations -= passes
        self.envs.append({
            "name": name,
            "region": region,
            "application": "fleet",
            "environmentId": env["EnvironmentId"],
            "profile": spec.profile,
            "hardened": spec.hardened,
            "platformArn": spec.platform.format(region=region),
            "violations": sorted(violations),
            "passes": sorted(passes),
            "notes": spec.notes,
        })

    # -- post-create actions -----------------------------------------------------------
    def after_operations_role(self, region: str, name: str, env: Any, res: Any, f: Any) -> None:
        self.s.c("elasticbeanstalk", region, as_ci=True).associate_environment_operations_role(
            EnvironmentName=name, OperationsRole=self.s.iam_facts["operationsRole"])

    def _instance_sg(self, region: str, res: Any) -> str:
        lt = self.s.c("ec2", region).describe_launch_template_versions(
            LaunchTemplateId=res["LaunchTemplates"][0]["Id"], Versions=["$Latest"])["LaunchTemplateVersions"][0]
        return lt["LaunchTemplateData"]["SecurityGroupIds"][0]

    def _db(self, region: str, name: str, public: bool, res: Any, f: Any) -> None:
        ec2, rds = self.s.c("ec2", region), self.s.c("rds", region)
        inst_sg = self._instance_sg(region, res)
        db_sg = ec2.create_security_group(GroupName=f"{name}-db", Description=f"database for {name}", VpcId=f["vpc"])["GroupId"]
        if public:
            ec2.authorize_security_group_ingress(GroupId=db_sg, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        else:
            ec2.authorize_security_group_ingress(GroupId=db_sg, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": inst_sg}]}])
        kwargs: dict[str, Any] = dict(
            DBInstanceIdentifier=f"{name}-db"[:63], Engine="postgres", EngineVersion="16.3", DBInstanceClass="db.t3.micro",
            MasterUsername="ebroot", MasterUserPassword="not-a-real-password-1", AllocatedStorage=20,
            VpcSecurityGroupIds=[db_sg], PubliclyAccessible=public, MultiAZ=not public,
            DBSubnetGroupName="fleet-db-public" if public else "fleet-db-private",
            DBParameterGroupName="fleet-pg-default" if public else "fleet-pg-ssl",
            StorageEncrypted=not public,
            # Created by the operator, not by Elastic Beanstalk: EB's own `elasticbeanstalk:*` tags mark
            # coupled databases only. The environment finds it through RDS_HOSTNAME (below).
            Tags=[{"Key": "ebguard:environment", "Value": name}],
        )
        if not public:
            kwargs["KmsKeyId"] = f["kmsKey"]
        db = rds.create_db_instance(**kwargs)["DBInstance"]
        self.s.c("elasticbeanstalk", region, as_ci=True).update_environment(
            EnvironmentName=name, OptionSettings=[_opt(PROPS, "RDS_HOSTNAME", db["Endpoint"]["Address"])])

    def after_private_db(self, region: str, name: str, env: Any, res: Any, f: Any) -> None:
        self._db(region, name, False, res, f)

    def after_public_db(self, region: str, name: str, env: Any, res: Any, f: Any) -> None:
        self._db(region, name, True, res, f)

    def after_alarm(self, region: str, name: str, env: Any, res: Any, f: Any) -> None:
        self.s.c("cloudwatch", region).put_metric_alarm(
            AlarmName=f"{name}-health", Namespace="AWS/ElasticBeanstalk", MetricName="EnvironmentHealth",
            Dimensions=[{"Name": "EnvironmentName", "Value": name}], Statistic="Maximum", Period=60,
            EvaluationPeriods=1, Threshold=20, ComparisonOperator="GreaterThanOrEqualToThreshold",
            AlarmActions=[f["topic"]])

    def after_egress_443(self, region: str, name: str, env: Any, res: Any, f: Any) -> None:
        ec2 = self.s.c("ec2", region)
        sg = self._instance_sg(region, res)
        ec2.revoke_security_group_egress(GroupId=sg, IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        ec2.authorize_security_group_egress(GroupId=sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
            {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.20.0.0/16"}]},
        ])

    def after_log_kms(self, region: str, name: str, env: Any, res: Any, f: Any) -> None:
        logs = self.s.c("logs", region)
        for g in logs.describe_log_groups(logGroupNamePrefix=f"/aws/elasticbeanstalk/{name}/")["logGroups"]:
            logs.associate_kms_key(logGroupName=g["logGroupName"], kmsKeyId=f["kmsKey"])

    def after_deployer_disables_imdsv2(self, region: str, name: str, env: Any, res: Any, f: Any) -> None:
        eb = self.s.c("elasticbeanstalk", region, creds=self.s.iam_facts["deployer"])
        self.pending_updates.append((eb, name))

    def after_instance_imds_optional(self, region: str, name: str, env: Any, res: Any, f: Any) -> None:
        ec2 = self.s.c("ec2", region)
        iid = res["Instances"][0]["Id"]
        ec2.modify_instance_metadata_options(InstanceId=iid, HttpTokens="optional", HttpEndpoint="enabled")

    def after_crafted_events(self, region: str, name: str, env: Any, res: Any, f: Any) -> None:
        now = datetime.now(timezone.utc)
        self.crafted += [
            {
                "eventName": "UpdateEnvironment",
                "eventSource": "elasticbeanstalk.amazonaws.com",
                "awsRegion": region,
                "eventTime": (now - timedelta(days=2, hours=5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "sourceIPAddress": ODD_IP,
                "userAgent": "aws-cli/2.13.0 Python/3.11.4 Linux/5.15",
                "userIdentity": {"type": "Root", "principalId": ACCOUNT, "arn": f"arn:aws:iam::{ACCOUNT}:root",
                                 "accountId": ACCOUNT, "accessKeyId": "ASIAQROOTEXAMPLE0001"},
                "requestParameters": {"environmentName": name, "optionSettings": [
                    {"namespace": "aws:elasticbeanstalk:cloudwatch:logs", "optionName": "StreamLogs", "value": "false"}]},
                "resources": [{"resourceType": "AWS::ElasticBeanstalk::Environment", "resourceName": name}],
            },
            {
                "eventName": "TerminateEnvironment",
                "eventSource": "elasticbeanstalk.amazonaws.com",
                "awsRegion": region,
                "eventTime": (now - timedelta(days=1, hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "sourceIPAddress": "198.51.100.23",
                "userIdentity": {"type": "IAMUser", "principalId": "AIDAQCONTRACTOR0001", "arn": f"arn:aws:iam::{ACCOUNT}:user/contractor",
                                 "accountId": ACCOUNT, "accessKeyId": "AKIAQCONTRACTOR00001", "userName": "contractor"},
                "requestParameters": {"environmentName": name},
                "errorCode": "AccessDenied",
                "errorMessage": f"User: arn:aws:iam::{ACCOUNT}:user/contractor is not authorized to perform: elasticbeanstalk:TerminateEnvironment",
                "resources": [{"resourceType": "AWS::ElasticBeanstalk::Environment", "resourceName": name}],
            },
        ]

    def wait_ready(self, timeout: float = 30.0) -> None:
        def all_ready() -> bool:
            for region in self.s.regions:
                eb = self.s.c("elasticbeanstalk", region, as_ci=True)
                for e in eb.describe_environments(ApplicationName="fleet", IncludeDeleted=False)["Environments"]:
                    if e["Status"] != "Ready":
                        return False
            return True

        deadline = time.time() + timeout
        while not all_ready() and time.time() < deadline:
            time.sleep(0.2)
        for eb, name in self.pending_updates:
            eb.update_environment(EnvironmentName=name, OptionSettings=[_opt(LC, "DisableIMDSv1", "false")])
        self.pending_updates = []
        while not all_ready() and time.time() < deadline:
            time.sleep(0.2)

    def post_events(self) -> None:
        if not self.crafted:
            return
        req = urllib.request.Request(
            f"{self.s.endpoint}/_simcloud/cloudtrail/events",
            data=json.dumps({"events": self.crafted}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()


def seed(endpoint: str, regions: list[str], count: int, only: list[str] | None = None) -> dict[str, Any]:
    check_profiles(only)
    started = time.time()
    s = Seeder(endpoint, regions)
    s.seed_iam()
    for i, region in enumerate(regions):
        s.seed_region(region, well_run=(i == 0))
    builder = FleetBuilder(s)
    builder.build(count, only)
    return {
        "version": 1,
        "endpoint": endpoint,
        "account": ACCOUNT,
        "regions": regions,
        "generatedAt": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "seconds": round(time.time() - started, 2),
        "allowList": {
            "principals": [s.iam_facts["ciRole"], f"arn:aws:sts::{ACCOUNT}:assumed-role/ebguard-seed-ci/fleet-seed"],
            "cidrs": ["127.0.0.1/32"],
            "operatorRole": s.iam_facts["operationsRole"],
        },
        "regionFacts": {
            r: {k: v for k, v in f.items() if k in (
                "wellRun", "vpc", "publicSubnets", "privateSubnets", "ebBucket", "kmsKey", "kmsRotation",
                "ebsEncryptionByDefault", "configRecorder", "trail", "certificate", "topic", "secret")}
            for r, f in s.region_facts.items()
        },
        "environments": builder.envs,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="seed-fleet", description="Seed the simulated cloud with an EB fleet.")
    ap.add_argument("--endpoint", required=True, help="e.g. http://127.0.0.1:4566")
    ap.add_argument("--regions", default="us-east-1,eu-west-1", help="comma-separated; the first is the well-run region")
    ap.add_argument("--count", type=int, default=36, help="number of environments (default 36)")
    ap.add_argument("--manifest", help="write the manifest JSON here (default: stdout)")
    ap.add_argument("--profiles", help="comma-separated profile names; environment i gets the (i mod n)-th (default: every profile in turn)")
    args = ap.parse_args(argv)
    regions = [r.strip() for r in args.regions.split(",") if r.strip()]
    only = [p.strip() for p in (args.profiles or "").split(",") if p.strip()] or None
    if args.count < 1:
        ap.error("--count must be at least 1")
    try:
        manifest = seed(args.endpoint, regions, args.count, only)
    except UnknownProfiles as error:
        ap.error(str(error))
    text = json.dumps(manifest, indent=2, sort_keys=False)
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        print(f"seeded {len(manifest['environments'])} environments in {manifest['seconds']}s → {args.manifest}", file=sys.stderr)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
