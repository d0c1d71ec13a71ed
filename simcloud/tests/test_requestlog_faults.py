"""The request log and fault injection, per protocol, parsed by botocore."""

from __future__ import annotations

import json
import time
import urllib.error

import pytest
from botocore.exceptions import ClientError

from .conftest import start_cloud, stop_cloud

STACK = "64bit Amazon Linux 2023 v4.6.0 running Python 3.11"


@pytest.fixture
def quiet(cloud):
    cloud.api("DELETE", "/_simcloud/faults")
    cloud.api("DELETE", "/_simcloud/requests")
    yield cloud
    cloud.api("DELETE", "/_simcloud/faults")


def test_request_log_records_each_call_once(quiet, unique):
    cloud = quiet
    eb = cloud.client("elasticbeanstalk")
    app, env = unique("log-app"), unique("log-env")
    eb.create_application(ApplicationName=app)
    eb.create_environment(ApplicationName=app, EnvironmentName=env, SolutionStackName=STACK)
    cloud.client("sts").get_caller_identity()
    cloud.client("cloudtrail").lookup_events(MaxResults=1)
    s3 = cloud.client("s3")
    bucket = unique("log-bucket")
    s3.create_bucket(Bucket=bucket)
    with pytest.raises(ClientError):
        s3.get_bucket_encryption(Bucket=bucket)
    entries = cloud.api("GET", "/_simcloud/requests")
    ops = [(e["service"], e["operation"]) for e in entries]
    assert ops == [
        ("elasticbeanstalk", "CreateApplication"),
        ("elasticbeanstalk", "CreateEnvironment"),
        ("sts", "GetCallerIdentity"),
        ("cloudtrail", "LookupEvents"),
        ("s3", "CreateBucket"),
        ("s3", "GetBucketEncryption"),
    ]  # the EC2/ELB/Auto Scaling calls EB made for the environment are not the client's
    by_op = {e["operation"]: e for e in entries}
    assert by_op["GetCallerIdentity"]["readOnly"] is True and by_op["CreateEnvironment"]["readOnly"] is False
    assert by_op["LookupEvents"]["target"] == "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"
    assert by_op["GetBucketEncryption"]["status"] == 404 and by_op["CreateApplication"]["status"] == 200
    assert all(e["timestamp"].endswith("+00:00") for e in entries)
    lines = [json.loads(line) for line in cloud.request_log.read_text().splitlines()]
    assert [(e["service"], e["operation"]) for e in lines[-len(ops):]] == ops


def test_request_log_reset(quiet):
    quiet.client("sts").get_caller_identity()
    assert len(quiet.api("GET", "/_simcloud/requests")) == 1
    quiet.api("DELETE", "/_simcloud/requests")
    assert quiet.api("GET", "/_simcloud/requests") == []
    assert quiet.request_log.read_text() == ""


CASES = [
    # service, region call, kind, expected code, expected HTTP status
    ("iam", lambda c: c.client("iam").get_role(RoleName="x"), "GetRole", "AccessDenied", "AccessDenied", 403),
    ("iam", lambda c: c.client("iam").list_roles(), "ListRoles", "Throttling", "Throttling", 400),
    ("elasticbeanstalk", lambda c: c.client("elasticbeanstalk").describe_environments(), "DescribeEnvironments", "InternalError", "InternalFailure", 500),
    ("elasticbeanstalk", lambda c: c.client("elasticbeanstalk").describe_configuration_settings(ApplicationName="app", EnvironmentName="env-b"),
     "DescribeConfigurationSettings", "AccessDenied", "AccessDenied", 403),
    ("ec2", lambda c: c.client("ec2").describe_security_groups(), "DescribeSecurityGroups", "AccessDenied", "UnauthorizedOperation", 403),
    ("ec2", lambda c: c.client("ec2").describe_instances(), "DescribeInstances", "Throttling", "RequestLimitExceeded", 503),
    ("cloudtrail", lambda c: c.client("cloudtrail").lookup_events(), "LookupEvents", "Throttling", "ThrottlingException", 400),
    ("kms", lambda c: c.client("kms").list_keys(), "ListKeys", "AccessDenied", "AccessDeniedException", 400),
    ("s3", lambda c: c.client("s3").get_bucket_encryption(Bucket="b"), "GetBucketEncryption", "AccessDenied", "AccessDenied", 403),
    ("s3", lambda c: c.client("s3").list_buckets(), "ListBuckets", "Throttling", "SlowDown", 503),
    ("elbv2", lambda c: c.client("elbv2").describe_load_balancers(), "DescribeLoadBalancers", "AccessDenied", "AccessDenied", 403),
    ("rds", lambda c: c.client("rds").describe_db_instances(), "DescribeDBInstances", "InternalError", "InternalFailure", 500),
    ("autoscaling", lambda c: c.client("autoscaling").describe_auto_scaling_groups(), "*", "Throttling", "Throttling", 400),
]


@pytest.mark.parametrize("service,call,operation,kind,code,status", CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_fault_shapes_parse_as_aws_errors(quiet, service, call, operation, kind, code, status):
    quiet.api("POST", "/_simcloud/faults", {"service": service, "operation": operation, "kind": kind, "count": 1})
    with pytest.raises(ClientError) as err:
        call(quiet)
    assert err.value.response["Error"]["Code"] == code
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert err.value.response["Error"]["Message"]
    call_again = call  # the fault was for one call only
    try:
        call_again(quiet)
    except ClientError as again:
        assert again.response["Error"]["Code"] != code
    assert quiet.api("GET", "/_simcloud/requests")[0]["status"] == status


def test_fault_count_retry_after_and_clear(quiet):
    quiet.api("POST", "/_simcloud/faults", {"service": "iam", "operation": "*", "kind": "Throttling", "count": 2, "retryAfter": 3})
    iam = quiet.client("iam")
    for _ in range(2):
        with pytest.raises(ClientError) as err:
            iam.list_users()
        assert err.value.response["ResponseMetadata"]["HTTPHeaders"]["retry-after"] == "3"
    iam.list_users()  # the count is spent
    quiet.api("POST", "/_simcloud/faults", {"service": "iam", "operation": "ListUsers", "kind": "AccessDenied", "count": None})
    for _ in range(3):
        with pytest.raises(ClientError):
            iam.list_users()
    assert quiet.api("GET", "/_simcloud/faults")[0]["served"] == 3
    quiet.api("DELETE", "/_simcloud/faults")
    iam.list_users()


def test_botocore_retries_through_a_throttle(quiet):
    quiet.api("POST", "/_simcloud/faults", {"service": "elasticbeanstalk", "operation": "DescribeEnvironments",
                                           "kind": "Throttling", "count": 2})
    eb = quiet.client("elasticbeanstalk", retries=2)
    eb.describe_environments()
    statuses = [e["status"] for e in quiet.api("GET", "/_simcloud/requests")]
    assert statuses == [400, 400, 200]


def test_denied_mutations_reach_cloudtrail(quiet, unique):
    quiet.api("POST", "/_simcloud/faults", {"service": "elasticbeanstalk", "operation": "TerminateEnvironment", "kind": "AccessDenied", "count": 1})
    env = unique("denied")
    with pytest.raises(ClientError):
        quiet.client("elasticbeanstalk").terminate_environment(EnvironmentName=env)
    ev = quiet.client("cloudtrail").lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": env}])["Events"][0]
    assert json.loads(ev["CloudTrailEvent"])["errorCode"] == "AccessDenied"


def test_bad_fault_spec_is_rejected(quiet):
    with pytest.raises(urllib.error.HTTPError) as err:
        quiet.api("POST", "/_simcloud/faults", {"service": "iam", "kind": "Meteor"})
    assert err.value.code == 400


def test_sigterm_shuts_down_cleanly(tmp_path):
    c = start_cloud(tmp_path)
    assert c.api("GET", "/_simcloud/health")["ok"] is True
    started = time.time()
    assert stop_cloud(c) == 0
    assert time.time() - started < 5


def test_hang_holds_the_call_and_never_performs_it(quiet, unique):
    eb = quiet.client("elasticbeanstalk", retries=0)
    app = unique("hang")
    quiet.api("POST", "/_simcloud/faults", {"service": "elasticbeanstalk", "operation": "CreateApplication", "kind": "Hang", "delay": 0.5, "count": 1})
    started = time.monotonic()
    with pytest.raises(ClientError) as err:
        eb.create_application(ApplicationName=app)
    assert time.monotonic() - started >= 0.5
    assert err.value.response["Error"]["Code"] == "InternalFailure"
    assert eb.describe_applications(ApplicationNames=[app])["Applications"] == []
