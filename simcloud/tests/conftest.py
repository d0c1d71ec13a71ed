"""Fixtures: the simulated cloud started as a subprocess on a free loopback port."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator

import boto3
import pytest
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "simulated-cloud"


class Cloud:
    def __init__(self, proc: subprocess.Popen, url: str, request_log: Path):
        self.proc = proc
        self.url = url
        self.request_log = request_log
        self._clients: dict[tuple[str, str, str], Any] = {}

    def client(self, service: str, region: str = "us-east-1", key: str = "AKIAIOSFODNN7EXAMPLE",
               secret: str = "x", token: str | None = None, retries: int = 0) -> Any:
        """A boto3 client for the simulated cloud; ``retries`` excludes the first attempt."""
        k = (service, region, key + str(retries))
        if k not in self._clients:
            self._clients[k] = boto3.session.Session().client(
                service, region_name=region, endpoint_url=self.url,
                aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token,
                config=Config(retries={"max_attempts": retries, "mode": "standard"}, s3={"addressing_style": "path"}),
            )
        return self._clients[k]

    def api(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read() or b"null")

    def aws_cli(self, *args: str, region: str = "us-east-1") -> Any:
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY="x",
                   AWS_DEFAULT_REGION=region, AWS_ENDPOINT_URL=self.url)
        out = subprocess.run(["aws", "--output", "json", *args], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout) if out.stdout.strip() else None


def start_cloud(tmp: Path, extra_env: dict[str, str] | None = None) -> Cloud:
    log = tmp / "requests.jsonl"
    env = dict(os.environ, SIMCLOUD_REQUEST_LOG=str(log), SIMCLOUD_EB_UPDATE_DELAY="0.4", **(extra_env or {}))
    proc = subprocess.Popen([str(SCRIPT), "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), line
    return Cloud(proc, line.split()[-1], log)


def stop_cloud(cloud: Cloud) -> int:
    cloud.proc.send_signal(signal.SIGTERM)
    try:
        return cloud.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        cloud.proc.kill()
        return -9


@pytest.fixture(scope="session")
def cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cloud]:
    c = start_cloud(tmp_path_factory.mktemp("cloud"))
    yield c
    stop_cloud(c)


_counter = iter(range(10_000))


@pytest.fixture
def unique() -> Callable[[str], str]:
    return lambda prefix: f"{prefix}-{next(_counter):04d}"
