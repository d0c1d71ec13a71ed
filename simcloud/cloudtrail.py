"""CloudTrail event history: recording of served calls and ``LookupEvents``.

Every mutating call the simulated cloud serves becomes a management event in
the caller's account and region (global services such as IAM land in
us-east-1, as in AWS). Crafted events can be added through the private
endpoint ``POST /_simcloud/cloudtrail/events``. ``LookupEvents`` answers from
this history exactly as the JSON 1.1 API does: newest first, one lookup
attribute, time range, ``MaxResults`` up to 50 and an opaque ``NextToken``.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import uuid
from datetime import datetime, timezone
from typing import Any

from moto.cloudtrail.responses import CloudTrailResponse
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.exceptions import JsonRESTError

from .requestlog import RequestInfo, is_read_only

GLOBAL_SERVICES = {"iam", "sts", "cloudfront", "route53", "organizations"}
SERVICE_EVENT_SOURCE = {
    "elasticloadbalancing": "elasticloadbalancing.amazonaws.com",
    "elb": "elasticloadbalancing.amazonaws.com",
    "monitoring": "monitoring.amazonaws.com",
}
LOOKUP_KEYS = {
    "EventId": "eventID",
    "EventName": "eventName",
    "ReadOnly": "readOnly",
    "Username": "username",
    "ResourceType": "resourceType",
    "ResourceName": "resourceName",
    "EventSource": "eventSource",
    "AccessKeyId": "accessKeyId",
}
# Request parameters that name a resource, and the CloudTrail resource type.
RESOURCE_PARAMS = [
    ("EnvironmentName", "AWS::ElasticBeanstalk::Environment"),
    ("EnvironmentId", "AWS::ElasticBeanstalk::Environment"),
    ("ApplicationName", "AWS::ElasticBeanstalk::Application"),
    ("RoleName", "AWS::IAM::Role"),
    ("PolicyArn", "AWS::IAM::Policy"),
    ("InstanceProfileName", "AWS::IAM::InstanceProfile"),
    ("UserName", "AWS::IAM::User"),
    ("GroupId", "AWS::EC2::SecurityGroup"),
    ("DBInstanceIdentifier", "AWS::RDS::DBInstance"),
    ("AutoScalingGroupName", "AWS::AutoScaling::AutoScalingGroup"),
    ("LoadBalancerArn", "AWS::ElasticLoadBalancingV2::LoadBalancer"),
    ("Name", "AWS::CloudTrail::Trail"),
]


def _iso(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(value: Any) -> datetime:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    text = str(value).replace("Z", "+00:00")
    dt = datetime.fromisoformat(text)
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _lower_camel(name: str) -> str:
    return name[:1].lower() + name[1:] if name else name


def query_params_to_request_parameters(params: dict[str, str]) -> dict[str, Any]:
    """Turn flat Query/EC2 form keys (``A.member.1.B``) into CloudTrail's nested camelCase."""
    root: dict[str, Any] = {}
    for key in sorted(params, key=_natural_key):
        if key in ("Action", "Version"):
            continue
        parts = [p for p in key.split(".") if p not in ("member", "entry")]
        node: Any = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            nxt_is_index = not last and parts[i + 1].isdigit()
            if part.isdigit():
                idx = int(part) - 1
                while len(node) <= idx:
                    node.append({} if not last else None)
                if last:
                    node[idx] = params[key]
                else:
                    if nxt_is_index and not isinstance(node[idx], list):
                        node[idx] = []
                    node = node[idx]
                continue
            name = _lower_camel(part)
            if last:
                node[name] = params[key]
            else:
                node = node.setdefault(name, [] if nxt_is_index else {})
    return root


def _natural_key(key: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in key.split(".")]


def caller_identity(access_key: str | None, region: str) -> dict[str, Any]:
    """The CloudTrail ``userIdentity`` for a caller, from moto's IAM/STS state."""
    from moto.iam.models import get_account_id_from
    from moto.sts.models import sts_backends

    key = access_key or "AKIAIOSFODNN7EXAMPLE"
    account = get_account_id_from(key)
    user_id, arn, account = sts_backends[account]["aws"].get_caller_identity(key, region)
    if ":assumed-role/" in arn:
        role_name, session = arn.split(":assumed-role/")[1].split("/", 1)
        return {
            "type": "AssumedRole",
            "principalId": f"{user_id}",
            "arn": arn,
            "accountId": account,
            "accessKeyId": key,
            "sessionContext": {
                "sessionIssuer": {
                    "type": "Role",
                    "principalId": user_id.split(":")[0],
                    "arn": f"arn:aws:iam::{account}:role/{role_name}",
                    "accountId": account,
                    "userName": role_name,
                },
                "attributes": {"mfaAuthenticated": "false"},
            },
            "_username": session,
        }
    if arn.endswith(":root"):
        return {
            "type": "Root",
            "principalId": account,
            "arn": arn,
            "accountId": account,
            "accessKeyId": key,
            "_username": "root",
        }
    user = arn.rsplit("/", 1)[-1]
    return {
        "type": "IAMUser",
        "principalId": user_id,
        "arn": arn.replace(":sts::", ":iam::"),
        "accountId": account,
        "accessKeyId": key,
        "userName": user,
        "_username": user,
    }


class EventStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: list[dict[str, Any]] = []

    def reset(self) -> None:
        with self._lock:
            self._events.clear()

    def all(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(e) for e in self._events]

    def add(self, event: dict[str, Any]) -> dict[str, Any]:
        """Store an event given in CloudTrail record form, filling what is missing."""
        now = datetime.now(timezone.utc)
        ev = dict(event)
        ev.setdefault("eventVersion", "1.09")
        ev["eventTime"] = _iso(_parse_time(ev.get("eventTime", now)))
        ev.setdefault("eventID", str(uuid.uuid4()))
        ev.setdefault("requestID", str(uuid.uuid4()))
        ev.setdefault("eventType", "AwsApiCall")
        ev.setdefault("eventCategory", "Management")
        ev.setdefault("managementEvent", True)
        ev.setdefault("awsRegion", "us-east-1")
        ev.setdefault("sourceIPAddress", "198.51.100.10")
        ev.setdefault("userAgent", "aws-cli/2.15.0")
        ev.setdefault("requestParameters", None)
        ev.setdefault("responseElements", None)
        if "eventName" not in ev or "eventSource" not in ev:
            raise ValueError("eventName and eventSource are required")
        ev.setdefault("readOnly", is_read_only(ev["eventName"]))
        ident = ev.get("userIdentity")
        if not ident:
            ident = caller_identity(None, ev["awsRegion"])
        ident = dict(ident)
        username = ident.pop("_username", None) or ev.pop("username", None)
        if username is None:
            if ident.get("type") == "Root":
                username = "root"
            elif ident.get("type") == "AssumedRole":
                username = str(ident.get("arn", "")).rsplit("/", 1)[-1]
            else:
                username = ident.get("userName") or str(ident.get("arn", "")).rsplit("/", 1)[-1]
        ev["userIdentity"] = ident
        ev.setdefault("recipientAccountId", ident.get("accountId", DEFAULT_ACCOUNT_ID))
        meta = {
            "username": username,
            "resources": ev.pop("resources", None) or _resources_from(ev),
        }
        with self._lock:
            self._events.append({"record": ev, "meta": meta})
            self._events.sort(key=lambda e: e["record"]["eventTime"])
        return ev

    def record_call(
        self,
        info: RequestInfo,
        status: int,
        error_code: str | None,
        error_message: str | None,
        internal: bool = False,
    ) -> None:
        """Record a mutating call the simulated cloud served."""
        if info.read_only or info.operation == "unknown" or " " in info.operation:
            return
        region = "us-east-1" if info.service in GLOBAL_SERVICES else info.region
        ident = caller_identity(info.access_key, info.region)
        if internal:
            ident = {
                "type": "AWSService",
                "invokedBy": "elasticbeanstalk.amazonaws.com",
                "accountId": ident["accountId"],
                "_username": "AWSServiceRoleForElasticBeanstalk",
            }
        if info.protocol in ("query", "ec2"):
            params = query_params_to_request_parameters(info.params)
        elif info.protocol == "json":
            params = {_lower_camel(k): v for k, v in info.params.items()}
        else:
            params = None
        ev: dict[str, Any] = {
            "eventName": info.operation,
            "eventSource": SERVICE_EVENT_SOURCE.get(info.service, f"{info.service}.amazonaws.com"),
            "awsRegion": region,
            "sourceIPAddress": "elasticbeanstalk.amazonaws.com" if internal else info.source_ip,
            "userAgent": "elasticbeanstalk.amazonaws.com" if internal else info.user_agent,
            "userIdentity": ident,
            "requestParameters": params,
            "readOnly": False,
            "resources": _resources_from_params(info.params),
        }
        if status >= 400:
            ev["errorCode"] = error_code or "UnknownError"
            ev["errorMessage"] = error_message or ""
        self.add(ev)

    def lookup(
        self,
        account: str,
        region: str,
        attributes: list[dict[str, str]],
        start: datetime | None,
        end: datetime | None,
    ) -> list[dict[str, Any]]:
        with self._lock:
            events = list(self._events)
        out = []
        for e in reversed(events):
            rec, meta = e["record"], e["meta"]
            if rec.get("recipientAccountId") != account or rec.get("awsRegion") != region:
                continue
            t = _parse_time(rec["eventTime"])
            if start and t < start:
                continue
            if end and t > end:
                continue
            if attributes and not _matches(rec, meta, attributes[0]):
                continue
            out.append(e)
        return out


def _matches(rec: dict[str, Any], meta: dict[str, Any], attr: dict[str, str]) -> bool:
    key, value = attr.get("AttributeKey"), attr.get("AttributeValue")
    if key == "EventId":
        return rec["eventID"] == value
    if key == "EventName":
        return rec["eventName"] == value
    if key == "EventSource":
        return rec["eventSource"] == value
    if key == "ReadOnly":
        return str(rec.get("readOnly")).lower() == str(value).lower()
    if key == "Username":
        return meta["username"] == value
    if key == "AccessKeyId":
        return rec["userIdentity"].get("accessKeyId") == value
    if key == "ResourceName":
        return any(r.get("resourceName") == value for r in meta["resources"])
    if key == "ResourceType":
        return any(r.get("resourceType") == value for r in meta["resources"])
    return False


def _resources_from_params(params: dict[str, Any]) -> list[dict[str, str]]:
    out = []
    for name, rtype in RESOURCE_PARAMS:
        value = params.get(name)
        if isinstance(value, str) and value:
            out.append({"resourceType": rtype, "resourceName": value})
    return out


def _resources_from(ev: dict[str, Any]) -> list[dict[str, str]]:
    params = ev.get("requestParameters") or {}
    flat = {k[:1].upper() + k[1:]: v for k, v in params.items() if isinstance(v, str)}
    return _resources_from_params(flat)


EVENTS = EventStore()


def _to_api(e: dict[str, Any]) -> dict[str, Any]:
    rec, meta = e["record"], e["meta"]
    out: dict[str, Any] = {
        "EventId": rec["eventID"],
        "EventName": rec["eventName"],
        "ReadOnly": "true" if rec.get("readOnly") in (True, "true") else "false",
        "EventTime": _parse_time(rec["eventTime"]).timestamp(),
        "EventSource": rec["eventSource"],
        "Username": meta["username"],
        "Resources": [
            {"ResourceType": r.get("resourceType"), "ResourceName": r.get("resourceName")}
            for r in meta["resources"]
        ],
        "CloudTrailEvent": json.dumps(rec),
    }
    key = rec["userIdentity"].get("accessKeyId")
    if key:
        out["AccessKeyId"] = key
    return out


class SimCloudTrailResponse(CloudTrailResponse):
    """moto's CloudTrail plus ``LookupEvents``."""

    def lookup_events(self) -> str:
        attributes = self._get_param("LookupAttributes") or []
        if len(attributes) > 1:
            raise JsonRESTError(
                "InvalidLookupAttributesException",
                "You cannot specify more than one lookup attribute.",
            )
        for attr in attributes:
            if attr.get("AttributeKey") not in LOOKUP_KEYS:
                raise JsonRESTError(
                    "InvalidLookupAttributesException",
                    f"Invalid attribute key: {attr.get('AttributeKey')}",
                )
            if not attr.get("AttributeValue"):
                raise JsonRESTError(
                    "InvalidLookupAttributesException", "AttributeValue must not be empty."
                )
        start = self._get_param("StartTime")
        end = self._get_param("EndTime")
        start_dt = _parse_time(start) if start is not None else None
        end_dt = _parse_time(end) if end is not None else None
        if start_dt and end_dt and start_dt > end_dt:
            raise JsonRESTError(
                "InvalidTimeRangeException",
                "Start time must be before or equal to end time.",
            )
        max_results = self._get_param("MaxResults")
        if max_results is None:
            max_results = 50
        if not isinstance(max_results, int) or not 1 <= max_results <= 50:
            raise JsonRESTError(
                "InvalidMaxResultsException", "MaxResults must be between 1 and 50."
            )
        fingerprint = json.dumps([attributes, start, end], sort_keys=True, default=str)
        offset = 0
        token = self._get_param("NextToken")
        if token:
            try:
                data = json.loads(base64.b64decode(token))
                offset = int(data["o"])
                if data["f"] != fingerprint:
                    raise ValueError
            except (ValueError, KeyError, TypeError):
                raise JsonRESTError("InvalidNextTokenException", "Invalid NextToken.")
        events = EVENTS.lookup(self.current_account, self.region, attributes, start_dt, end_dt)
        page = events[offset : offset + max_results]
        body: dict[str, Any] = {"Events": [_to_api(e) for e in page]}
        if offset + max_results < len(events):
            body["NextToken"] = base64.b64encode(
                json.dumps({"o": offset + max_results, "f": fingerprint}).encode()
            ).decode()
        return json.dumps(body)


def install() -> None:
    import moto.cloudtrail.urls as urls

    handler = SimCloudTrailResponse().dispatch
    for key in list(urls.url_paths):
        urls.url_paths[key] = handler


def parse_error(body: bytes) -> tuple[str | None, str | None]:
    """The error code and message in an AWS error body of any protocol."""
    text = body.decode("utf-8", "replace")
    m = re.search(r"<Code>([^<]+)</Code>", text)
    if m:
        msg = re.search(r"<Message>([^<]*)</Message>", text)
        return m.group(1), msg.group(1) if msg else None
    try:
        data = json.loads(text)
        code = str(data.get("__type", "")).split("#")[-1] or None
        return code, data.get("message") or data.get("Message")
    except (ValueError, AttributeError):
        return None, None
