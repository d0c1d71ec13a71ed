"""The simulated cloud's HTTP front: moto's services plus the project's extension.

All services answer on one loopback port, as moto's server does. In front of
moto sit the request log, fault injection and CloudTrail recording; the
private API lives under ``/_simcloud/``:

    GET    /_simcloud/health               {"ok": true, "port": N}
    GET    /_simcloud/requests             the request log (JSON list)
    DELETE /_simcloud/requests             clear it
    GET    /_simcloud/faults               active faults
    POST   /_simcloud/faults               add one fault (object) or several (list)
    DELETE /_simcloud/faults               clear all faults
    GET    /_simcloud/cloudtrail/events    every recorded CloudTrail record
    POST   /_simcloud/cloudtrail/events    add crafted events (object, list or {"events": [...]})
    DELETE /_simcloud/cloudtrail/events    clear the event history
    POST   /_simcloud/reset                reset all state (moto's backends included)
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from http import HTTPStatus
from typing import Any, Callable, Iterable

# AWS managed policies (AdministratorAccess, AWSElasticBeanstalkService, ...) exist as in AWS.
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

from . import cloudtrail, elasticbeanstalk, elbv2, internal, logs  # noqa: E402
from .faults import FAULTS, render  # noqa: E402
from .requestlog import REQUEST_LOG, identify, read_body  # noqa: E402

StartResponse = Callable[..., Any]


def _reason(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Error"


class SimCloudApp:
    """WSGI middleware around moto's dispatcher."""

    def __init__(self) -> None:
        elasticbeanstalk.install()
        cloudtrail.install()
        logs.install()
        elbv2.install()
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

        self.inner = DomainDispatcherApplication(create_backend_app)
        self.port: int | None = None

    # -- private API ---------------------------------------------------------------
    def _json(self, start_response: StartResponse, status: int, payload: Any) -> list[bytes]:
        body = json.dumps(payload, default=str).encode()
        start_response(_reason(status), [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    def private(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = environ.get("PATH_INFO", "").rstrip("/")
        method = environ.get("REQUEST_METHOD", "GET")
        body = read_body(environ)
        try:
            data = json.loads(body) if body else None
        except ValueError:
            return self._json(start_response, 400, {"error": "body is not JSON"})
        try:
            if path == "/_simcloud/health":
                return self._json(start_response, 200, {"ok": True, "port": self.port})
            if path == "/_simcloud/requests":
                if method == "DELETE":
                    REQUEST_LOG.reset()
                    return self._json(start_response, 200, {"cleared": True})
                return self._json(start_response, 200, REQUEST_LOG.entries())
            if path == "/_simcloud/faults":
                if method == "DELETE":
                    FAULTS.clear()
                    return self._json(start_response, 200, {"cleared": True})
                if method == "POST":
                    specs = data if isinstance(data, list) else [data or {}]
                    added = [FAULTS.add(s).as_json() for s in specs]
                    return self._json(start_response, 201, added if isinstance(data, list) else added[0])
                return self._json(start_response, 200, FAULTS.list())
            if path == "/_simcloud/cloudtrail/events":
                if method == "DELETE":
                    cloudtrail.EVENTS.reset()
                    return self._json(start_response, 200, {"cleared": True})
                if method == "POST":
                    events = data.get("events") if isinstance(data, dict) and "events" in data else data
                    events = events if isinstance(events, list) else [events or {}]
                    stored = [cloudtrail.EVENTS.add(e) for e in events]
                    return self._json(start_response, 201, {"events": stored})
                return self._json(start_response, 200, {"events": [e["record"] for e in cloudtrail.EVENTS.all()]})
            if path == "/_simcloud/reset" and method == "POST":
                self.reset_all()
                return self._json(start_response, 200, {"reset": True})
        except (ValueError, TypeError) as exc:
            return self._json(start_response, 400, {"error": str(exc)})
        return self._json(start_response, 404, {"error": f"no such endpoint: {method} {path}"})

    def reset_all(self) -> None:
        from moto.core.base_backend import BackendDict

        BackendDict.reset()
        REQUEST_LOG.reset()
        FAULTS.clear()
        cloudtrail.EVENTS.reset()

    # -- AWS traffic --------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if self.port is None:
            try:
                self.port = int(environ.get("SERVER_PORT", 0))
                internal.set_port(self.port)
            except ValueError:
                pass
        if path.startswith("/_simcloud"):
            return self.private(environ, start_response)
        if path.startswith("/moto-api"):
            if "reset" in path:
                REQUEST_LOG.reset()
                FAULTS.clear()
                cloudtrail.EVENTS.reset()
            return self.inner(environ, start_response)

        internal_call = environ.get("HTTP_X_SIMCLOUD_INTERNAL") == "1"
        body = read_body(environ)
        info = identify(environ, body)

        if not internal_call:
            fault = FAULTS.take(info)
            if fault:
                from moto.iam.models import get_account_id_from

                if fault.kind == "Hang":
                    time.sleep(fault.delay)
                account = get_account_id_from(info.access_key or "")
                status, headers, payload = render(info, fault, account)
                headers.append(("Content-Length", str(len(payload))))
                start_response(_reason(status), headers)
                REQUEST_LOG.record(info, status)
                code, message = cloudtrail.parse_error(payload)
                cloudtrail.EVENTS.record_call(info, status, code, message)
                return [payload]

        captured: dict[str, int] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"] = int(status.split()[0])
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = self.inner(environ, capture)
        mutating = not info.read_only
        chunks: list[bytes] | None = None
        if mutating:
            chunks = list(result)
            if hasattr(result, "close"):
                result.close()
        status = captured.get("status", 200)
        if not internal_call:
            REQUEST_LOG.record(info, status)
        if mutating:
            code, message = cloudtrail.parse_error(b"".join(chunks or [])) if status >= 400 else (None, None)
            try:
                cloudtrail.EVENTS.record_call(info, status, code, message, internal=internal_call)
            except Exception:  # recording must never break the call itself
                pass
            return chunks or []
        return result


def make_server(port: int):  # type: ignore[no-untyped-def]
    from werkzeug.serving import WSGIRequestHandler, make_server as wz_make_server

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args: Any, **kwargs: Any) -> None:
            pass

    app = SimCloudApp()
    server = wz_make_server("127.0.0.1", port, app, threaded=True, request_handler=QuietHandler)
    app.port = server.server_port
    internal.set_port(server.server_port)
    return server, app


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 1 or not argv[0].isdigit():
        print("usage: simulated-cloud PORT   (0 picks a free port)", file=sys.stderr)
        return 2
    server, _app = make_server(int(argv[0]))
    print(f"listening on http://127.0.0.1:{server.server_port}", flush=True)

    def stop(signum: int, frame: Any) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
