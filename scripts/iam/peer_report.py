"""Turns per-policy verdicts into docs/iam-peer-comparison.md: counts, and every disagreement with
the rule that explains it and the tool that is right."""
import collections
import datetime

TOOLS = ("ebguard", "parliament", "cloudsplaining")
# Escalation paths Parliament's community auditor knows (Rhino Security Labs' original list).
PARLIAMENT_PATHS = {"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:CreatePolicyVersion",
                    "iam:SetDefaultPolicyVersion", "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:PutUserPolicy",
                    "iam:PutGroupPolicy", "iam:AddUserToGroup", "iam:UpdateAssumeRolePolicy + sts:AssumeRole",
                    "iam:PassRole + ec2:RunInstances", "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
                    "iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping", "iam:PassRole + glue:CreateDevEndpoint",
                    "iam:PassRole + cloudformation:CreateStack", "glue:UpdateDevEndpoint", "lambda:UpdateFunctionCode"}


def statements(document):
    if not isinstance(document, dict):
        return []
    body = document.get("Statement", [])
    return body if isinstance(body, list) else [body]


def listed(value):
    return value if isinstance(value, list) else [value] if value is not None else []


def ebguard_paths(evidence):
    """Path names from EB-IAM-005 evidence lines, and whether every one is conditional."""
    names = [line.split(": ", 1)[0].replace("escalation path ", "") for line in evidence]
    return names, all(line.endswith("(conditional)") for line in evidence)


def passrole_scoped(document):
    grants = [s for s in statements(document) if s.get("Effect") == "Allow"
              and any(str(a).lower() in ("iam:passrole", "iam:*", "*", "iam:pass*") for a in listed(s.get("Action")))]
    return bool(grants) and all("*" not in listed(s.get("Resource")) for s in grants)


def has_deny_notaction(document):
    return any(s.get("Effect") == "Deny" and "NotAction" in s for s in statements(document))


def explain(category, row):
    """(reason, who is right) for a policy the tools disagree on in `category`."""
    results, document = row["results"], row["document"]
    flagged = {tool for tool in TOOLS if category in results[tool]}
    if category == "privilege-escalation":
        if "ebguard" in flagged:
            names, conditional = ebguard_paths(results["ebguard"][category])
            outside = [n for n in names if n not in PARLIAMENT_PATHS]
            if conditional:
                return ("every path ebguard finds is only granted under a condition; Cloudsplaining skips conditional "
                        "statements, Parliament's table lacks the path or needs sts:AssumeRole too",
                        "depends on the condition: ebguard reports it marked (conditional) for review; where the condition pins the target "
                        "(iam:PolicyARN, iam:PassedToService, a resource tag) the peers' silence is right")
            if "parliament" not in flagged and "cloudsplaining" not in flagged:
                return ("path(s) outside both peers' tables (ssm:SendCommand on *, SageMaker notebook URL, change sets, …)",
                        "ebguard: each is a documented escalation vector")
            if "parliament" not in flagged:
                return ("path(s) Parliament's older table lacks (or pairs with sts:AssumeRole, as for AttachRolePolicy)",
                        "ebguard (and Cloudsplaining where it flags): documented vectors; attaching a policy to a role already in use needs no AssumeRole")
            return ("Cloudsplaining counts only actions allowed on Resource \"*\"; ebguard also counts non-PassRole requirements on "
                    "named or pattern resources", "ebguard for single-action paths (one writable policy, function or stack is enough); review the named resources")
        if flagged == {"parliament"} and passrole_scoped(document):
            return ("Parliament ignores Resource: iam:PassRole is granted only on named roles", "ebguard and Cloudsplaining")
        if "cloudsplaining" in flagged and has_deny_notaction(document):
            return ("a Deny with NotAction leaves almost nothing allowed; Cloudsplaining does not apply it", "ebguard (and Parliament)")
        if flagged == {"parliament"}:
            return ("Parliament ignores Resource scoping of the required actions", "ebguard and Cloudsplaining")
        return (f"path in {' and '.join(sorted(flagged))}'s table only", "the flagging tool(s): a real vector ebguard's table lacks")
    if category == "admin":
        if "ebguard" in flagged:
            evidence = " ".join(results["ebguard"][category])
            if "NotAction" in evidence:
                return ("Allow + NotAction on *: Cloudsplaining's service-wildcard check ignores NotAction", "ebguard")
            if "(conditional)" in evidence:
                return ("* on * under a condition: Cloudsplaining skips conditional statements", "ebguard (marked conditional): a condition such as MFA does not limit what is granted")
        if has_deny_notaction(document):
            return ("Deny + NotAction cancels all but one action; Cloudsplaining does not apply the Deny", "ebguard")
    if category == "service-wildcard":
        if "ebguard" in flagged and all(any(k in line for k in ("NotAction", "every action except", "(conditional)")) for line in results["ebguard"][category]):
            return ("NotAction or conditional wildcard: Cloudsplaining only greps unconditional `service:*`", "ebguard")
        if "cloudsplaining" in flagged:
            if has_deny_notaction(document):
                return ("the wildcard is cancelled by a Deny + NotAction; Cloudsplaining does not apply Denies", "ebguard")
            return ("Cloudsplaining counts `service:*` in any Allow without a condition, including on named resources, or expands `*` to "
                    "every service", "ebguard: EB-IAM-004 is about wildcards on Resource \"*\"")
    if category == "secret-reads":
        if "ebguard" in flagged and "cloudsplaining" not in flagged:
            text = " ".join(results["ebguard"][category])
            if "kms:Decrypt" in text and not any(a in text for a in ("GetSecretValue", "GetParameter")):
                return ("kms:Decrypt on *: ebguard counts it as a secret read, the peers do not", "ebguard: it decrypts every KMS-encrypted secret the key policy allows")
            return ("granted on every resource of the type or under a condition (type-wide ARN such as secret:*, or a conditional statement): "
                    "Cloudsplaining only counts Resource \"*\" without conditions", "ebguard")
        if has_deny_notaction(document):
            return ("a Deny + NotAction cancels the grant; Cloudsplaining does not apply Denies", "ebguard")
        return ("Cloudsplaining counts it unscoped where ebguard sees named resources", "ebguard: the grant names specific secrets/parameters")
    if category == "unknown-actions":
        if "parliament" in flagged and "ebguard" not in flagged:
            return ("action or prefix newer than Parliament's bundled IAM definitions (ebguard's catalog has it)", "ebguard: the action exists in AWS")
        if "ebguard" in flagged and "parliament" not in flagged:
            return ("service or action no longer in AWS's service authorization reference (retired DeepLens, DeepRacer, Elastic Inference; "
                    "dropped actions such as cloud9:ValidateEnvironmentName); Parliament's older data still lists them",
                    "ebguard per the current reference: the entries grant nothing")
    if category == "malformed":
        if "parliament" in flagged and "ebguard" not in flagged:
            detail = " ".join(map(str, results["parliament"][category]))
            if "crash" in detail:
                return (f"Parliament raises on a valid AWS managed policy ({detail[:80]})", "ebguard: the policy is valid")
            return ("trust policy without Resource: Parliament reads every file as an identity policy", "ebguard: trust policies have no Resource")
        if flagged == {"ebguard", "parliament"}:
            return ("Cloudsplaining accepts an invalid element (Effect \"Permit\") and analyses the rest", "ebguard and Parliament: IAM rejects the policy")
    return ("see the verdicts", "—")


def write_report(rows, categories, out):
    lines = ["# IAM policy checks: ebguard, Parliament and Cloudsplaining", "",
             f"Generated by `scripts/iam/compare-peers` on {datetime.date.today()} (Parliament 1.6.4, Cloudsplaining 0.9.1, offline).",
             f"Corpus: {len(rows)} policies — {sum(r['policy'].startswith('managed/') for r in rows)} AWS managed policies (the bundled set) and "
             f"{sum(r['policy'].startswith('crafted/') for r in rows)} crafted ones in `scripts/iam/peer-corpus` (escalation paths, NotAction, Deny, "
             "conditions, `Action: \"*\"`, typos, trust and resource policies, a malformed file).", "",
             "Categories and what each tool's verdict is mapped from:", "",
             "| category | ebguard | Parliament | Cloudsplaining |", "|---|---|---|---|",
             "| admin | EB-IAM-003 | — | `iam` in service wildcards (`iam:*`/`*` unconditional) |",
             "| privilege-escalation | EB-IAM-005 | PRIVILEGE_ESCALATION (community auditors) | allows_privilege_escalation |",
             "| service-wildcard | EB-IAM-004 | — | service_wildcard |",
             "| secret-reads | EB-IAM-011 | — (its CREDENTIALS_EXPOSURE list has no secret reads) | data exfiltration on GetSecretValue/GetParameter* |",
             "| resource-exposure | — | PERMISSIONS_MANAGEMENT_ACTIONS | permissions_management_without_constraints |",
             "| public-resource-policy | EB-POLICY-002 | — | — |",
             "| unknown-actions | EB-POLICY-001 | UNKNOWN_ACTION, UNKNOWN_PREFIX | — |",
             "| malformed | input problem | MALFORMED*, exceptions | exceptions |", "",
             "## Counts (policies flagged)", "",
             "| category | ebguard | Parliament | Cloudsplaining | all that check agree | disagreements |", "|---|---|---|---|---|---|"]
    disagreements = collections.defaultdict(list)
    for category, tools in categories.items():
        counts = {tool: sum(category in r["results"][tool] for r in rows) for tool in tools}
        agree = 0
        for row in rows:
            verdicts = {category in row["results"][tool] for tool in tools}
            if len(verdicts) == 1:
                agree += 1
            else:
                disagreements[category].append(row)
        cells = [str(counts[tool]) if tool in tools else "—" for tool in TOOLS]
        lines.append(f"| {category} | {' | '.join(cells)} | {agree} | {len(disagreements[category])} |")
    lines += ["", "## Disagreements by cause", "",
              "Each disagreement is explained by the first rule in `explain()` (scripts/iam/peer_report.py) that matches it.", "",
              "| category | cause | policies | right |", "|---|---|---|---|"]
    detail = []
    for category, tools in categories.items():
        if category == "resource-exposure" or len(tools) < 2:
            continue
        causes = collections.OrderedDict()
        for row in disagreements[category]:
            reason, right = explain(category, row)
            causes.setdefault((reason, right), []).append(row)
        for (reason, right), members in sorted(causes.items(), key=lambda item: -len(item[1])):
            lines.append(f"| {category} | {reason} | {len(members)} | {right} |")
        if disagreements[category]:
            detail += ["", f"### {category}", "", "| policy | " + " | ".join(t for t in TOOLS if t in tools) + " | cause |",
                       "|---|" + "---|" * sum(t in tools for t in TOOLS) + "---|"]
            for row in disagreements[category]:
                marks = " | ".join("yes" if category in row["results"][t] else "no" for t in TOOLS if t in tools)
                said = "; ".join(f"{t}: {', '.join(map(str, row['results'][t][category]))[:160]}" for t in TOOLS if category in row["results"][t])
                detail.append(f"| {row['policy']} | {marks} | {explain(category, row)[0]} — {said.replace('|', '/')} |")
    lines += ["", "Resource exposure (permissions management without resource constraints) is a Parliament/Cloudsplaining notion "
              "ebguard does not report on identity policies: its own resource-exposure check (EB-POLICY-002) looks at resource "
              "policies that grant to everyone, which neither peer checks. The two peers disagree on "
              f"{len(disagreements['resource-exposure'])} policies there, mostly because Parliament also counts permissions-management "
              "actions on named resources and Cloudsplaining only on `*`.", "", "## Every disagreement"] + detail
    with open(out, "w") as handle:
        handle.write("\n".join(lines) + "\n")
