"""seed-fleet: a 50-environment fleet through ordinary API calls, and its manifest."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT, start_cloud, stop_cloud

LAYERS = ("EB-IAM-", "EB-NET-", "EB-DATA-", "EB-RUN-", "EB-DET-")


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fleet")
    cloud = start_cloud(tmp)
    manifest = tmp / "manifest.json"
    started = time.time()
    out = subprocess.run(
        [str(ROOT / "scripts" / "seed-fleet"), "--endpoint", cloud.url, "--count", "50", "--manifest", str(manifest)],
        capture_output=True, text=True, timeout=120,
    )
    elapsed = time.time() - started
    assert out.returncode == 0, out.stderr[-3000:]
    yield cloud, json.loads(manifest.read_text()), elapsed
    stop_cloud(cloud)


def test_fifty_environments_in_well_under_a_minute(fleet):
    _cloud, manifest, elapsed = fleet
    assert len(manifest["environments"]) == 50
    assert elapsed < 45, elapsed
    assert {e["region"] for e in manifest["environments"]} == {"us-east-1", "eu-west-1"}


def test_manifest_covers_every_layer_and_hardened_envs(fleet):
    _cloud, manifest, _ = fleet
    envs = manifest["environments"]
    violations = {v for e in envs for v in e["violations"]}
    for layer in LAYERS:
        assert any(v.startswith(layer) for v in violations), layer
    hardened = [e for e in envs if e["hardened"]]
    assert hardened and all(e["passes"] for e in hardened)
    assert all(not (set(e["violations"]) & set(e["passes"])) for e in envs)
    first = [e for e in hardened if e["region"] == "us-east-1" and e["profile"] == "hardened"][0]
    assert first["violations"] == [] and "EB-RUN-001" in first["passes"]
    ids = {line.split("|")[1].strip() for line in Path("/work/shared/CONTROLS.md").read_text().splitlines()
           if line.startswith("| EB-")} if Path("/work/shared/CONTROLS.md").exists() else set()
    if ids:
        assert violations | {p for e in envs for p in e["passes"]} <= ids


def test_fleet_is_live_in_the_cloud(fleet):
    cloud, manifest, _ = fleet
    by_region: dict[str, set[str]] = {}
    for e in manifest["environments"]:
        by_region.setdefault(e["region"], set()).add(e["name"])
    for region, names in by_region.items():
        eb = cloud.client("elasticbeanstalk", region)
        live = {e["EnvironmentName"]: e for e in eb.describe_environments(ApplicationName="fleet")["Environments"]}
        assert names <= set(live)
        assert {live[n]["Status"] for n in names} == {"Ready"}


def test_designed_violations_are_visible_through_the_apis(fleet):
    cloud, manifest, _ = fleet
    envs = {e["profile"] + "/" + e["region"]: e for e in manifest["environments"]}
    eb = cloud.client("elasticbeanstalk")
    ec2 = cloud.client("ec2")

    turned_off = envs["imds-turned-off/us-east-1"]["name"]
    res = eb.describe_environment_resources(EnvironmentName=turned_off)["EnvironmentResources"]
    inst = ec2.describe_instances(InstanceIds=[i["Id"] for i in res["Instances"]])["Reservations"][0]["Instances"][0]
    assert inst["MetadataOptions"]["HttpTokens"] == "optional"
    ct = cloud.client("cloudtrail")
    events = ct.lookup_events(LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": "deployer"}])["Events"]
    assert [(e["EventName"], e["Resources"][0]["ResourceName"]) for e in events] == [("UpdateEnvironment", turned_off)]

    root_env = envs["root-activity/us-east-1"]["name"]
    names = [e["EventName"] for e in ct.lookup_events(
        LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": root_env}])["Events"]]
    assert "TerminateEnvironment" in names and names.count("UpdateEnvironment") == 1

    hardened = envs["hardened/us-east-1"]["name"]
    res = eb.describe_environment_resources(EnvironmentName=hardened)["EnvironmentResources"]
    listeners = {l["Port"]: l for l in cloud.client("elbv2").describe_listeners(LoadBalancerArn=res["LoadBalancers"][0]["Name"])["Listeners"]}
    assert listeners[80]["DefaultActions"][0]["Type"] == "redirect"
    assert listeners[443]["SslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    described = eb.describe_environments(EnvironmentNames=[hardened])["Environments"][0]
    assert described["OperationsRole"].endswith(":role/prod.webOperations")
    logs = cloud.client("logs").describe_log_groups(logGroupNamePrefix=f"/aws/elasticbeanstalk/{hardened}/")["logGroups"]
    assert logs and all(g.get("kmsKeyId") and g["retentionInDays"] == 365 for g in logs)

    # Both regions have a recorder named "default"; only the well-run one records.
    for region, recording in (("us-east-1", True), ("eu-west-1", False)):
        status = cloud.client("config", region).describe_configuration_recorder_status()["ConfigurationRecordersStatus"]
        assert [(x["name"], x["recording"]) for x in status] == [("default", recording)], region

    s3 = cloud.client("s3", "eu-west-1")
    with pytest.raises(Exception):
        s3.get_bucket_encryption(Bucket="elasticbeanstalk-eu-west-1-123456789012")
    assert cloud.client("s3").get_public_access_block(Bucket="elasticbeanstalk-us-east-1-123456789012")[
        "PublicAccessBlockConfiguration"]["BlockPublicAcls"] is True


def test_profiles_choose_the_environments_and_unknown_ones_are_refused_first(tmp_path):
    cloud = start_cloud(tmp_path)
    try:
        seed = [str(ROOT / "scripts" / "seed-fleet"), "--endpoint", cloud.url]
        bad = subprocess.run(seed + ["--count", "2", "--profiles", "worker,nope"], capture_output=True, text=True, timeout=60)
        assert bad.returncode == 2 and "unknown profiles ['nope']" in bad.stderr, bad.stderr[-500:]
        assert cloud.api("GET", "/_simcloud/requests") == []  # refused before any call
        manifest = tmp_path / "manifest.json"
        ok = subprocess.run(seed + ["--count", "3", "--profiles", "worker,stale-platform", "--manifest", str(manifest)],
                            capture_output=True, text=True, timeout=120)
        assert ok.returncode == 0, ok.stderr[-3000:]
        envs = json.loads(manifest.read_text())["environments"]
        assert [(e["profile"], e["region"]) for e in envs] == [
            ("worker", "us-east-1"), ("stale-platform", "eu-west-1"), ("worker", "us-east-1")]
    finally:
        stop_cloud(cloud)
