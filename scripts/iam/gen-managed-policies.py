#!/usr/bin/env python3
"""Generate Sources/IAMPolicy/Resources/managed-policies.txt from moto's bundled AWS managed policies.

Why: roles usually get their power from AWS managed policies referenced only by ARN. To judge a
role offline, ebguard needs those documents; moto (PyPI) ships a recent snapshot of them. We keep
every policy a customer can attach (service-linked-role policies under /aws-service-role/ are left
out: they can only be used by AWS services), plus a table of deprecated policies and their
replacements, which moto does not carry.

Usage:  pip install moto && python3 scripts/iam/gen-managed-policies.py [--out PATH]

Output format (UTF-8, one policy per line, TAB separated):
  # comment lines (header: data set name and version)
  P <name> <path> <default version id> <update date> <compact JSON document>
  D <name> <replacement name or -> <reason>       (deprecated policies, with or without a document)
"""
import argparse, datetime, json, os, sys

# Deprecated / retired AWS managed policies that matter to Elastic Beanstalk roles, with their
# replacements (AWS Elastic Beanstalk developer guide: managed policies, service role pages).
DEPRECATED = {
    "AWSElasticBeanstalkService": ("AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
                                   "retired service role policy; AWS recommends AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy"),
    "AWSElasticBeanstalkFullAccess": ("AdministratorAccess-AWSElasticBeanstalk",
                                      "retired user policy; AWS recommends AdministratorAccess-AWSElasticBeanstalk"),
    "AWSElasticBeanstalkReadOnlyAccess": ("AWSElasticBeanstalkReadOnly",
                                          "retired user policy; AWS recommends AWSElasticBeanstalkReadOnly"),
    "AmazonEC2RoleforSSM": ("AmazonSSMManagedInstanceCore",
                            "deprecated by AWS; grants broad S3 and SSM access"),
    "AmazonElasticMapReduceFullAccess": ("AmazonEMRFullAccessPolicy_v2", "deprecated by AWS"),
    "AmazonElasticMapReduceRole": ("AmazonEMRServicePolicy_v2", "deprecated by AWS"),
}


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
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "Sources", "IAMPolicy", "Resources", "managed-policies.txt"))
    args = ap.parse_args()
    from moto.iam.aws_managed_policies import aws_managed_policies_data
    data = json.loads(aws_managed_policies_data)
    lines = [
        "# ebguard AWS managed policies, format 1",
        f"# dataset: moto {package_version('moto')} moto/iam/aws_managed_policies.py",
        f"# generated: {datetime.date.today().isoformat()} by scripts/iam/gen-managed-policies.py",
    ]
    kept = 0
    for name in sorted(data):
        p = data[name]
        path = p.get("Path", "/")
        if path.startswith("/aws-service-role/"):
            continue
        doc = json.dumps(p["Document"], separators=(",", ":"), sort_keys=False, ensure_ascii=False)
        assert "\n" not in doc and "\t" not in doc
        lines.append("\t".join(["P", name, path, clean(p.get("DefaultVersionId", "")), clean(p.get("UpdateDate", "")), doc]))
        kept += 1
    for name in sorted(DEPRECATED):
        replacement, reason = DEPRECATED[name]
        if replacement == name:
            replacement = "-"
        lines.append("\t".join(["D", name, replacement, clean(reason)]))
    out = os.path.abspath(args.out)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{out}: {kept} policies, {len(DEPRECATED)} deprecations, {os.path.getsize(out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
