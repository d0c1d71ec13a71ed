"""ebguard's SARIF output against the official SARIF 2.1.0 schema and GitHub code scanning's needs.

Runs the built `ebguard` (``EBGUARD_BIN``, else ``.build/debug/ebguard``, built when missing) on
the repository's IaC fixtures (failing, suppressed and unreadable files), on a source bundle, on
paths that need percent-encoding, and on the demo fleet, then validates each document with the
Draft 4 validator the schema declares and with a Draft 7 validator, formats included (``uri``,
``uri-reference``, ``date-time``). The schema's provenance is in SCHEMA-ORIGIN.md.

    python3 -m pytest scripts/sarif -q
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCHEMA_PATH = HERE / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
SCHEMA_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FIXTURES = Path("Tests/IaCTests/Fixtures")
VALIDATORS = [jsonschema.Draft4Validator, jsonschema.Draft7Validator]
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def ebguard() -> Path:
    """The binary under test; `scripts/test` builds it before pytest runs."""
    explicit = os.environ.get("EBGUARD_BIN")
    if explicit:
        return Path(explicit).resolve()
    binary = ROOT / ".build" / "debug" / "ebguard"
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "ebguard"], cwd=ROOT, check=True)
    return binary


def run_sarif(ebguard: Path, *arguments: str, cwd: Path = ROOT) -> dict[str, Any]:
    """Runs one command with `--format sarif`; exit 0 (clean) and 1 (failing findings) both report."""
    completed = subprocess.run([str(ebguard), *arguments, "--format", "sarif"], cwd=cwd, capture_output=True, timeout=600)
    assert completed.returncode in (0, 1), completed.stderr.decode(errors="replace")
    return json.loads(completed.stdout)


def schema_errors(schema: dict[str, Any], document: Any, validators: list[Any] = VALIDATORS) -> list[str]:
    """Every schema violation under each validator, as `validator: path: message`."""
    errors = []
    for validator in validators:
        checker = validator(schema, format_checker=validator.FORMAT_CHECKER)
        for error in checker.iter_errors(document):
            path = "/".join(str(part) for part in error.absolute_path)
            errors.append(f"{validator.__name__}: /{path}: {error.message[:300]}")
    return errors


def code_scanning_problems(document: dict[str, Any]) -> list[str]:
    """What GitHub code scanning relies on beyond the schema: stable fingerprints, a severity on
    every rule, `ruleIndex` pointing at the rule named by `ruleId`, lines counted from 1."""
    problems = []
    for run_number, run in enumerate(document["runs"]):
        rules = run["tool"]["driver"].get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(ids) != len(set(ids)):
            problems.append(f"run {run_number}: duplicate rule ids")
        for rule in rules:
            severity = rule.get("properties", {}).get("security-severity")
            try:
                if not 0.0 <= float(severity) <= 10.0:
                    raise ValueError
            except (TypeError, ValueError):
                problems.append(f"rule {rule['id']}: properties.security-severity {severity!r} is not a number in 0-10")
        for number, result in enumerate(run.get("results", [])):
            where = f"run {run_number} result {number} ({result.get('ruleId')})"
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints")
            index = result.get("ruleIndex")
            if index is None or not 0 <= index < len(rules) or rules[index]["id"] != result.get("ruleId"):
                problems.append(f"{where}: ruleIndex {index} does not name rule {result.get('ruleId')}")
            if not result.get("locations"):
                problems.append(f"{where}: no location")
            for location in result.get("locations", []):
                problems += region_problems(where, location)
        for invocation in run.get("invocations", []):
            for notification in invocation.get("toolExecutionNotifications", []):
                for location in notification.get("locations", []):
                    problems += region_problems("notification", location)
    return problems


def region_problems(where: str, location: dict[str, Any]) -> list[str]:
    physical = location.get("physicalLocation")
    if physical is None:
        return []
    problems = []
    uri = physical.get("artifactLocation", {}).get("uri")
    if not uri:
        problems.append(f"{where}: physical location without a uri")
    elif SCHEME.match(uri) and not uri.startswith("file:"):
        # A relative path whose first segment holds a colon reads as a URI scheme
        # (RFC 3986 §4.2); code scanning refuses schemes other than file.
        problems.append(f"{where}: uri {uri!r} has a scheme")
    region = physical.get("region")
    if region is not None:
        if not isinstance(region.get("startLine"), int) or region["startLine"] < 1:
            problems.append(f"{where}: startLine {region.get('startLine')!r} is not >= 1")
        if "startColumn" in region and region["startColumn"] < 1:
            problems.append(f"{where}: startColumn {region['startColumn']!r} is not >= 1")
    return problems


def assert_valid(schema: dict[str, Any], document: dict[str, Any]) -> None:
    errors = schema_errors(schema, document)
    assert not errors, "\n".join(errors[:20])
    problems = code_scanning_problems(document)
    assert not problems, "\n".join(problems[:20])


# The schema file itself


def test_schema_is_the_official_errata01_schema(schema: dict[str, Any]) -> None:
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["id"] == SCHEMA_ID
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    # The root is the sarifLog object.
    assert set(schema["required"]) == {"version", "runs"}
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    definitions = schema["definitions"]
    for name in ("run", "result", "reportingDescriptor", "toolComponent", "physicalLocation", "region", "suppression"):
        assert name in definitions, name
    assert "partialFingerprints" in definitions["result"]["properties"]
    for validator in VALIDATORS:
        validator.check_schema(schema)


# Negative checks: the validation must be able to fail


def minimal_document() -> dict[str, Any]:
    return {
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ebguard", "rules": [
                {"id": "EB-NET-010", "properties": {"security-severity": "8.0"}}]}},
            "results": [{
                "ruleId": "EB-NET-010", "ruleIndex": 0, "level": "error", "message": {"text": "open"},
                "partialFingerprints": {"ebguardFinding/v1": "0123456789abcdef"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "infra/web.yaml"},
                                                    "region": {"startLine": 3, "startColumn": 5}}}],
            }],
        }],
    }


def test_a_minimal_document_passes(schema: dict[str, Any]) -> None:
    assert_valid(schema, minimal_document())


@pytest.mark.parametrize("label, damage", [
    ("no version", lambda d: d.pop("version")),
    ("wrong version", lambda d: d.update(version="2.0.0")),
    ("run without tool", lambda d: d["runs"][0].pop("tool")),
    ("unknown level", lambda d: d["runs"][0]["results"][0].update(level="fatal")),
    ("message without text", lambda d: d["runs"][0]["results"][0].update(message={})),
    ("line 0", lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0)),
    ("region without a start", lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].pop("startLine")),
    ("unknown property", lambda d: d["runs"][0]["results"][0].update(severity="high")),
    ("unknown suppression kind", lambda d: d["runs"][0]["results"][0].update(suppressions=[{"kind": "inline"}])),
])
def test_schema_rejects_invalid_documents(schema: dict[str, Any], label: str, damage: Any) -> None:
    document = minimal_document()
    damage(document)
    for validator in VALIDATORS:
        assert schema_errors(schema, document, [validator]), f"{label}: accepted by {validator.__name__}"


def test_uri_format_is_checked(schema: dict[str, Any]) -> None:
    # Draft 4 has no `uri-reference` format; the Draft 7 validator checks it.
    document = minimal_document()
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b.yaml"
    assert schema_errors(schema, document, [jsonschema.Draft7Validator])


@pytest.mark.parametrize("label, damage", [
    ("no fingerprints", lambda d: d["runs"][0]["results"][0].pop("partialFingerprints")),
    ("ruleIndex names another rule", lambda d: d["runs"][0]["results"][0].update(ruleId="EB-NET-004")),
    ("ruleIndex out of range", lambda d: d["runs"][0]["results"][0].update(ruleIndex=4)),
    ("rule without security-severity", lambda d: d["runs"][0]["tool"]["driver"]["rules"][0].pop("properties")),
    ("no location", lambda d: d["runs"][0]["results"][0].pop("locations")),
    ("uri read as a scheme", lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].update(uri="tf:modules/main.tf")),
])
def test_code_scanning_checks_reject_what_github_needs(label: str, damage: Any) -> None:
    document = minimal_document()
    damage(document)
    assert code_scanning_problems(document), f"{label}: accepted"


# ebguard's own output


def test_scan_of_the_iac_fixtures(schema: dict[str, Any], ebguard: Path) -> None:
    document = run_sarif(ebguard, "scan", str(FIXTURES))
    assert_valid(schema, document)
    run = document["runs"][0]
    results = run["results"]
    assert any(result["level"] == "error" for result in results)
    suppressed = [result for result in results if result.get("suppressions")]
    assert suppressed and all(entry["kind"] == "inSource" for result in suppressed for entry in result["suppressions"])
    uris = {location["physicalLocation"]["artifactLocation"]["uri"]
            for result in results for location in result["locations"] if "physicalLocation" in location}
    assert any(uri.endswith(".tf") for uri in uris) and any(uri.endswith(".yaml") for uri in uris)
    assert any(uri.endswith(".config") for uri in uris), uris
    # Unreadable fixtures (Fixtures/bad) are reported as notifications at their position.
    notifications = run["invocations"][0]["toolExecutionNotifications"]
    assert any("region" in location["physicalLocation"] for entry in notifications for location in entry["locations"])


@pytest.mark.parametrize("folder", ["cloudformation", "terraform", "terraform-plan", "ebextensions-app", "ebextensions-insecure", "bad"])
def test_scan_of_each_fixture_folder(schema: dict[str, Any], ebguard: Path, folder: str) -> None:
    assert_valid(schema, run_sarif(ebguard, "scan", str(FIXTURES / folder)))


def test_scan_of_a_source_bundle(schema: dict[str, Any], ebguard: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "app bundle.zip"
    source = ROOT / FIXTURES / "ebextensions-app"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(source).as_posix())
    document = run_sarif(ebguard, "scan", bundle.name, cwd=tmp_path)
    assert_valid(schema, document)
    uris = {location["physicalLocation"]["artifactLocation"]["uri"]
            for result in document["runs"][0]["results"] for location in result["locations"] if "physicalLocation" in location}
    assert uris == {"app%20bundle.zip"}


def test_scan_of_paths_that_need_encoding(schema: dict[str, Any], ebguard: Path, tmp_path: Path) -> None:
    folder = tmp_path / "infra [prod] #1 ü%"
    shutil.copytree(ROOT / FIXTURES / "cloudformation", folder)
    shutil.copytree(ROOT / FIXTURES / "terraform", folder / "tf:modules")
    shutil.copytree(ROOT / FIXTURES / "terraform", tmp_path / "tf:main")
    assert_valid(schema, run_sarif(ebguard, "scan", folder.name, cwd=tmp_path))
    assert_valid(schema, run_sarif(ebguard, "scan", str(folder)))
    document = run_sarif(ebguard, "scan", "tf:main", cwd=tmp_path)
    assert_valid(schema, document)
    assert document["runs"][0]["results"]


def test_scan_of_nothing(schema: dict[str, Any], ebguard: Path, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("nothing to scan\n")
    document = run_sarif(ebguard, "scan", str(tmp_path))
    assert_valid(schema, document)
    assert document["runs"][0]["results"] == []


def test_audit_of_the_demo_fleet(schema: dict[str, Any], ebguard: Path) -> None:
    document = run_sarif(ebguard, "audit", "--from-aws-cli", "examples/demo-fleet")
    assert_valid(schema, document)
    assert document["runs"][0]["results"]


def test_every_scan_result_has_a_physical_location(ebguard: Path) -> None:
    results = run_sarif(ebguard, "scan", str(FIXTURES))["runs"][0]["results"]
    missing = sorted({result["ruleId"] for result in results
                      if not any("physicalLocation" in location for location in result["locations"])})
    assert not missing, missing
