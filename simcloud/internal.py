"""Loopback AWS clients: how the simulated Elastic Beanstalk builds real resources.

Elastic Beanstalk creates its security groups, launch template, Auto Scaling
group and load balancer through the ordinary EC2, Auto Scaling and ELBv2 APIs
of the same simulated cloud, in the caller's account and region. Those calls
carry ``X-Simcloud-Internal: 1`` so the request log leaves them out and
CloudTrail shows them as made by the Elastic Beanstalk service.
"""

from __future__ import annotations

import threading
from typing import Any

import boto3
from botocore.config import Config

INTERNAL_HEADER = "X-Simcloud-Internal"

_lock = threading.Lock()
_port: int | None = None
_clients: dict[tuple[str, str, str], Any] = {}
_session = boto3.session.Session()


def set_port(port: int) -> None:
    global _port
    _port = port
    _clients.clear()


def _mark(request: Any, **_: Any) -> None:
    request.headers[INTERNAL_HEADER] = "1"


def client(service: str, region: str, access_key: str | None) -> Any:
    if _port is None:
        raise RuntimeError("the simulated cloud's port is not known yet")
    key = (service, region, access_key or "")
    with _lock:
        c = _clients.get(key)
        if c is None:
            c = _session.client(
                service,
                region_name=region,
                endpoint_url=f"http://127.0.0.1:{_port}",
                aws_access_key_id=access_key or "AKIAIOSFODNN7EXAMPLE",
                aws_secret_access_key="simcloud-internal",
                config=Config(
                    retries={"max_attempts": 1, "mode": "standard"},
                    s3={"addressing_style": "path"},
                ),
            )
            c.meta.events.register("before-sign", _mark)
            _clients[key] = c
        return c
