import Inventory

/// Applies `ebguard:ignore` comments from files to the findings located in those files.
enum InlineSuppressions {
    /// The pseudo-control id for a suppression that gives no reason.
    static let missingReasonControl = "EB-SUPPRESS-001"

    static func apply(_ suppressions: [InlineSuppression], to findings: consuming [Finding]) -> [Finding] {
        guard !suppressions.isEmpty else { return findings }
        return findings.map { finding -> Finding in
            guard finding.verdict == .fail, let location = finding.location else { return finding }
            let match = suppressions.first { suppression in
                guard suppression.reason != nil, suppression.controlId.uppercased() == finding.control,
                      suppression.origin.file == location.file else { return false }
                if let line = suppression.line { return line == location.line }
                if let resource = suppression.resource {
                    return resource == finding.resource.name || resource == finding.resource.id || resource == finding.resource.environment
                }
                return true
            }
            guard let match else { return finding }
            var suppressed = finding
            suppressed.verdict = .suppressed
            suppressed.suppression = "inline: \(match.reason ?? "") (\(match.origin.description))"
            return suppressed
        }
    }

    /// One finding per suppression that gives no reason (it suppresses nothing).
    static func findingsWithoutReason(_ suppressions: [InlineSuppression]) -> [Finding] {
        var output: [Finding] = []
        for suppression in suppressions where suppression.reason?.isEmpty ?? true {
            output.append(Finding(
                control: missingReasonControl, verdict: .fail, severity: .low, layer: .detection,
                title: "Inline suppression names a reason",
                resource: ResourceRef(type: "File", id: suppression.origin.file ?? "unknown", name: suppression.resource),
                evidence: ["ebguard:ignore \(suppression.controlId) has no reason; it suppresses nothing"],
                remediation: .manual("Add `reason: <why>` to the comment, or remove it."),
                location: Location(suppression.origin), source: suppression.origin.description))
        }
        return output
    }
}
