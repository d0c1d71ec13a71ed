import Foundation

extension RemediationPlan {
    /// The plan as a person reviews it: each fix with old → new values, prerequisites and risks,
    /// then the commands and snippets, then what is left to do by hand.
    public func renderText() -> String {
        var lines: [String] = []
        let place = [environment.applicationName.map { "application \($0)" }, environment.region].compactMap { $0 }.joined(separator: ", ")
        lines.append("Remediation plan for \(environment.name)\(place.isEmpty ? "" : " (\(place))") — from \(source)")
        if fixes.isEmpty {
            lines.append("")
            lines.append("No option change to make: no failing control is fixed by option settings\(notPlanned.isEmpty ? "." : " with the inputs given.")")
        }
        for fix in fixes {
            lines.append("")
            lines.append("\(fix.control) [\(fix.severity.rawValue)] \(fix.title)")
            lines.append("  \(fix.summary)")
            for change in fix.changes {
                let old = change.oldValue.map { "'\($0)'" } ?? "(absent)"
                let new = change.newValue.map { "'\($0)'" } ?? "(removed)"
                lines.append("  \(change.key): \(old) → \(new)")
            }
            for item in fix.prerequisites { lines.append("  prerequisite: \(item)") }
            for item in fix.risks { lines.append("  risk: \(item)") }
        }
        if let cli = snippets.awsCLI {
            lines.append("")
            lines.append("Equivalent AWS CLI command:")
            lines.append(cli)
            lines.append("")
            lines.append("As .ebextensions/ebguard-hardening.config:")
            lines.append((snippets.ebextensions ?? "").trimmingCharacters(in: .newlines))
            lines.append("")
            lines.append("CloudFormation:")
            lines.append((snippets.cloudFormation ?? "").trimmingCharacters(in: .newlines))
            lines.append("")
            lines.append("Terraform:")
            lines.append((snippets.terraform ?? "").trimmingCharacters(in: .newlines))
        }
        if !notPlanned.isEmpty {
            lines.append("")
            lines.append("Not planned:")
            for item in notPlanned {
                lines.append("  \(item.control) \(item.title): \(item.reason)\(item.needs.map { " (pass \($0))" } ?? "")")
            }
        }
        if !manualFixes.isEmpty {
            lines.append("")
            lines.append("Fixes outside option settings (review, then run by hand; apply never runs these):")
            for fix in manualFixes {
                lines.append("  \(fix.control) [\(fix.severity.rawValue)] \(fix.title) — \(fix.resource)")
                lines.append("    \(fix.summary)")
                for command in fix.commands { lines.append("    $ \(command.replacingOccurrences(of: "\n", with: "\n      "))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ChangeOutcome {
    /// The result of an apply or rollback, in words.
    public func renderText() -> String {
        var lines = ["\(kind) \(changeId) on \(environment): \(verification)"]
        if unchanged > 0 { lines.append("  \(unchanged) option(s) already held the value and were not sent") }
        for mismatch in configurationMismatches { lines.append("  not applied: \(mismatch)") }
        for control in controlVerdicts.keys.sorted() { lines.append("  \(control): \(controlVerdicts[control]?.rawValue ?? "?")") }
        for item in notRestored { lines.append("  not restored: \(item)") }
        if let before = healthBefore, let after = healthAfter { lines.append("  health: \(before) → \(after)") }
        if healthDegraded { lines.append("  HEALTH DEGRADED after the change") }
        return lines.joined(separator: "\n") + "\n"
    }
}
