"""Per-policy verdicts of ebguard, Parliament and Cloudsplaining, normalised to shared categories.

Run through scripts/iam/compare-peers (it pins the tools in a venv and builds ebguard).
"""
import argparse
import contextlib
import io
import json
import multiprocessing
import os
import shutil
import subprocess
import sys

from cloudsplaining.scan.policy_document import PolicyDocument
from parliament import analyze_policy_string

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SECRET_READS = {"secretsmanager:getsecretvalue", "ssm:getparameter", "ssm:getparameters", "ssm:getparametersbypath"}
# category -> which tools have a check for it (the others are shown as "—")
CATEGORIES = {
    "admin": ("ebguard", "cloudsplaining"),
    "privilege-escalation": ("ebguard", "parliament", "cloudsplaining"),
    "service-wildcard": ("ebguard", "cloudsplaining"),
    "secret-reads": ("ebguard", "cloudsplaining"),
    "resource-exposure": ("parliament", "cloudsplaining"),
    "public-resource-policy": ("ebguard",),
    "unknown-actions": ("ebguard", "parliament"),
    "malformed": ("ebguard", "parliament", "cloudsplaining"),
}
EBGUARD_IDS = {"EB-IAM-003": "admin", "EB-IAM-005": "privilege-escalation", "EB-IAM-004": "service-wildcard",
               "EB-IAM-011": "secret-reads", "EB-POLICY-002": "public-resource-policy", "EB-POLICY-001": "unknown-actions"}


def build_corpus(work):
    """AWS managed policies from the bundled data file, plus the crafted policies."""
    corpus = os.path.join(work, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(os.path.join(corpus, "managed"))
    with open(os.path.join(ROOT, "Sources/IAMPolicy/Resources/managed-policies.txt")) as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "P":
                with open(os.path.join(corpus, "managed", fields[1] + ".json"), "w") as out:
                    out.write(fields[5])
    shutil.copytree(os.path.join(HERE, "peer-corpus"), os.path.join(corpus, "crafted"))
    return corpus


def run_ebguard(corpus, work):
    report_path = os.path.join(work, "ebguard.json")
    subprocess.run([os.environ.get("EBGUARD", "ebguard"), "policy", "check", corpus, "--format", "json", "--output", report_path],
                   check=False, stderr=subprocess.DEVNULL)
    report = json.load(open(report_path))
    verdicts = {}
    for finding in report["findings"]:
        category = EBGUARD_IDS.get(finding["control"])
        if category and finding["verdict"] == "fail":
            verdicts.setdefault(finding["resource"]["id"], {})[category] = finding["evidence"]
    for problem in report["inputProblems"]:
        verdicts.setdefault(problem["file"], {})["malformed"] = [problem["message"]]
    return verdicts


def run_parliament(text):
    try:
        policy = analyze_policy_string(text, include_community_auditors=True)
    except Exception as error:  # Parliament raises on some valid policies
        return {"malformed": [f"crash: {type(error).__name__}: {error}"]}
    found = {}
    for finding in policy.findings:
        issue, location = finding.issue, finding.location
        if issue == "PRIVILEGE_ESCALATION":
            found.setdefault("privilege-escalation", []).append(location.get("type"))
        elif issue in ("UNKNOWN_ACTION", "UNKNOWN_PREFIX"):
            found.setdefault("unknown-actions", []).append(str(location.get("unknown_action") or location.get("unknown_prefix") or location))
        elif issue == "PERMISSIONS_MANAGEMENT_ACTIONS":
            found.setdefault("resource-exposure", []).extend(location.get("actions", []))
        elif issue in ("MALFORMED", "MALFORMED_JSON", "EXCEPTION"):
            found.setdefault("malformed", []).append(finding.detail)
    return found


def run_cloudsplaining(text):
    try:
        document = PolicyDocument(json.loads(text))
        found = {}
        escalations = document.allows_privilege_escalation
        if escalations:
            found["privilege-escalation"] = [e["type"] for e in escalations]
        wildcards = document.service_wildcard
        if wildcards:
            found["service-wildcard"] = wildcards
            if "iam" in wildcards:
                found["admin"] = ["iam:* (or *) on *"]
        secrets = [a for a in document.allows_data_exfiltration_actions if a.lower() in SECRET_READS]
        if secrets:
            found["secret-reads"] = secrets
        exposure = document.permissions_management_without_constraints
        if exposure:
            found["resource-exposure"] = exposure
        return found
    except Exception as error:  # a policy it cannot read
        return {"malformed": [f"{type(error).__name__}: {error}"]}


def run_peers(path):
    """Parliament's and Cloudsplaining's verdicts on one file (Cloudsplaining's notes silenced)."""
    text = open(path).read()
    with contextlib.redirect_stdout(io.StringIO()):
        return run_parliament(text), run_cloudsplaining(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--report-only", action="store_true", help="rewrite the document from WORK/verdicts.json")
    args = parser.parse_args()
    sys.path.insert(0, HERE)
    from peer_report import write_report
    if args.report_only:
        write_report(json.load(open(os.path.join(args.work, "verdicts.json"))), CATEGORIES, args.out)
        return
    corpus = build_corpus(args.work)
    ebguard = run_ebguard(corpus, args.work)
    paths = [os.path.join(corpus, folder, name) for folder in ("crafted", "managed")
             for name in sorted(os.listdir(os.path.join(corpus, folder)))]
    with multiprocessing.Pool() as pool:
        peers = pool.map(run_peers, paths, chunksize=8)
    rows = []
    for path, (parliament, cloudsplaining) in zip(paths, peers):
        text = open(path).read()
        try:
            document = json.loads(text)
        except ValueError:
            document = text
        rows.append({"policy": os.path.relpath(path, corpus)[:-5], "document": document,
                     "results": {"ebguard": ebguard.get(path, {}), "parliament": parliament, "cloudsplaining": cloudsplaining}})
    with open(os.path.join(args.work, "verdicts.json"), "w") as handle:
        json.dump(rows, handle, indent=1, default=str)
    write_report(rows, CATEGORIES, args.out)


if __name__ == "__main__":
    main()
