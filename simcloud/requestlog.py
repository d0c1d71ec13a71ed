"""Request identification and the request log.

Every request the simulated cloud serves is identified (service, operation,
protocol, region, access key) from its wire form, the way AWS front ends do,
and appended as one JSON line to the file named by ``SIMCLOUD_REQUEST_LOG``
and to an in-memory list served at ``GET /_simcloud/requests``.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs, unquote

READ_PREFIXES = ("Describe", "Get", "List", "Lookup", "Head", "BatchGet", "Search", "Validate")
READ_EXCEPTIONS = {"GetCallerIdentity"}

# Signing names (credential scope) that are not the botocore service name.
SIGNING_TO_SERVICE = {
    "monitoring": "cloudwatch",
    "elasticloadbalancing": "elbv2",
    "email": "ses",
    "states": "stepfunctions",
}

# S3 sub-resources (query keys) → operation name stems.
_S3_SUBRESOURCES = {
    "encryption": "BucketEncryption",
    "publicAccessBlock": "PublicAccessBlock",
    "policy": "BucketPolicy",
    "acl": "BucketAcl",
    "versioning": "BucketVersioning",
    "logging": "BucketLogging",
    "tagging": "BucketTagging",
    "lifecycle": "BucketLifecycleConfiguration",
    "location": "BucketLocation",
    "ownershipControls": "BucketOwnershipControls",
    "policyStatus": "BucketPolicyStatus",
    "cors": "BucketCors",
    "website": "BucketWebsite",
    "notification": "BucketNotificationConfiguration",
    "replication": "BucketReplication",
    "object-lock": "ObjectLockConfiguration",
}


@dataclass
class RequestInfo:
    service: str = "unknown"
    operation: str = "unknown"
    protocol: str = "unknown"
    region: str = "us-east-1"
    access_key: str | None = None
    method: str = "GET"
    path: str = "/"
    target: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    source_ip: str = "127.0.0.1"
    user_agent: str = ""

    @property
    def read_only(self) -> bool:
        return is_read_only(self.operation, self.method)


def is_read_only(operation: str, method: str = "POST") -> bool:
    if operation in READ_EXCEPTIONS:
        return True
    if operation.startswith(READ_PREFIXES):
        return True
    if " " in operation:  # unnamed REST call: "GET /path"
        return method in ("GET", "HEAD")
    return False


def read_body(environ: dict[str, Any]) -> bytes:
    """Read the request body and put it back so the next app can read it too."""
    import io

    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= 0:
        return b""
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def identify(environ: dict[str, Any], body: bytes) -> RequestInfo:
    info = RequestInfo()
    info.method = environ.get("REQUEST_METHOD", "GET")
    info.path = environ.get("PATH_INFO", "/")
    info.source_ip = (
        environ.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        or environ.get("REMOTE_ADDR", "127.0.0.1")
    )
    info.user_agent = environ.get("HTTP_USER_AGENT", "")
    query = environ.get("QUERY_STRING", "")

    auth = environ.get("HTTP_AUTHORIZATION", "")
    m = re.search(r"Credential=([^/,\s]+)/\d{8}/([^/]+)/([^/]+)/aws4_request", auth)
    signing = None
    if m:
        info.access_key, info.region, signing = m.group(1), m.group(2), m.group(3)
    else:
        qs = parse_qs(query)
        cred = (qs.get("X-Amz-Credential") or [""])[0]
        parts = unquote(cred).split("/")
        if len(parts) == 5:
            info.access_key, info.region, signing = parts[0], parts[2], parts[3]
    if signing:
        info.service = signing

    content_type = environ.get("CONTENT_TYPE", "") or ""
    target = environ.get("HTTP_X_AMZ_TARGET")
    cbor = environ.get("HTTP_SMITHY_PROTOCOL", "") == "rpc-v2-cbor"
    if target:
        info.target = target
        info.protocol = "json"
        info.operation = target.rsplit(".", 1)[-1]
        try:
            info.params = json.loads(body or b"{}")
        except ValueError:
            info.params = {}
    elif cbor:
        info.protocol = "cbor"
        info.operation = info.path.rstrip("/").rsplit("/", 1)[-1]
    else:
        form: dict[str, list[str]] = {}
        if "x-www-form-urlencoded" in content_type and body:
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        elif info.method == "GET" and "Action=" in query:
            form = parse_qs(query, keep_blank_values=True)
        if "Action" in form:
            info.operation = form["Action"][0]
            info.params = {k: v[0] for k, v in form.items()}
            info.protocol = "ec2" if info.service == "ec2" else "query"
        else:
            info.protocol = "rest-xml" if info.service in ("s3", "unknown") else "rest-json"
            if info.service == "unknown":
                info.service = "s3"
            info.operation = _rest_operation(info, query)
    if info.service == "elasticloadbalancing" and info.params.get("Version") == "2012-06-01":
        info.service = "elb"
    return info


def _rest_operation(info: RequestInfo, query: str) -> str:
    """Name the S3 operation a REST request stands for; else "METHOD /path"."""
    if info.service != "s3":
        return f"{info.method} {info.path}"
    keys = {k.split("=")[0] for k in query.split("&") if k}
    parts = [p for p in info.path.split("/") if p]
    if info.path.startswith("/v20180820/"):
        if "publicAccessBlock" in info.path.split("/")[-1:] or info.path.endswith("/configuration/publicAccessBlock"):
            verb = {"GET": "Get", "PUT": "Put", "DELETE": "Delete"}.get(info.method, info.method)
            return f"{verb}PublicAccessBlock"
        return f"{info.method} {info.path}"
    verb = {"GET": "Get", "PUT": "Put", "DELETE": "Delete", "HEAD": "Head", "POST": "Post"}[
        info.method
    ] if info.method in ("GET", "PUT", "DELETE", "HEAD", "POST") else info.method
    for key, stem in _S3_SUBRESOURCES.items():
        if key in keys:
            return f"{verb}{stem}"
    if not parts:
        return "ListBuckets" if info.method == "GET" else f"{info.method} /"
    if len(parts) == 1:
        return {
            "GET": "ListObjectsV2" if "list-type" in keys else "ListObjects",
            "PUT": "CreateBucket",
            "DELETE": "DeleteBucket",
            "HEAD": "HeadBucket",
            "POST": "DeleteObjects" if "delete" in keys else "PostObject",
        }.get(info.method, f"{info.method} {info.path}")
    return {
        "GET": "GetObject",
        "PUT": "PutObject",
        "DELETE": "DeleteObject",
        "HEAD": "HeadObject",
    }.get(info.method, f"{info.method} {info.path}")


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = []

    def record(self, info: RequestInfo, status: int) -> None:
        entry = {
            "timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            "service": info.service,
            "operation": info.operation,
            "protocol": info.protocol,
            "method": info.method,
            "path": info.path,
            "region": info.region,
            "status": status,
            "readOnly": info.read_only,
        }
        if info.target:
            entry["target"] = info.target
        if info.params.get("Action"):
            entry["action"] = info.params["Action"]
        line = json.dumps(entry, sort_keys=True)
        with self._lock:
            self._entries.append(entry)
            path = os.environ.get("SIMCLOUD_REQUEST_LOG")
            if path:
                with open(path, "a", encoding="utf-8") as fh:
                    fh.write(line + "\n")

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._entries)

    def reset(self) -> None:
        with self._lock:
            self._entries.clear()
            path = os.environ.get("SIMCLOUD_REQUEST_LOG")
            if path and os.path.exists(path):
                open(path, "w").close()


REQUEST_LOG = RequestLog()
