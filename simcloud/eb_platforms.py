"""The Elastic Beanstalk platform catalog the simulated cloud serves.

Branches in each lifecycle state (Supported, Deprecated, Retired, Beta) and,
for one supported branch, an older version next to the recommended one, so a
"newer version of the same branch exists" finding can be produced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

TIERS = ["WebServer/Standard", "Worker/SQS/HTTP"]
ADDONS = ["Log/S3", "Monitoring/Healthd", "WorkerDaemon/SQSD"]


@dataclass(frozen=True)
class Platform:
    language: str  # e.g. "Python"
    language_version: str  # "3.11"
    os_name: str  # "Amazon Linux 2023"
    version: str  # "4.6.0"
    branch_state: str  # Supported | Beta | Deprecated | Retired
    recommended: bool  # latest version of its branch
    created: str  # ISO date

    @property
    def branch(self) -> str:
        return f"{self.language} {self.language_version} running on 64bit {self.os_name}".replace(
            "  ", " "
        )

    @property
    def category(self) -> str:
        return self.language.split()[0]

    def arn(self, region: str) -> str:
        return f"arn:aws:elasticbeanstalk:{region}::platform/{self.branch}/{self.version}"

    @property
    def solution_stack(self) -> str:
        return f"64bit {self.os_name} v{self.version} running {self.language} {self.language_version}".strip()

    def describe(self, region: str) -> dict[str, Any]:
        created = datetime.fromisoformat(self.created).replace(tzinfo=timezone.utc)
        d: dict[str, Any] = {
            "PlatformArn": self.arn(region),
            "PlatformOwner": "AWSElasticBeanstalk",
            "PlatformName": self.branch,
            "PlatformVersion": self.version,
            "SolutionStackName": self.solution_stack,
            "PlatformStatus": "Ready",
            "DateCreated": created,
            "DateUpdated": created,
            "PlatformCategory": self.category,
            "Description": f"{self.branch} platform version {self.version}",
            "Maintainer": "aws-elasticbeanstalk@amazon.com",
            "OperatingSystemName": self.os_name,
            "OperatingSystemVersion": self.os_name.split()[-1],
            "ProgrammingLanguages": [{"Name": self.language, "Version": self.language_version}],
            "Frameworks": [],
            "CustomAmiList": [{"VirtualizationType": "hvm", "ImageId": "ami-0abcdef1234567890"}],
            "SupportedTierList": TIERS,
            "SupportedAddonList": ADDONS,
            "PlatformBranchName": self.branch,
            "PlatformBranchLifecycleState": self.branch_state,
        }
        if self.recommended:
            d["PlatformLifecycleState"] = "Recommended"
        return d

    def summary(self, region: str) -> dict[str, Any]:
        d = self.describe(region)
        keys = (
            "PlatformArn", "PlatformOwner", "PlatformStatus", "PlatformCategory",
            "OperatingSystemName", "OperatingSystemVersion", "SupportedTierList",
            "SupportedAddonList", "PlatformLifecycleState", "PlatformVersion",
            "PlatformBranchName", "PlatformBranchLifecycleState",
        )
        return {k: d[k] for k in keys if k in d}


PLATFORMS: list[Platform] = [
    Platform("Python", "3.11", "Amazon Linux 2023", "4.6.0", "Supported", True, "2025-06-20"),
    Platform("Python", "3.11", "Amazon Linux 2023", "4.5.2", "Supported", False, "2025-03-10"),
    Platform("Python", "3.11", "Amazon Linux 2023", "4.1.0", "Supported", False, "2024-05-02"),
    Platform("Node.js", "20", "Amazon Linux 2023", "6.6.0", "Supported", True, "2025-06-20"),
    Platform("Corretto", "17", "Amazon Linux 2023", "4.6.0", "Supported", True, "2025-06-20"),
    Platform("Docker", "", "Amazon Linux 2023", "4.6.0", "Supported", True, "2025-06-20"),
    Platform("PHP", "8.4", "Amazon Linux 2023", "4.7.0", "Beta", True, "2025-06-20"),
    Platform("Python", "3.8", "Amazon Linux 2", "3.3.14", "Deprecated", True, "2023-08-01"),
    Platform("PHP", "8.1", "Amazon Linux 2", "3.10.0", "Deprecated", True, "2024-10-01"),
    Platform("Node.js", "12", "Amazon Linux 2", "5.0.2", "Retired", True, "2021-02-01"),
]
BRANCH_ORDER = {"Supported": 1, "Beta": 2, "Deprecated": 3, "Retired": 4}

_STACK_RE = re.compile(r"^64bit (.+?) v(\d+\.\d+\.\d+) running (.+?)\s*(\d[\w.]*)?$")
_ARN_RE = re.compile(r"^arn:aws[\w-]*:elasticbeanstalk:[\w-]*::platform/(.+)/(\d+\.\d+\.\d+)$")


def by_arn(arn: str) -> Platform | None:
    m = _ARN_RE.match(arn)
    if not m:
        return None
    for p in PLATFORMS:
        if p.branch == m.group(1) and p.version == m.group(2):
            return p
    return None


def by_solution_stack(name: str) -> Platform | None:
    for p in PLATFORMS:
        if p.solution_stack == name:
            return p
    m = _STACK_RE.match(name)
    if not m:
        return None
    # Any well-formed stack name outside the table: a supported platform.
    return Platform(m.group(3), m.group(4) or "", m.group(1), m.group(2), "Supported", True, "2025-01-01")


def branches() -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for p in PLATFORMS:
        seen.setdefault(
            p.branch,
            {
                "PlatformName": p.category,
                "BranchName": p.branch,
                "LifecycleState": p.branch_state,
                "BranchOrder": BRANCH_ORDER[p.branch_state],
                "SupportedTierList": TIERS,
            },
        )
    return list(seen.values())


def filter_match(value: str | None, operator: str, values: list[str]) -> bool:
    value = value or ""
    if operator == "=":
        return value == values[0]
    if operator == "!=":
        return value != values[0]
    if operator == "begins_with":
        return value.startswith(values[0])
    if operator == "ends_with":
        return value.endswith(values[0])
    if operator == "contains":
        return values[0] in value
    if operator == "in":
        return value in values
    if operator == "not_in":
        return value not in values
    return True
