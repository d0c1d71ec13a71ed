"""Elastic Beanstalk for the simulated cloud.

Environments keep their full option set (given settings over EB's defaults),
and launching one builds real resources in the simulated EC2, Auto Scaling and
ELBv2: instance and load balancer security groups, a launch template whose
``MetadataOptions.HttpTokens`` follows ``DisableIMDSv1``, an Auto Scaling
group with instances, an Application Load Balancer with its listeners and a
target group, all tagged as EB tags them. Status moves Launching → Ready and
Updating → Ready after configurable delays, with EB's events along the way.

Delays (seconds): ``SIMCLOUD_EB_LAUNCH_DELAY`` (default 0),
``SIMCLOUD_EB_UPDATE_DELAY`` (default 1.5), ``SIMCLOUD_EB_TERMINATE_DELAY`` (default 0).
"""

from __future__ import annotations

import base64
import json
import os
import random
import string
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, BaseResponse, EmptyResult
from moto.elasticbeanstalk.responses import SOLUTION_STACK_DETAILS

from . import eb_options as opts
from . import eb_platforms as plats
from . import internal

LOCK = threading.RLock()


class InvalidParameterValue(ServiceException):
    code = "InvalidParameterValue"


class ConfigurationValidationException(ServiceException):
    code = "ConfigurationValidationException"


def _delay(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _rand(n: int, alphabet: str = string.ascii_uppercase + string.digits) -> str:
    return "".join(random.choice(alphabet) for _ in range(n))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _as_dt(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc)
    dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


@dataclass
class Template:
    app: str
    name: str
    platform: plats.Platform
    options: dict[opts.Key, str]
    description: str | None
    created: datetime = field(default_factory=_now)


@dataclass
class Application:
    name: str
    arn: str
    description: str | None
    created: datetime = field(default_factory=_now)
    templates: dict[str, Template] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class Environment:
    id: str
    name: str
    app: str
    arn: str
    region: str
    account: str
    platform: plats.Platform
    tier: dict[str, str]
    cname: str
    options: dict[opts.Key, str]
    access_key: str | None
    description: str | None = None
    template_name: str | None = None
    version_label: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    operations_role: str | None = None
    created: datetime = field(default_factory=_now)
    updated: datetime = field(default_factory=_now)
    status: str = "Launching"
    health: str = "Grey"
    health_status: str = "Pending"
    endpoint: str | None = None
    resources: dict[str, Any] = field(default_factory=dict)
    terminated_at: datetime | None = None

    def opt(self, ns: str, name: str) -> str | None:
        for (n, o, _r), v in self.options.items():
            if n == ns and o == name:
                return v
        return None

    @property
    def load_balanced(self) -> bool:
        return (
            self.tier.get("Name") != "Worker"
            and self.opt("aws:elasticbeanstalk:environment", "EnvironmentType") != "SingleInstance"
        )

    def describe(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "EnvironmentName": self.name,
            "EnvironmentId": self.id,
            "ApplicationName": self.app,
            "SolutionStackName": self.platform.solution_stack,
            "PlatformArn": self.platform.arn(self.region),
            "DateCreated": self.created,
            "DateUpdated": self.updated,
            "Status": self.status,
            "AbortableOperationInProgress": self.status == "Updating",
            "Health": self.health,
            "HealthStatus": self.health_status,
            "Tier": self.tier,
            "EnvironmentLinks": [],
            "EnvironmentArn": self.arn,
        }
        if self.tier.get("Name") != "Worker":
            d["CNAME"] = self.cname
        for key, value in (
            ("VersionLabel", self.version_label),
            ("TemplateName", self.template_name),
            ("Description", self.description),
            ("EndpointURL", self.endpoint),
            ("OperationsRole", self.operations_role),
        ):
            if value:
                d[key] = value
        return d


class SimEBBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str):
        super().__init__(region_name, account_id)
        self.applications: dict[str, Application] = {}
        self.environments: dict[str, Environment] = {}  # by id
        self.events: list[dict[str, Any]] = []
        self._last_event = _now()

    # -- lookup ---------------------------------------------------------------
    def env(self, name: str | None = None, env_id: str | None = None, live_only: bool = True) -> Environment:
        for e in reversed(list(self.environments.values())):
            if (env_id and e.id == env_id) or (name and e.name == name and not env_id):
                if live_only and e.status == "Terminated":
                    continue
                return e
        if env_id:
            raise InvalidParameterValue(f"No Environment found for EnvironmentId = '{env_id}'.")
        raise InvalidParameterValue(f"No Environment found for EnvironmentName = '{name}'.")

    def app(self, name: str) -> Application:
        if name not in self.applications:
            raise InvalidParameterValue(f"No Application named '{name}' found.")
        return self.applications[name]

    def add_event(self, env: Environment | None, message: str, severity: str = "INFO", app: str | None = None,
                  request_id: str | None = None) -> None:
        t = max(_now(), self._last_event + timedelta(milliseconds=1))
        self._last_event = t
        ev = {
            "EventDate": t,
            "Message": message,
            "ApplicationName": env.app if env else app,
            "Severity": severity,
        }
        if env:
            ev["EnvironmentName"] = env.name
            ev["_env_id"] = env.id
            ev["PlatformArn"] = env.platform.arn(env.region)
        if request_id:
            ev["RequestId"] = request_id
        self.events.append(ev)

    # -- applications ------------------------------------------------------------
    def create_application(self, name: str, description: str | None, tags: dict[str, str]) -> Application:
        if name in self.applications:
            raise InvalidParameterValue(f"Application {name} already exists.")
        arn = f"arn:aws:elasticbeanstalk:{self.region_name}:{self.account_id}:application/{name}"
        app = Application(name, arn, description, tags=tags)
        self.applications[name] = app
        self.add_event(None, "createApplication completed successfully.", app=name)
        return app

    # -- platforms --------------------------------------------------------------------
    def resolve_platform(self, stack: str | None, arn: str | None, template: Template | None) -> plats.Platform:
        if arn:
            p = plats.by_arn(arn)
            if not p:
                raise InvalidParameterValue(f"No Platform named '{arn}' found.")
            return p
        if stack:
            p = plats.by_solution_stack(stack)
            if not p:
                raise InvalidParameterValue(f"No Solution Stack named '{stack}' found.")
            return p
        if template:
            return template.platform
        raise InvalidParameterValue(
            "Either SolutionStackName, PlatformArn or TemplateName must be specified."
        )

    # -- environments -------------------------------------------------------------
    def create_environment(self, p: dict[str, Any], access_key: str | None) -> dict[str, Any]:
        """Create and launch an environment; the answer describes it as it was when created."""
        app = self.app(p["ApplicationName"])
        name = p.get("EnvironmentName") or ""
        if not (4 <= len(name) <= 40):
            raise InvalidParameterValue(
                f"Value {name} at 'EnvironmentName' failed to satisfy constraint: Member must have length between 4 and 40"
            )
        for e in self.environments.values():
            if e.name == name and e.status != "Terminated":
                raise InvalidParameterValue(f"Environment {name} already exists.")
        template = None
        if p.get("TemplateName"):
            template = app.templates.get(p["TemplateName"])
            if not template:
                raise InvalidParameterValue(f"No Configuration Template named '{app.name}/{p['TemplateName']}' found.")
        platform = self.resolve_platform(p.get("SolutionStackName"), p.get("PlatformArn"), template)
        settings = p.get("OptionSettings") or []
        _raise_on_invalid(settings)
        tier_in = p.get("Tier") or {}
        worker = tier_in.get("Name") == "Worker"
        tier = {
            "Name": "Worker" if worker else "WebServer",
            "Type": "SQS/HTTP" if worker else "Standard",
            "Version": tier_in.get("Version") or "1.0",
        }
        prefix = p.get("CNAMEPrefix") or f"{name}.{_rand(8, string.ascii_lowercase + string.digits)}"
        cname = f"{prefix}.{self.region_name}.elasticbeanstalk.com"
        if p.get("CNAMEPrefix") and any(e.cname == cname and e.status != "Terminated" for e in self.environments.values()):
            raise InvalidParameterValue(f"DNS name ({cname}) is not available.")
        env_id = "e-" + _rand(10, string.ascii_lowercase + string.digits)
        given: dict[opts.Key, str] = dict(template.options) if template else {}
        for s in settings:
            if s.get("Value") is not None:
                given[opts.key_of(s)] = str(s["Value"])
        for r in p.get("OptionsToRemove") or []:
            given.pop(opts.key_of(r), None)
        single = any(k[0] == "aws:elasticbeanstalk:environment" and k[1] == "EnvironmentType" and v == "SingleInstance" for k, v in given.items())
        extra = sorted({k[0] for k in given})
        options = opts.defaults(load_balanced=not (worker or single), extra_namespaces=extra)
        options.update(given)
        if worker:
            for k in [k for k in options if k[0].startswith("aws:elbv2") or k[0] in opts.LB_NAMESPACES]:
                options.pop(k)
        if opts.key_of({"Namespace": "aws:autoscaling:launchconfiguration", "OptionName": "EC2KeyName"}) in options:
            options.setdefault(
                opts.key_of({"Namespace": "aws:autoscaling:launchconfiguration", "OptionName": "SSHSourceRestriction"}),
                "tcp,22,22,0.0.0.0/0",
            )
        env = Environment(
            id=env_id,
            name=name,
            app=app.name,
            arn=f"arn:aws:elasticbeanstalk:{self.region_name}:{self.account_id}:environment/{app.name}/{name}",
            region=self.region_name,
            account=self.account_id,
            platform=platform,
            tier=tier,
            cname=cname,
            options=options,
            access_key=access_key,
            description=p.get("Description"),
            template_name=p.get("TemplateName"),
            version_label=p.get("VersionLabel"),
            tags={t["Key"]: t["Value"] for t in p.get("Tags") or []},
            operations_role=p.get("OperationsRole"),
        )
        self.environments[env.id] = env
        self.add_event(env, "createEnvironment is starting.")
        self.add_event(
            env,
            f"Using elasticbeanstalk-{self.region_name}-{self.account_id} as Amazon S3 storage bucket for environment data.",
        )
        try:
            Provisioner(self, env).launch()
        except Exception as exc:  # resources could not be built: the launch fails as in EB
            env.status, env.health, env.health_status = "Ready", "Red", "Severe"
            self.add_event(env, f"Stack named 'awseb-{env.id}-stack' aborted operation: {exc}", "ERROR")
            self.add_event(env, "Failed to launch environment.", "ERROR")
            return env.describe()
        delay = _delay("SIMCLOUD_EB_LAUNCH_DELAY", 0)
        snapshot = env.describe()
        _later(delay, self._finish_launch, env)
        return snapshot

    def _finish_launch(self, env: Environment) -> None:
        if env.status != "Launching":
            return
        env.status, env.health, env.health_status = "Ready", "Green", "Ok"
        env.updated = _now()
        if env.opt("aws:elasticbeanstalk:healthreporting:system", "SystemType") == "enhanced":
            self.add_event(env, "Environment health has transitioned from Pending to Ok. Initialization completed 1 second ago and took 1 second.")
        else:
            self.add_event(env, "Environment health has transitioned from Pending to Ok.")
        self.add_event(env, f"Successfully launched environment: {env.name}")

    def update_environment(self, p: dict[str, Any]) -> dict[str, Any]:
        env = self.env(p.get("EnvironmentName"), p.get("EnvironmentId"))
        if env.status != "Ready":
            raise InvalidParameterValue(
                f"Environment named {env.name} is in an invalid state for this operation. Must be Ready."
            )
        settings = p.get("OptionSettings") or []
        _raise_on_invalid(settings)
        removals = p.get("OptionsToRemove") or []
        for r in removals:
            if opts.spec_for(r.get("Namespace", "")) is None and r.get("Namespace") not in opts.FREE_NAMESPACES:
                raise ConfigurationValidationException(
                    f"Configuration validation exception: Invalid option specification (Namespace: '{r.get('Namespace')}', OptionName: '{r.get('OptionName')}'): Unknown namespace."
                )
        before = dict(env.options)
        if p.get("TemplateName"):
            template = self.app(env.app).templates.get(p["TemplateName"])
            if not template:
                raise InvalidParameterValue(f"No Configuration Template named '{env.app}/{p['TemplateName']}' found.")
            env.options.update(template.options)
            env.template_name = template.name
        if p.get("PlatformArn") or p.get("SolutionStackName"):
            env.platform = self.resolve_platform(p.get("SolutionStackName"), p.get("PlatformArn"), None)
        defaults = opts.defaults(env.load_balanced, sorted({k[0] for k in env.options}))
        for r in removals:
            key = opts.key_of(r)
            env.options.pop(key, None)
            if key in defaults:
                env.options[key] = defaults[key]
        for s in settings:
            key = opts.key_of(s)
            if s.get("Value") is None:
                continue
            env.options[key] = str(s["Value"])
        for key, value in opts.defaults(env.load_balanced, sorted({k[0] for k in env.options})).items():
            env.options.setdefault(key, value)
        if p.get("Description") is not None:
            env.description = p["Description"]
        if p.get("VersionLabel"):
            env.version_label = p["VersionLabel"]
        env.status = "Updating"
        env.health, env.health_status = "Grey", "Info"
        env.updated = _now()
        self.add_event(env, "Environment update is starting.")
        if env.options != before:
            self.add_event(env, f"Updating environment {env.name}'s configuration settings.")
        snapshot = env.describe()
        _later(_delay("SIMCLOUD_EB_UPDATE_DELAY", 1.5), self._finish_update, env, before)
        return snapshot

    def _finish_update(self, env: Environment, before: dict[opts.Key, str]) -> None:
        if env.status != "Updating":
            return
        try:
            Provisioner(self, env).apply(before)
            if env.options != before:
                self.add_event(env, "Successfully deployed new configuration to environment.")
            self.add_event(env, "Environment update completed successfully.")
            env.health, env.health_status = "Green", "Ok"
        except Exception as exc:
            self.add_event(env, f"Failed to deploy configuration: {exc}", "ERROR")
            env.health, env.health_status = "Red", "Severe"
        env.status = "Ready"
        env.updated = _now()

    def terminate_environment(self, p: dict[str, Any]) -> dict[str, Any]:
        env = self.env(p.get("EnvironmentName"), p.get("EnvironmentId"))
        if env.status in ("Terminating", "Terminated"):
            raise InvalidParameterValue(
                f"Environment named {env.name} is in an invalid state for this operation. Must be Ready."
            )
        env.status = "Terminating"
        env.health, env.health_status = "Grey", "Suspended"
        env.updated = _now()
        self.add_event(env, "terminateEnvironment is starting.")
        snapshot = env.describe()
        terminate_resources = p.get("TerminateResources")
        _later(
            _delay("SIMCLOUD_EB_TERMINATE_DELAY", 0),
            self._finish_terminate,
            env,
            terminate_resources is None or bool(terminate_resources),
        )
        return snapshot

    def _finish_terminate(self, env: Environment, remove: bool) -> None:
        if remove:
            Provisioner(self, env).destroy()
        env.status = "Terminated"
        env.terminated_at = env.updated = _now()
        self.add_event(env, "terminateEnvironment completed successfully.")

    def environment_resources(self, env: Environment) -> dict[str, Any]:
        from moto.autoscaling.models import autoscaling_backends

        r = env.resources
        out: dict[str, Any] = {
            "EnvironmentName": env.name,
            "AutoScalingGroups": [],
            "Instances": [],
            "LaunchConfigurations": [],
            "LaunchTemplates": [],
            "LoadBalancers": [],
            "Triggers": [],
            "Queues": [],
        }
        if env.status == "Terminated":
            return out
        if r.get("asg"):
            out["AutoScalingGroups"] = [{"Name": r["asg"]}]
            group = autoscaling_backends[env.account][env.region].autoscaling_groups.get(r["asg"])
            if group:
                out["Instances"] = [{"Id": s.instance.id} for s in group.instance_states]
        if r.get("lt_id"):
            out["LaunchTemplates"] = [{"Id": r["lt_id"]}]
        if r.get("lb_arn"):
            out["LoadBalancers"] = [{"Name": r["lb_arn"]}]
        if r.get("asg") and env.load_balanced:
            out["Triggers"] = [{"Name": f"awseb-{env.id}-stack-AWSEBAutoScalingScaleUpPolicy-{r['suffix']}"}]
        if r.get("queue_url"):
            out["Queues"] = [{"Name": "WorkerQueue", "URL": r["queue_url"]}]
        return out


sim_eb_backends = BackendDict(SimEBBackend, "elasticbeanstalk")


def _later(delay: float, fn: Any, *args: Any) -> None:
    def run() -> None:
        with LOCK:
            fn(*args)

    if delay <= 0:
        run()
    else:
        t = threading.Timer(delay, run)
        t.daemon = True
        t.start()


def _raise_on_invalid(settings: list[dict[str, Any]]) -> None:
    errors = [m for m in opts.validate(settings) if m["Severity"] == "error"]
    if errors:
        raise ConfigurationValidationException(
            "Configuration validation exception: " + errors[0]["Message"]
        )


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


class Provisioner:
    """Builds, changes and removes an environment's resources through the AWS APIs."""

    def __init__(self, backend: SimEBBackend, env: Environment):
        self.b = backend
        self.env = env
        self.ec2 = internal.client("ec2", env.region, env.access_key)
        self.elbv2 = internal.client("elbv2", env.region, env.access_key)
        self.asg = internal.client("autoscaling", env.region, env.access_key)

    # -- helpers ----------------------------------------------------------------
    def _tags(self) -> list[dict[str, str]]:
        base = {
            "elasticbeanstalk:environment-name": self.env.name,
            "elasticbeanstalk:environment-id": self.env.id,
            "Name": self.env.name,
        }
        base.update(self.env.tags)
        return [{"Key": k, "Value": v} for k, v in base.items()]

    def _set(self, ns: str, name: str, value: str) -> None:
        self.env.options[opts.key_of({"Namespace": ns, "OptionName": name})] = value

    def _vpc_and_subnets(self) -> tuple[str, list[str], list[str]]:
        vpc_id = self.env.opt("aws:ec2:vpc", "VPCId")
        if not vpc_id:
            vpcs = self.ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"]
            vpc_id = vpcs[0]["VpcId"]
        subnets = _split(self.env.opt("aws:ec2:vpc", "Subnets"))
        if not subnets:
            found = self.ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
            subnets = [s["SubnetId"] for s in sorted(found, key=lambda s: s["AvailabilityZone"])][:3]
        elb_subnets = _split(self.env.opt("aws:ec2:vpc", "ELBSubnets")) or subnets
        return vpc_id, subnets, elb_subnets

    def _sg_tags(self) -> list[dict[str, Any]]:
        return [{"ResourceType": "security-group", "Tags": self._tags()}]

    def _instance_profile(self) -> dict[str, str] | None:
        from moto.iam.models import iam_backends

        value = self.env.opt("aws:autoscaling:launchconfiguration", "IamInstanceProfile")
        if not value:
            return None
        name = value.rsplit("/", 1)[-1]
        iam = iam_backends[self.env.account]["aws"]
        if not any(p.name == name for p in iam.instance_profiles.values()):
            return None  # EB would fail; the environment still shows the setting
        return {"Arn": value} if value.startswith("arn:") else {"Name": value}

    def _image_id(self) -> str:
        from moto.ec2.models import ec2_backends

        custom = self.env.opt("aws:autoscaling:launchconfiguration", "ImageId")
        if custom:
            return custom
        amis = ec2_backends[self.env.account][self.env.region].amis
        return sorted(amis)[0] if amis else "ami-12c6146b"

    def _launch_template_data(self) -> dict[str, Any]:
        env = self.env
        lc = "aws:autoscaling:launchconfiguration"
        types = _split(env.opt("aws:ec2:instances", "InstanceTypes"))
        data: dict[str, Any] = {
            "ImageId": self._image_id(),
            "InstanceType": types[0] if types else (env.opt(lc, "InstanceType") or "t3.micro"),
            "SecurityGroupIds": self._instance_security_groups(),
            "MetadataOptions": {
                "HttpTokens": "required" if env.opt(lc, "DisableIMDSv1") == "true" else "optional",
                "HttpEndpoint": "enabled",
                "HttpPutResponseHopLimit": 2,
            },
            "BlockDeviceMappings": [
                {
                    "DeviceName": "/dev/xvda",
                    "Ebs": {
                        "VolumeSize": int(env.opt(lc, "RootVolumeSize") or 8),
                        "VolumeType": env.opt(lc, "RootVolumeType") or "gp3",
                        "DeleteOnTermination": True,
                    },
                }
            ],
            "Monitoring": {"Enabled": env.opt(lc, "MonitoringInterval") == "1 minute"},
            "UserData": base64.b64encode(b"#!/bin/bash\n# Elastic Beanstalk bootstrap\n").decode(),
            "TagSpecifications": [{"ResourceType": "instance", "Tags": self._tags()}],
        }
        profile = self._instance_profile()
        if profile:
            data["IamInstanceProfile"] = profile
        if env.opt(lc, "EC2KeyName"):
            data["KeyName"] = env.opt(lc, "EC2KeyName")
        return data

    def _instance_security_groups(self) -> list[str]:
        r = self.env.resources
        user = [g for g in _split(self.env.opt("aws:autoscaling:launchconfiguration", "SecurityGroups")) if g != r.get("instance_sg")]
        return [r["instance_sg"]] + [g for g in user if g.startswith("sg-")]

    def _ssh_rule(self) -> dict[str, Any] | None:
        lc = "aws:autoscaling:launchconfiguration"
        if not self.env.opt(lc, "EC2KeyName"):
            return None
        parts = [p.strip() for p in (self.env.opt(lc, "SSHSourceRestriction") or "tcp,22,22,0.0.0.0/0").split(",")]
        if len(parts) != 4:
            parts = ["tcp", "22", "22", "0.0.0.0/0"]
        proto, lo, hi, source = parts
        rule: dict[str, Any] = {"IpProtocol": proto, "FromPort": int(lo), "ToPort": int(hi)}
        if source.startswith("sg-"):
            rule["UserIdGroupPairs"] = [{"GroupId": source}]
        elif ":" in source:
            rule["Ipv6Ranges"] = [{"CidrIpv6": source}]
        else:
            rule["IpRanges"] = [{"CidrIp": source}]
        return rule

    def _listener_ports(self) -> dict[int, dict[str, str | None]]:
        """Enabled ALB listeners: port → protocol, certificate, policy, rules."""
        env = self.env
        out: dict[int, dict[str, str | None]] = {}
        namespaces = sorted({k[0] for k in env.options if k[0].startswith("aws:elbv2:listener:")})
        for ns in namespaces:
            suffix = ns.rsplit(":", 1)[-1]
            port = 80 if suffix == "default" else int(suffix)
            if env.opt(ns, "ListenerEnabled") == "false":
                continue
            out[port] = {
                "protocol": env.opt(ns, "Protocol") or "HTTP",
                "certificate": (_split(env.opt(ns, "SSLCertificateArns")) or [None])[0],
                "policy": env.opt(ns, "SSLPolicy"),
                "rules": env.opt(ns, "Rules"),
            }
        return out

    # -- launch ------------------------------------------------------------------
    def launch(self) -> None:
        env, r = self.env, self.env.resources
        stack = f"awseb-{env.id}-stack"
        r["suffix"] = _rand(12)
        vpc_id, subnets, elb_subnets = self._vpc_and_subnets()
        r["vpc_id"] = vpc_id
        if env.load_balanced:
            lb_sg = self.ec2.create_security_group(
                GroupName=f"{stack}-AWSEBLoadBalancerSecurityGroup-{_rand(12)}",
                Description="Elastic Beanstalk created security group used when no ELB security groups are specified during ELB creation",
                VpcId=vpc_id,
                TagSpecifications=self._sg_tags(),
            )["GroupId"]
            r["lb_sg"] = lb_sg
            self.b.add_event(env, f"Created security group named: {lb_sg}")
            ports = self._listener_ports()
            if ports:
                self.ec2.authorize_security_group_ingress(
                    GroupId=lb_sg,
                    IpPermissions=[
                        {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
                        for p in sorted(ports)
                    ],
                )
        inst_sg = self.ec2.create_security_group(
            GroupName=f"{stack}-AWSEBSecurityGroup-{_rand(12)}",
            Description="SecurityGroup for ElasticBeanstalk environment.",
            VpcId=vpc_id,
            TagSpecifications=self._sg_tags(),
        )["GroupId"]
        r["instance_sg"] = inst_sg
        self.b.add_event(env, f"Created security group named: {inst_sg}")
        app_port = int(env.opt("aws:elasticbeanstalk:environment:process:default", "Port") or 80)
        perms: list[dict[str, Any]] = []
        if env.load_balanced:
            lb_groups = [r["lb_sg"]] + [g for g in _split(env.opt("aws:elbv2:loadbalancer", "SecurityGroups")) if g.startswith("sg-") and g != r["lb_sg"]]
            perms.append({"IpProtocol": "tcp", "FromPort": app_port, "ToPort": app_port,
                          "UserIdGroupPairs": [{"GroupId": g} for g in lb_groups]})
        elif env.tier["Name"] != "Worker":
            perms.append({"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
        ssh = self._ssh_rule()
        if ssh:
            perms.append(ssh)
        if perms:
            self.ec2.authorize_security_group_ingress(GroupId=inst_sg, IpPermissions=perms)
        user_sgs = [g for g in _split(env.opt("aws:autoscaling:launchconfiguration", "SecurityGroups"))]
        self._set("aws:autoscaling:launchconfiguration", "SecurityGroups", ",".join([inst_sg] + user_sgs))

        lt = self.ec2.create_launch_template(
            LaunchTemplateName=f"{stack}-AWSEBEC2LaunchTemplate-{_rand(12)}",
            LaunchTemplateData=self._launch_template_data(),
            TagSpecifications=[{"ResourceType": "launch-template", "Tags": self._tags()}],
        )["LaunchTemplate"]
        r["lt_id"], r["lt_name"], r["lt_version"] = lt["LaunchTemplateId"], lt["LaunchTemplateName"], lt["LatestVersionNumber"]
        self.b.add_event(env, f"Created EC2 launch template named: {lt['LaunchTemplateName']}")

        if env.load_balanced:
            tg = self.elbv2.create_target_group(
                Name=f"awseb-AWSEB-{_rand(12)}",
                Protocol=env.opt("aws:elasticbeanstalk:environment:process:default", "Protocol") or "HTTP",
                Port=app_port,
                VpcId=vpc_id,
                HealthCheckPath=env.opt("aws:elasticbeanstalk:environment:process:default", "HealthCheckPath") or "/",
                Tags=self._tags(),
            )["TargetGroups"][0]["TargetGroupArn"]
            r["tg_arn"] = tg
            self.b.add_event(env, f"Created target group named: {tg}")
            lb_groups = [r["lb_sg"]] + [g for g in _split(env.opt("aws:elbv2:loadbalancer", "SecurityGroups")) if g.startswith("sg-") and g != r["lb_sg"]]
            lb = self.elbv2.create_load_balancer(
                Name=f"awseb-AWSEB-{_rand(12)}",
                Subnets=elb_subnets,
                SecurityGroups=lb_groups,
                Scheme="internal" if env.opt("aws:ec2:vpc", "ELBScheme") == "internal" else "internet-facing",
                Type="application",
                Tags=self._tags(),
            )["LoadBalancers"][0]
            r["lb_arn"] = lb["LoadBalancerArn"]
            env.endpoint = lb["DNSName"]
            self._set("aws:elbv2:loadbalancer", "SecurityGroups", ",".join(lb_groups))
            self._set("aws:elbv2:loadbalancer", "ManagedSecurityGroup", r["lb_sg"])
            self.b.add_event(env, f"Created load balancer named: {r['lb_arn']}")
            r["listeners"] = {}
            self._sync_listeners()
            self._sync_lb_attributes()

        if env.tier["Name"] == "Worker":
            sqs = internal.client("sqs", env.region, env.access_key)
            url = sqs.create_queue(QueueName=f"awseb-{env.id}-AWSEBWorkerQueue-{_rand(12)}")["QueueUrl"]
            r["queue_url"] = url
            self._set("aws:elasticbeanstalk:sqsd", "WorkerQueueURL", url)

        self._sync_log_groups()

        size_min = int(env.opt("aws:autoscaling:asg", "MinSize") or 1)
        size_max = int(env.opt("aws:autoscaling:asg", "MaxSize") or 4)
        if not env.load_balanced:
            size_min = size_max = 1
        asg_name = f"{stack}-AWSEBAutoScalingGroup-{_rand(12)}"
        kwargs: dict[str, Any] = {
            "AutoScalingGroupName": asg_name,
            "LaunchTemplate": {"LaunchTemplateId": r["lt_id"], "Version": str(r["lt_version"])},
            "MinSize": size_min,
            "MaxSize": size_max,
            "DesiredCapacity": size_min,
            "VPCZoneIdentifier": ",".join(subnets),
            "Tags": [dict(t, PropagateAtLaunch=True) for t in self._tags()],
        }
        if r.get("tg_arn"):
            kwargs["TargetGroupARNs"] = [r["tg_arn"]]
        self.asg.create_auto_scaling_group(**kwargs)
        r["asg"] = asg_name
        self.b.add_event(env, f"Created Auto Scaling group named: {asg_name}")
        self._sync_instances()
        if not env.load_balanced and env.tier["Name"] != "Worker":
            ids = self._instance_ids()
            if ids:
                inst = self.ec2.describe_instances(InstanceIds=ids[:1])["Reservations"][0]["Instances"][0]
                env.endpoint = inst.get("PublicIpAddress") or inst.get("PrivateIpAddress")

    def _log_group_names(self) -> list[tuple[str, str]]:
        """(option namespace, log group) pairs EB creates when streaming is on."""
        base = f"/aws/elasticbeanstalk/{self.env.name}"
        out = []
        if self.env.opt("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs") == "true":
            for f in ("var/log/eb-engine.log", "var/log/web.stdout.log", "var/log/nginx/access.log"):
                out.append(("aws:elasticbeanstalk:cloudwatch:logs", f"{base}/{f}"))
        if self.env.opt("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled") == "true":
            out.append(("aws:elasticbeanstalk:cloudwatch:logs:health", f"{base}/environment-health.log"))
        return out

    def _sync_log_groups(self) -> None:
        logs = internal.client("logs", self.env.region, self.env.access_key)
        existing = {
            g["logGroupName"]
            for g in logs.describe_log_groups(logGroupNamePrefix=f"/aws/elasticbeanstalk/{self.env.name}/").get("logGroups", [])
        }
        for ns, name in self._log_group_names():
            if name not in existing:
                logs.create_log_group(logGroupName=name, tags={"elasticbeanstalk:environment-name": self.env.name})
            days = int(self.env.opt(ns, "RetentionInDays") or 7)
            logs.put_retention_policy(logGroupName=name, retentionInDays=days)

    def _instance_ids(self) -> list[str]:
        groups = self.asg.describe_auto_scaling_groups(AutoScalingGroupNames=[self.env.resources["asg"]])["AutoScalingGroups"]
        return [i["InstanceId"] for g in groups for i in g.get("Instances", [])]

    def _sync_instances(self) -> None:
        """Make the running instances agree with the launch template's metadata options."""
        tokens = "required" if self.env.opt("aws:autoscaling:launchconfiguration", "DisableIMDSv1") == "true" else "optional"
        for iid in self._instance_ids():
            self.ec2.modify_instance_metadata_options(
                InstanceId=iid, HttpTokens=tokens, HttpEndpoint="enabled", HttpPutResponseHopLimit=2
            )

    def _sync_listeners(self) -> None:
        r = self.env.resources
        wanted = self._listener_ports()
        existing: dict[int, str] = r.setdefault("listeners", {})
        for port in sorted(set(existing) - set(wanted)):
            self.elbv2.delete_listener(ListenerArn=existing.pop(port))
        for port, spec in sorted(wanted.items()):
            rules = _split(spec.get("rules"))
            if port == 80 and "redirect" in rules:
                actions = [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]
            else:
                actions = [{"Type": "forward", "TargetGroupArn": r["tg_arn"]}]
            kwargs: dict[str, Any] = {"Protocol": spec["protocol"], "Port": port, "DefaultActions": actions}
            if spec["protocol"] == "HTTPS":
                if spec.get("certificate"):
                    kwargs["Certificates"] = [{"CertificateArn": spec["certificate"]}]
                kwargs["SslPolicy"] = spec.get("policy") or "ELBSecurityPolicy-2016-08"
            if port in existing:
                self.elbv2.modify_listener(ListenerArn=existing[port], **kwargs)
            else:
                arn = self.elbv2.create_listener(LoadBalancerArn=r["lb_arn"], **kwargs)["Listeners"][0]["ListenerArn"]
                existing[port] = arn

    def _sync_lb_attributes(self) -> None:
        env = self.env
        enabled = env.opt("aws:elbv2:loadbalancer", "AccessLogsS3Enabled") == "true"
        attrs = [{"Key": "access_logs.s3.enabled", "Value": "true" if enabled else "false"}]
        bucket = env.opt("aws:elbv2:loadbalancer", "AccessLogsS3Bucket")
        if enabled and bucket:
            attrs.append({"Key": "access_logs.s3.bucket", "Value": bucket})
            prefix = env.opt("aws:elbv2:loadbalancer", "AccessLogsS3Prefix")
            if prefix:
                attrs.append({"Key": "access_logs.s3.prefix", "Value": prefix})
        idle = env.opt("aws:elbv2:loadbalancer", "IdleTimeout")
        if idle:
            attrs.append({"Key": "idle_timeout.timeout_seconds", "Value": idle})
        self.elbv2.modify_load_balancer_attributes(LoadBalancerArn=env.resources["lb_arn"], Attributes=attrs)

    # -- update ------------------------------------------------------------------
    def apply(self, before: dict[opts.Key, str]) -> None:
        env, r = self.env, self.env.resources
        changed_ns = {k[0] for k in set(before) ^ set(env.options)} | {
            k[0] for k in env.options if k in before and before[k] != env.options[k]
        }
        if not r.get("asg"):
            return
        if {"aws:elasticbeanstalk:cloudwatch:logs", "aws:elasticbeanstalk:cloudwatch:logs:health"} & changed_ns:
            self._sync_log_groups()
        lc = "aws:autoscaling:launchconfiguration"
        if lc in changed_ns or "aws:ec2:instances" in changed_ns:
            ssh = self._ssh_rule()
            group = self.ec2.describe_security_groups(GroupIds=[r["instance_sg"]])["SecurityGroups"][0]
            old_ssh = [p for p in group["IpPermissions"] if p.get("FromPort") == 22 and p.get("ToPort") == 22]
            if old_ssh:
                self.ec2.revoke_security_group_ingress(GroupId=r["instance_sg"], IpPermissions=_clean_perms(old_ssh))
            if ssh:
                self.ec2.authorize_security_group_ingress(GroupId=r["instance_sg"], IpPermissions=[ssh])
            version = self.ec2.create_launch_template_version(
                LaunchTemplateId=r["lt_id"], LaunchTemplateData=self._launch_template_data()
            )["LaunchTemplateVersion"]["VersionNumber"]
            self.ec2.modify_launch_template(LaunchTemplateId=r["lt_id"], DefaultVersion=str(version))
            r["lt_version"] = version
            self.asg.update_auto_scaling_group(
                AutoScalingGroupName=r["asg"],
                LaunchTemplate={"LaunchTemplateId": r["lt_id"], "Version": str(version)},
            )
            self._sync_instances()
        if "aws:autoscaling:asg" in changed_ns and env.load_balanced:
            lo = int(env.opt("aws:autoscaling:asg", "MinSize") or 1)
            hi = int(env.opt("aws:autoscaling:asg", "MaxSize") or 4)
            self.asg.update_auto_scaling_group(AutoScalingGroupName=r["asg"], MinSize=lo, MaxSize=hi, DesiredCapacity=lo)
            self._sync_instances()
        if r.get("lb_arn"):
            if any(ns.startswith("aws:elbv2:listener") for ns in changed_ns):
                self._sync_listeners()
                ports = set(self._listener_ports())
                group = self.ec2.describe_security_groups(GroupIds=[r["lb_sg"]])["SecurityGroups"][0]
                have = {p.get("FromPort") for p in group["IpPermissions"] if any(ip.get("CidrIp") == "0.0.0.0/0" for ip in p.get("IpRanges", []))}
                add = sorted(ports - have)
                if add:
                    self.ec2.authorize_security_group_ingress(
                        GroupId=r["lb_sg"],
                        IpPermissions=[{"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]} for p in add],
                    )
            if "aws:elbv2:loadbalancer" in changed_ns:
                self._sync_lb_attributes()

    # -- terminate -----------------------------------------------------------------
    def destroy(self) -> None:
        r = self.env.resources
        steps = []
        if r.get("asg"):
            steps.append(lambda: self.asg.delete_auto_scaling_group(AutoScalingGroupName=r["asg"], ForceDelete=True))
        if r.get("lb_arn"):
            steps.append(lambda: self.elbv2.delete_load_balancer(LoadBalancerArn=r["lb_arn"]))
        if r.get("tg_arn"):
            steps.append(lambda: self.elbv2.delete_target_group(TargetGroupArn=r["tg_arn"]))
        if r.get("lt_id"):
            steps.append(lambda: self.ec2.delete_launch_template(LaunchTemplateId=r["lt_id"]))
        if r.get("instance_sg"):
            steps.append(lambda: self.ec2.delete_security_group(GroupId=r["instance_sg"]))
        if r.get("lb_sg"):
            steps.append(lambda: self.ec2.delete_security_group(GroupId=r["lb_sg"]))
        if r.get("queue_url"):
            steps.append(lambda: internal.client("sqs", self.env.region, self.env.access_key).delete_queue(QueueUrl=r["queue_url"]))
        for step in steps:
            try:
                step()
            except Exception as exc:  # a resource already gone does not stop termination
                self.b.add_event(self.env, f"Could not delete a resource: {exc}", "WARN")
        for key, label in (("asg", "Auto Scaling group"), ("lb_arn", "load balancer"), ("instance_sg", "security group")):
            if r.get(key):
                self.b.add_event(self.env, f"Deleted {label} named: {r[key]}")


def _clean_perms(perms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for p in perms:
        q = {k: p[k] for k in ("IpProtocol", "FromPort", "ToPort") if k in p}
        if p.get("IpRanges"):
            q["IpRanges"] = [{"CidrIp": x["CidrIp"]} for x in p["IpRanges"]]
        if p.get("Ipv6Ranges"):
            q["Ipv6Ranges"] = [{"CidrIpv6": x["CidrIpv6"]} for x in p["Ipv6Ranges"]]
        if p.get("UserIdGroupPairs"):
            q["UserIdGroupPairs"] = [{"GroupId": x["GroupId"]} for x in p["UserIdGroupPairs"]]
        out.append(q)
    return out


def _settings_list(options: dict[opts.Key, str]) -> list[dict[str, str]]:
    out = []
    for (ns, name, resource), value in sorted(options.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        s = {"Namespace": ns, "OptionName": name, "Value": value}
        if resource:
            s["ResourceName"] = resource
        out.append(s)
    return out


def _page(items: list[Any], token: str | None, size: int) -> tuple[list[Any], str | None]:
    offset = 0
    if token:
        try:
            offset = int(json.loads(base64.b64decode(token))["o"])
        except (ValueError, KeyError, TypeError):
            raise InvalidParameterValue("Invalid NextToken.")
    page = items[offset : offset + size]
    nxt = None
    if offset + size < len(items):
        nxt = base64.b64encode(json.dumps({"o": offset + size}).encode()).decode()
    return page, nxt


class SimEBResponse(BaseResponse):
    """The Elastic Beanstalk Query API."""

    def __init__(self) -> None:
        super().__init__(service_name="elasticbeanstalk")
        self.automated_parameter_parsing = True

    @property
    def backend(self) -> SimEBBackend:
        return sim_eb_backends[self.current_account][self.region]

    def _access_key(self) -> str | None:
        auth = self.headers.get("Authorization", "") if self.headers else ""
        if "Credential=" in auth:
            return auth.split("Credential=")[1].split("/")[0]
        return None

    def _p(self) -> dict[str, Any]:
        return dict(self.params or {})

    # -- applications ------------------------------------------------------------------
    def create_application(self) -> ActionResult:
        with LOCK:
            p = self._p()
            app = self.backend.create_application(
                p["ApplicationName"], p.get("Description"), {t["Key"]: t["Value"] for t in p.get("Tags") or []}
            )
            return ActionResult({"Application": _app_desc(app, self.backend)})

    def describe_applications(self) -> ActionResult:
        with LOCK:
            names = self._get_param("ApplicationNames") or []
            apps = [a for a in self.backend.applications.values() if not names or a.name in names]
            return ActionResult({"Applications": [_app_desc(a, self.backend) for a in apps]})

    def delete_application(self) -> ActionResult:
        with LOCK:
            name = self._get_param("ApplicationName")
            self.backend.app(name)
            live = [e for e in self.backend.environments.values() if e.app == name and e.status != "Terminated"]
            if live and not self._get_param("TerminateEnvByForce"):
                raise InvalidParameterValue(f"Unable to delete application {name} because it has running environments.")
            for e in live:
                self.backend.terminate_environment({"EnvironmentId": e.id})
            del self.backend.applications[name]
            return EmptyResult()

    def create_configuration_template(self) -> ActionResult:
        with LOCK:
            p = self._p()
            app = self.backend.app(p["ApplicationName"])
            settings = p.get("OptionSettings") or []
            _raise_on_invalid(settings)
            source = None
            if p.get("EnvironmentId"):
                source = self.backend.env(env_id=p["EnvironmentId"])
            platform = self.backend.resolve_platform(
                p.get("SolutionStackName"), p.get("PlatformArn"),
                Template("", "", source.platform, {}, None) if source else None,
            )
            options = dict(source.options) if source else {}
            for s in settings:
                if s.get("Value") is not None:
                    options[opts.key_of(s)] = str(s["Value"])
            t = Template(app.name, p["TemplateName"], platform, options, p.get("Description"))
            app.templates[t.name] = t
            return ActionResult(_template_desc(t, self.backend.region_name))

    # -- environments ------------------------------------------------------------------
    def create_environment(self) -> ActionResult:
        with LOCK:
            return ActionResult(self.backend.create_environment(self._p(), self._access_key()))

    def describe_environments(self) -> ActionResult:
        with LOCK:
            p = self._p()
            names = p.get("EnvironmentNames") or []
            ids = p.get("EnvironmentIds") or []
            include_deleted = p.get("IncludeDeleted")
            include_deleted = True if include_deleted is None else include_deleted
            back_to = _as_dt(p.get("IncludedDeletedBackTo"))
            out = []
            for e in self.backend.environments.values():
                if p.get("ApplicationName") and e.app != p["ApplicationName"]:
                    continue
                if names and e.name not in names:
                    continue
                if ids and e.id not in ids:
                    continue
                if p.get("VersionLabel") and e.version_label != p["VersionLabel"]:
                    continue
                if e.status == "Terminated":
                    if not include_deleted:
                        continue
                    if back_to and e.terminated_at and e.terminated_at < back_to:
                        continue
                out.append(e.describe())
            page, nxt = _page(out, p.get("NextToken"), int(p.get("MaxRecords") or 1000))
            result: dict[str, Any] = {"Environments": page}
            if nxt:
                result["NextToken"] = nxt
            return ActionResult(result)

    def update_environment(self) -> ActionResult:
        with LOCK:
            return ActionResult(self.backend.update_environment(self._p()))

    def terminate_environment(self) -> ActionResult:
        with LOCK:
            return ActionResult(self.backend.terminate_environment(self._p()))

    def describe_configuration_settings(self) -> ActionResult:
        with LOCK:
            p = self._p()
            app = self.backend.app(p["ApplicationName"])
            if p.get("TemplateName"):
                t = app.templates.get(p["TemplateName"])
                if not t:
                    raise InvalidParameterValue(f"No Configuration Template named '{app.name}/{p['TemplateName']}' found.")
                return ActionResult({"ConfigurationSettings": [_template_desc(t, self.backend.region_name)]})
            if not p.get("EnvironmentName"):
                raise InvalidParameterValue("Either TemplateName or EnvironmentName must be specified.")
            env = self.backend.env(p["EnvironmentName"])
            if env.app != app.name:
                raise InvalidParameterValue(f"No Environment found for EnvironmentName = '{env.name}'.")
            desc = {
                "SolutionStackName": env.platform.solution_stack,
                "PlatformArn": env.platform.arn(env.region),
                "ApplicationName": env.app,
                "EnvironmentName": env.name,
                "DeploymentStatus": "deployed",
                "DateCreated": env.created,
                "DateUpdated": env.updated,
                "OptionSettings": _settings_list(env.options),
            }
            if env.template_name:
                desc["TemplateName"] = env.template_name
            if env.description:
                desc["Description"] = env.description
            return ActionResult({"ConfigurationSettings": [desc]})

    def validate_configuration_settings(self) -> ActionResult:
        with LOCK:
            p = self._p()
            app = self.backend.app(p["ApplicationName"])
            if p.get("EnvironmentName"):
                self.backend.env(p["EnvironmentName"])
            elif p.get("TemplateName"):
                if p["TemplateName"] not in app.templates:
                    raise InvalidParameterValue(f"No Configuration Template named '{app.name}/{p['TemplateName']}' found.")
            return ActionResult({"Messages": opts.validate(p.get("OptionSettings") or [])})

    def describe_environment_resources(self) -> ActionResult:
        with LOCK:
            p = self._p()
            env = self.backend.env(p.get("EnvironmentName"), p.get("EnvironmentId"))
            return ActionResult({"EnvironmentResources": self.backend.environment_resources(env)})

    def describe_environment_health(self) -> ActionResult:
        with LOCK:
            p = self._p()
            env = self.backend.env(p.get("EnvironmentName"), p.get("EnvironmentId"))
            return ActionResult({
                "EnvironmentName": env.name,
                "HealthStatus": env.health_status,
                "Status": env.status,
                "Color": env.health,
                "Causes": [],
                "RefreshedAt": _now(),
            })

    def describe_events(self) -> ActionResult:
        with LOCK:
            p = self._p()
            start, end = _as_dt(p.get("StartTime")), _as_dt(p.get("EndTime"))
            levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]
            min_level = levels.index(p["Severity"]) if p.get("Severity") in levels else 0
            out = []
            for ev in reversed(self.backend.events):
                if p.get("ApplicationName") and ev.get("ApplicationName") != p["ApplicationName"]:
                    continue
                if p.get("EnvironmentName") and ev.get("EnvironmentName") != p["EnvironmentName"]:
                    continue
                if p.get("EnvironmentId") and ev.get("_env_id") != p["EnvironmentId"]:
                    continue
                if p.get("PlatformArn") and ev.get("PlatformArn") != p["PlatformArn"]:
                    continue
                if p.get("RequestId") and ev.get("RequestId") != p["RequestId"]:
                    continue
                if levels.index(ev["Severity"]) < min_level:
                    continue
                if start and ev["EventDate"] < start:
                    continue
                if end and ev["EventDate"] >= end:
                    continue
                out.append({k: v for k, v in ev.items() if not k.startswith("_")})
            page, nxt = _page(out, p.get("NextToken"), int(p.get("MaxRecords") or 1000))
            result: dict[str, Any] = {"Events": page}
            if nxt:
                result["NextToken"] = nxt
            return ActionResult(result)

    def associate_environment_operations_role(self) -> ActionResult:
        from moto.iam.models import iam_backends

        with LOCK:
            p = self._p()
            env = self.backend.env(p["EnvironmentName"])
            arn = p["OperationsRole"]
            iam = iam_backends[self.current_account]["aws"]
            if not any(r.arn == arn for r in iam.roles.values()):
                raise InvalidParameterValue(f"The operations role '{arn}' doesn't exist or Elastic Beanstalk can't assume it.")
            env.operations_role = arn
            self.backend.add_event(env, f"Associated operations role {arn} with environment.")
            return EmptyResult()

    def disassociate_environment_operations_role(self) -> ActionResult:
        with LOCK:
            env = self.backend.env(self._get_param("EnvironmentName"))
            env.operations_role = None
            self.backend.add_event(env, "Disassociated operations role from environment.")
            return EmptyResult()

    # -- platforms ----------------------------------------------------------------------
    def describe_platform_version(self) -> ActionResult:
        arn = self._get_param("PlatformArn")
        p = plats.by_arn(arn or "")
        if not p:
            raise InvalidParameterValue(f"No Platform named '{arn}' found.")
        return ActionResult({"PlatformDescription": p.describe(self.region)})

    def list_platform_branches(self) -> ActionResult:
        p = self._p()
        rows = plats.branches()
        for f in p.get("Filters") or []:
            attr = {"BranchName": "BranchName", "LifecycleState": "LifecycleState", "PlatformName": "PlatformName"}.get(f.get("Attribute", ""))
            if attr:
                rows = [r for r in rows if plats.filter_match(r[attr], f.get("Operator") or "=", f.get("Values") or [""])]
            elif f.get("Attribute") == "TierType":
                rows = [r for r in rows if any(t.startswith(v) for t in r["SupportedTierList"] for v in f.get("Values") or [])]
        page, nxt = _page(rows, p.get("NextToken"), int(p.get("MaxRecords") or 100))
        result: dict[str, Any] = {"PlatformBranchSummaryList": page}
        if nxt:
            result["NextToken"] = nxt
        return ActionResult(result)

    def list_platform_versions(self) -> ActionResult:
        p = self._p()
        rows = [x.summary(self.region) for x in plats.PLATFORMS]
        keys = {
            "PlatformName": "PlatformBranchName", "PlatformVersion": "PlatformVersion",
            "PlatformStatus": "PlatformStatus", "PlatformBranchName": "PlatformBranchName",
            "PlatformLifecycleState": "PlatformLifecycleState", "PlatformOwner": "PlatformOwner",
            "OperatingSystemName": "OperatingSystemName",
        }
        for f in p.get("Filters") or []:
            key = keys.get(f.get("Type", ""))
            if key:
                rows = [r for r in rows if plats.filter_match(r.get(key), f.get("Operator") or "=", f.get("Values") or [""])]
        page, nxt = _page(rows, p.get("NextToken"), int(p.get("MaxRecords") or 100))
        result: dict[str, Any] = {"PlatformSummaryList": page}
        if nxt:
            result["NextToken"] = nxt
        return ActionResult(result)

    def list_available_solution_stacks(self) -> ActionResult:
        stacks = [x.solution_stack for x in plats.PLATFORMS if x.branch_state != "Retired"]
        details = [{"SolutionStackName": s, "PermittedFileTypes": ["zip"]} for s in stacks]
        for d in SOLUTION_STACK_DETAILS:
            if d["SolutionStackName"] not in stacks:
                stacks.append(d["SolutionStackName"])
                details.append(d)
        return ActionResult({"SolutionStacks": stacks, "SolutionStackDetails": details})

    # -- tags -------------------------------------------------------------------------
    def _tagged(self, arn: str) -> dict[str, str]:
        for e in self.backend.environments.values():
            if e.arn == arn:
                return e.tags
        for a in self.backend.applications.values():
            if a.arn == arn:
                return a.tags
        raise ServiceException("ResourceNotFoundException", f"Resource not found for ARN '{arn}'.")

    def list_tags_for_resource(self) -> ActionResult:
        with LOCK:
            arn = self._get_param("ResourceArn")
            tags = self._tagged(arn)
            return ActionResult({"ResourceArn": arn, "ResourceTags": [{"Key": k, "Value": v} for k, v in tags.items()]})

    def update_tags_for_resource(self) -> ActionResult:
        with LOCK:
            p = self._p()
            tags = self._tagged(p["ResourceArn"])
            for t in p.get("TagsToAdd") or []:
                tags[t["Key"]] = t["Value"]
            for k in p.get("TagsToRemove") or []:
                tags.pop(k, None)
            return EmptyResult()

    def create_storage_location(self) -> ActionResult:
        bucket = f"elasticbeanstalk-{self.region}-{self.current_account}"
        s3 = internal.client("s3", self.region, self._access_key())
        try:
            kwargs: dict[str, Any] = {"Bucket": bucket}
            if self.region != "us-east-1":
                kwargs["CreateBucketConfiguration"] = {"LocationConstraint": self.region}
            s3.create_bucket(**kwargs)
        except Exception:  # the bucket already exists
            pass
        return ActionResult({"S3Bucket": bucket})


def _app_desc(app: Application, backend: SimEBBackend) -> dict[str, Any]:
    return {
        "ApplicationArn": app.arn,
        "ApplicationName": app.name,
        "Description": app.description,
        "DateCreated": app.created,
        "DateUpdated": app.created,
        "Versions": [],
        "ConfigurationTemplates": sorted(app.templates),
    }


def _template_desc(t: Template, region: str) -> dict[str, Any]:
    options = opts.defaults(True, sorted({k[0] for k in t.options}))
    options.update(t.options)
    d = {
        "SolutionStackName": t.platform.solution_stack,
        "PlatformArn": t.platform.arn(region),
        "ApplicationName": t.app,
        "TemplateName": t.name,
        "DateCreated": t.created,
        "DateUpdated": t.created,
        "OptionSettings": _settings_list(options),
    }
    if t.description:
        d["Description"] = t.description
    return d


def install() -> None:
    import moto.elasticbeanstalk.urls as urls

    for key in list(urls.url_paths):
        urls.url_paths[key] = SimEBResponse.dispatch
