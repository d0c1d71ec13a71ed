"""CloudTrail LookupEvents: recording of served calls, crafted events, filters and paging."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from botocore.exceptions import ClientError

ACCOUNT = "123456789012"


def test_mutating_calls_are_recorded_with_the_callers_identity(cloud, unique):
    iam = cloud.client("iam")
    user = unique("ct-user")
    iam.create_user(UserName=user)
    key = iam.create_access_key(UserName=user)["AccessKey"]
    as_user = cloud.client("iam", key=key["AccessKeyId"], secret=key["SecretAccessKey"])
    role = unique("ct-role")
    as_user.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}]}))
    as_user.get_role(RoleName=role)  # read-only: not an event

    ct = cloud.client("cloudtrail")
    events = ct.lookup_events(LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": user}])["Events"]
    assert [e["EventName"] for e in events] == ["CreateRole"]
    ev = events[0]
    assert ev["EventSource"] == "iam.amazonaws.com" and ev["ReadOnly"] == "false"
    assert ev["AccessKeyId"] == key["AccessKeyId"]
    assert {"ResourceType": "AWS::IAM::Role", "ResourceName": role} in ev["Resources"]
    record = json.loads(ev["CloudTrailEvent"])
    assert record["userIdentity"]["type"] == "IAMUser"
    assert record["userIdentity"]["arn"] == f"arn:aws:iam::{ACCOUNT}:user/{user}"
    assert record["requestParameters"]["roleName"] == role
    assert record["awsRegion"] == "us-east-1" and record["recipientAccountId"] == ACCOUNT

    creds = cloud.client("sts").assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/{role}", RoleSessionName="ci-run")["Credentials"]
    eb = cloud.client("elasticbeanstalk", key=creds["AccessKeyId"], secret=creds["SecretAccessKey"], token=creds["SessionToken"])
    app = unique("ct-app")
    eb.create_application(ApplicationName=app)
    ev = ct.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": app}])["Events"][0]
    assert ev["EventName"] == "CreateApplication" and ev["Username"] == "ci-run"
    identity = json.loads(ev["CloudTrailEvent"])["userIdentity"]
    assert identity["type"] == "AssumedRole"
    assert identity["sessionContext"]["sessionIssuer"]["arn"] == f"arn:aws:iam::{ACCOUNT}:role/{role}"


def test_option_settings_appear_in_request_parameters(cloud, unique):
    eb = cloud.client("elasticbeanstalk")
    app, env = unique("ct-app"), unique("ct-env")
    eb.create_application(ApplicationName=app)
    eb.create_environment(ApplicationName=app, EnvironmentName=env,
                          SolutionStackName="64bit Amazon Linux 2023 v4.6.0 running Python 3.11",
                          OptionSettings=[{"Namespace": "aws:autoscaling:launchconfiguration", "OptionName": "DisableIMDSv1", "Value": "true"}])
    ct = cloud.client("cloudtrail")
    events = ct.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": env}])["Events"]
    create = [e for e in events if e["EventName"] == "CreateEnvironment"][0]
    params = json.loads(create["CloudTrailEvent"])["requestParameters"]
    assert params["environmentName"] == env
    assert params["optionSettings"] == [{"namespace": "aws:autoscaling:launchconfiguration", "optionName": "DisableIMDSv1", "value": "true"}]
    # Resources EB builds are recorded as calls made by the service, not the user.
    sg = ct.lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "CreateSecurityGroup"}])["Events"][0]
    assert json.loads(sg["CloudTrailEvent"])["userIdentity"]["invokedBy"] == "elasticbeanstalk.amazonaws.com"


def test_crafted_events_filters_and_paging(cloud, unique):
    env = unique("crafted")
    now = datetime.now(timezone.utc)
    crafted = [
        {"eventName": "UpdateEnvironment", "eventSource": "elasticbeanstalk.amazonaws.com", "awsRegion": "eu-west-1",
         "eventTime": (now - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"), "sourceIPAddress": "203.0.113.9",
         "userIdentity": {"type": "Root", "arn": f"arn:aws:iam::{ACCOUNT}:root", "accountId": ACCOUNT, "principalId": ACCOUNT},
         "requestParameters": {"environmentName": env, "optionSettings": [
             {"namespace": "aws:autoscaling:launchconfiguration", "optionName": "DisableIMDSv1", "value": "false"}]}},
        {"eventName": "TerminateEnvironment", "eventSource": "elasticbeanstalk.amazonaws.com", "awsRegion": "eu-west-1",
         "eventTime": (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"), "errorCode": "AccessDenied",
         "userIdentity": {"type": "IAMUser", "userName": "mallory", "arn": f"arn:aws:iam::{ACCOUNT}:user/mallory", "accountId": ACCOUNT},
         "requestParameters": {"environmentName": env}},
    ] + [
        {"eventName": "RebuildEnvironment", "eventSource": "elasticbeanstalk.amazonaws.com", "awsRegion": "eu-west-1",
         "eventTime": (now - timedelta(hours=i + 1)).strftime("%Y-%m-%dT%H:%M:%SZ"), "requestParameters": {"environmentName": env}}
        for i in range(5)
    ]
    stored = cloud.api("POST", "/_simcloud/cloudtrail/events", {"events": crafted})["events"]
    assert len(stored) == 7 and all(e["eventID"] for e in stored)

    ct = cloud.client("cloudtrail", "eu-west-1")
    by_env = ct.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": env}])["Events"]
    assert len(by_env) == 7
    times = [e["EventTime"] for e in by_env]
    assert times == sorted(times, reverse=True)
    root = [e for e in by_env if e["EventName"] == "UpdateEnvironment"][0]
    assert root["Username"] == "root"
    assert json.loads(root["CloudTrailEvent"])["sourceIPAddress"] == "203.0.113.9"
    denied = [e for e in by_env if e["EventName"] == "TerminateEnvironment"][0]
    assert json.loads(denied["CloudTrailEvent"])["errorCode"] == "AccessDenied" and denied["Username"] == "mallory"

    page1 = ct.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": env}], MaxResults=3)
    assert len(page1["Events"]) == 3 and page1["NextToken"]
    page2 = ct.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": env}], MaxResults=3,
                             NextToken=page1["NextToken"])
    assert [e["EventId"] for e in page2["Events"]] == [e["EventId"] for e in by_env[3:6]]
    paginator = ct.get_paginator("lookup_events")
    all_pages = [e for p in paginator.paginate(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": env}],
                                               PaginationConfig={"PageSize": 2}) for e in p["Events"]]
    assert len(all_pages) == 7

    recent = ct.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": env}],
                              StartTime=now - timedelta(days=2), EndTime=now)["Events"]
    assert {e["EventName"] for e in recent} == {"TerminateEnvironment", "RebuildEnvironment"}
    # Another region does not see them.
    other = cloud.client("cloudtrail", "us-east-1")
    assert other.lookup_events(LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": env}])["Events"] == []
    assert any(e["eventName"] == "RebuildEnvironment" for e in cloud.api("GET", "/_simcloud/cloudtrail/events")["events"])


@pytest.mark.parametrize("kwargs,code", [
    ({"LookupAttributes": [{"AttributeKey": "EventName", "AttributeValue": "A"},
                           {"AttributeKey": "Username", "AttributeValue": "B"}]}, "InvalidLookupAttributesException"),
    ({"MaxResults": 51}, "InvalidMaxResultsException"),
    ({"StartTime": datetime(2030, 1, 1), "EndTime": datetime(2020, 1, 1)}, "InvalidTimeRangeException"),
    ({"NextToken": "garbage"}, "InvalidNextTokenException"),
])
def test_lookup_events_validation(cloud, kwargs, code):
    with pytest.raises(ClientError) as err:
        cloud.client("cloudtrail").lookup_events(**kwargs)
    assert err.value.response["Error"]["Code"] == code


def test_aws_cli_lookup_events(cloud, unique):
    name = unique("cli-evt")
    cloud.api("POST", "/_simcloud/cloudtrail/events", {"eventName": "SwapEnvironmentCNAMEs", "eventSource": "elasticbeanstalk.amazonaws.com",
                                                       "requestParameters": {"sourceEnvironmentName": name},
                                                       "resources": [{"resourceType": "AWS::ElasticBeanstalk::Environment", "resourceName": name}]})
    out = cloud.aws_cli("cloudtrail", "lookup-events", "--lookup-attributes", f"AttributeKey=ResourceName,AttributeValue={name}")
    assert [e["EventName"] for e in out["Events"]] == ["SwapEnvironmentCNAMEs"]
