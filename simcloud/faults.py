"""Fault injection: answer chosen calls with AWS errors in the service's own wire shape.

A fault is ``{"service": "iam", "operation": "GetRolePolicy" | "*",
"kind": "AccessDenied" | "Throttling" | "InternalError" | "Hang", "count": N | null,
"retryAfter": seconds?, "delay": seconds?, "code"?: override, "message"?: text}``; ``count`` null
means every matching call until the faults are cleared. ``Hang`` holds the call ``delay``
seconds (default 30) and then answers InternalError without performing it: the way to kill a
client while its call is in flight and know the call never took effect.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from .requestlog import SIGNING_TO_SERVICE, RequestInfo

KINDS = ("AccessDenied", "Throttling", "InternalError", "Hang")

# (code, http status) per protocol family, as AWS answers.
_CODES: dict[str, dict[str, tuple[str, int]]] = {
    "query": {
        "AccessDenied": ("AccessDenied", 403),
        "Throttling": ("Throttling", 400),
        "InternalError": ("InternalFailure", 500),
    },
    "ec2": {
        "AccessDenied": ("UnauthorizedOperation", 403),
        "Throttling": ("RequestLimitExceeded", 503),
        "InternalError": ("InternalError", 500),
    },
    "json": {
        "AccessDenied": ("AccessDeniedException", 400),
        "Throttling": ("ThrottlingException", 400),
        "InternalError": ("InternalFailure", 500),
    },
    "rest-json": {
        "AccessDenied": ("AccessDeniedException", 403),
        "Throttling": ("ThrottlingException", 429),
        "InternalError": ("InternalFailure", 500),
    },
    "rest-xml": {
        "AccessDenied": ("AccessDenied", 403),
        "Throttling": ("SlowDown", 503),
        "InternalError": ("InternalError", 500),
    },
}
# Query services whose access-denied code differs.
_QUERY_ACCESS_DENIED: dict[str, tuple[str, int]] = {}
_QUERY_THROTTLING = {
    "rds": ("ThrottlingException", 400),
}
_XMLNS = {
    "iam": "https://iam.amazonaws.com/doc/2010-05-08/",
    "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
    "elasticbeanstalk": "http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/",
    "autoscaling": "http://autoscaling.amazonaws.com/doc/2011-01-01/",
    "elasticloadbalancing": "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
    "rds": "http://rds.amazonaws.com/doc/2014-10-31/",
    "sns": "http://sns.amazonaws.com/doc/2010-03-31/",
}


@dataclass
class Fault:
    service: str
    operation: str
    kind: str
    count: int | None = None
    retry_after: float | None = None
    code: str | None = None
    message: str | None = None
    delay: float = 30.0
    served: int = 0

    def matches(self, info: RequestInfo) -> bool:
        services = {info.service, SIGNING_TO_SERVICE.get(info.service, info.service)}
        if self.service != "*" and self.service.lower() not in services:
            return False
        return self.operation in ("*", info.operation)

    def as_json(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "operation": self.operation,
            "kind": self.kind,
            "count": self.count,
            "retryAfter": self.retry_after,
            "code": self.code,
            "served": self.served,
        }


class FaultTable:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, spec: dict[str, Any]) -> Fault:
        kind = spec.get("kind")
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        if not spec.get("service"):
            raise ValueError("service is required")
        count = spec.get("count")
        if count is not None and (not isinstance(count, int) or count < 1):
            raise ValueError("count must be a positive integer or null")
        fault = Fault(
            service=str(spec["service"]),
            operation=str(spec.get("operation") or "*"),
            kind=kind,
            count=count,
            retry_after=spec.get("retryAfter"),
            code=spec.get("code"),
            message=spec.get("message"),
            delay=float(spec.get("delay") or 30.0),
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.as_json() for f in self._faults]

    def take(self, info: RequestInfo) -> Fault | None:
        """The first live fault matching the request; counts it as served."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(info):
                    fault.served += 1
                    if fault.count is not None and fault.served >= fault.count:
                        self._faults.remove(fault)
                    return fault
        return None


FAULTS = FaultTable()


def error_code_and_status(info: RequestInfo, kind: str) -> tuple[str, int]:
    if kind == "Hang":
        kind = "InternalError"
    protocol = info.protocol if info.protocol in _CODES else "json"
    if protocol == "cbor":
        protocol = "json"
    if protocol == "query" and kind == "AccessDenied" and info.service in _QUERY_ACCESS_DENIED:
        return _QUERY_ACCESS_DENIED[info.service]
    if protocol == "query" and kind == "Throttling" and info.service in _QUERY_THROTTLING:
        return _QUERY_THROTTLING[info.service]
    return _CODES[protocol][kind]


def default_message(info: RequestInfo, kind: str, account: str) -> str:
    if kind == "Hang":
        kind = "InternalError"
    if kind == "AccessDenied":
        return (
            f"User: arn:aws:iam::{account}:user/moto is not authorized to perform: "
            f"{info.service}:{info.operation} because no identity-based policy allows "
            f"the {info.service}:{info.operation} action"
        )
    if kind == "Throttling":
        return "Rate exceeded"
    return "An internal error has occurred. Please try your request again."


def render(info: RequestInfo, fault: Fault, account: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """The HTTP status, headers and body of the error for this request's protocol."""
    code, status = error_code_and_status(info, fault.kind)
    code = fault.code or code
    message = fault.message or default_message(info, fault.kind, account)
    request_id = str(uuid.uuid4())
    headers = [("x-amzn-RequestId", request_id)]
    if fault.retry_after is not None:
        headers.append(("Retry-After", str(int(fault.retry_after))))
    protocol = info.protocol
    if protocol == "ec2":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>'
            f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
            f"</Error></Errors><RequestID>{request_id}</RequestID></Response>"
        )
        headers.append(("Content-Type", "text/xml;charset=UTF-8"))
    elif protocol == "query":
        kind = "Sender" if status < 500 else "Receiver"
        xmlns = _XMLNS.get(info.service, f"http://{info.service}.amazonaws.com/doc/")
        body = (
            f'<ErrorResponse xmlns="{xmlns}"><Error><Type>{kind}</Type>'
            f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>"
        )
        headers.append(("Content-Type", "text/xml"))
    elif protocol == "rest-xml":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
            f"<RequestId>{request_id}</RequestId><HostId>{uuid.uuid4().hex}</HostId></Error>"
        )
        headers.append(("Content-Type", "application/xml"))
        headers.append(("x-amz-request-id", request_id))
    elif protocol == "rest-json":
        body = json.dumps({"message": message})
        headers.append(("Content-Type", "application/json"))
        headers.append(("x-amzn-ErrorType", code))
    else:  # json (and cbor callers, which botocore also reads from JSON error bodies)
        body = json.dumps({"__type": code, "message": message})
        headers.append(("Content-Type", "application/x-amz-json-1.1"))
    return status, headers, body.encode("utf-8")
