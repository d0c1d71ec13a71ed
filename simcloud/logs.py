"""CloudWatch Logs additions: ``AssociateKmsKey`` / ``DisassociateKmsKey``.

Operators encrypt the log groups Elastic Beanstalk creates by associating a
KMS key afterwards; moto keeps a group's key but lacks these two calls.
"""

from __future__ import annotations

from moto.core.exceptions import JsonRESTError
from moto.logs.responses import LogsResponse


def _group(response: LogsResponse):  # type: ignore[no-untyped-def]
    name = response._get_param("logGroupName")
    group = response.logs_backend.groups.get(name)
    if group is None:
        raise JsonRESTError("ResourceNotFoundException", "The specified log group does not exist.")
    return group


def associate_kms_key(self: LogsResponse) -> str:
    _group(self).kms_key_id = self._get_param("kmsKeyId")
    return ""


def disassociate_kms_key(self: LogsResponse) -> str:
    _group(self).kms_key_id = None
    return ""


def install() -> None:
    LogsResponse.associate_kms_key = associate_kms_key  # type: ignore[attr-defined]
    LogsResponse.disassociate_kms_key = disassociate_kms_key  # type: ignore[attr-defined]
