"""ELBv2 correction: plain HTTP/TCP listeners carry no TLS policy.

AWS answers ``DescribeListeners`` without ``SslPolicy`` for HTTP and TCP
listeners; moto would otherwise report a default policy on them.
"""

from __future__ import annotations

from typing import Any

from moto.elbv2.models import ELBv2Backend

_TLS = ("HTTPS", "TLS")


def _wrap(original: Any) -> Any:
    def call(self: ELBv2Backend, *args: Any, **kwargs: Any) -> Any:
        listener = original(self, *args, **kwargs)
        if getattr(listener, "protocol", None) not in _TLS:
            listener.ssl_policy = None
        return listener

    call.__name__ = original.__name__
    call._simcloud = True  # type: ignore[attr-defined]
    return call


def install() -> None:
    for name in ("create_listener", "modify_listener"):
        fn = getattr(ELBv2Backend, name)
        if not getattr(fn, "_simcloud", False):
            setattr(ELBv2Backend, name, _wrap(fn))
