import Controls

/// One control on one resource whose verdict moved between two runs.
public struct DriftEntry: Sendable, Codable, Hashable {
    public var control: String
    /// The resource as the later run saw it (the earlier run's, when it is gone).
    public var resource: ResourceRef
    /// Nil when the earlier run had no finding for this control and resource.
    public var before: Verdict?
    /// Nil when the later run has no finding for this control and resource.
    public var after: Verdict?
    public var severity: Severity

    public init(control: String, resource: ResourceRef, before: Verdict?, after: Verdict?, severity: Severity) {
        self.control = control
        self.resource = resource
        self.before = before
        self.after = after
        self.severity = severity
    }
}

/// A resource that appeared or disappeared between two runs, with its failing controls (in the
/// later run for a new resource, in the earlier run for a removed one).
public struct DriftResource: Sendable, Codable, Hashable {
    public var resource: ResourceRef
    public var failing: [DriftEntry]

    public init(resource: ResourceRef, failing: [DriftEntry]) {
        self.resource = resource
        self.failing = failing
    }

    /// The most severe failing control, nil when none fails.
    public var worstSeverity: Severity? { failing.map(\.severity).max() }
}

/// What changed between two runs, most important first.
public struct DriftReport: Sendable, Codable, Hashable {
    /// Failing now, not failing before (pass, not-applicable, suppressed — an expired exception —
    /// or not-assessed, or no finding for an existing resource, e.g. a control new in this version).
    public var regressions: [DriftEntry]
    /// Resources (type + id) in the later run only.
    public var newResources: [DriftResource]
    /// Failing before, pass or not-applicable now.
    public var fixes: [DriftEntry]
    /// Failing in both runs.
    public var stillFailing: [DriftEntry]
    /// Resources (type + id) in the earlier run only.
    public var removedResources: [DriftResource]
    /// Every other verdict change on a resource in both runs, notably visibility lost
    /// (pass/fail → not-assessed, or a finding that disappeared) and fail → suppressed: a security
    /// tool must not let a control go quiet unnoticed. (A control that is new on a resource and
    /// does not fail is not listed.)
    public var assessmentChanges: [DriftEntry]

    public init(regressions: [DriftEntry] = [], newResources: [DriftResource] = [], fixes: [DriftEntry] = [],
                stillFailing: [DriftEntry] = [], removedResources: [DriftResource] = [], assessmentChanges: [DriftEntry] = []) {
        self.regressions = regressions
        self.newResources = newResources
        self.fixes = fixes
        self.stillFailing = stillFailing
        self.removedResources = removedResources
        self.assessmentChanges = assessmentChanges
    }

    /// True when nothing moved (still-failing findings alone are not drift).
    public var isEmpty: Bool {
        regressions.isEmpty && newResources.isEmpty && fixes.isEmpty && removedResources.isEmpty && assessmentChanges.isEmpty
    }
}

/// Drift between two runs, as a pure function so it can compare any two sets of findings
/// (two stored runs, or a stored run and the audit just made).
public enum Drift {
    /// Compares two runs' findings.
    ///
    /// A finding is keyed by control, resource type and resource id; the resource's environment
    /// is part of the key too, so a security group shared by two environments is compared per
    /// environment rather than one finding hiding the other. Each list is sorted by severity
    /// (critical first), then control, then resource.
    public static func compare(before: [StoredFinding], after: [StoredFinding]) -> DriftReport {
        // A fleet-sized run has over half a million findings: each key is hashed once, the
        // indexes hold positions in the arrays, and strings are compared only to confirm a match.
        let old = FindingIndex(before)
        let new = FindingIndex(after)

        var report = DriftReport()
        // Keyed by the position of the resource's first finding in its run.
        var added: [Int: DriftResource] = [:]
        var removed: [Int: DriftResource] = [:]

        for position in after.indices where new.isWinner(position) {
            let finding = after[position]
            let previous = old.position(of: finding, hash: new.keyHashes[position]).map { before[$0].verdict }
            let resource = ResourceKey(finding.resource)
            if old.resourcePosition(of: resource, hash: new.resourceHashes[position]) == nil {
                let first = new.resourcePosition(of: resource, hash: new.resourceHashes[position]) ?? position
                var entry = added.removeValue(forKey: first) ?? DriftResource(resource: after[first].resource, failing: [])
                if finding.verdict == .fail { entry.failing.append(Self.entry(finding, before: nil, after: .fail)) }
                added[first] = entry
                continue
            }
            switch (previous, finding.verdict) {
            case (.fail?, .fail): report.stillFailing.append(Self.entry(finding, before: previous, after: .fail))
            case (_, .fail): report.regressions.append(Self.entry(finding, before: previous, after: .fail))
            case (.fail?, .pass), (.fail?, .notApplicable): report.fixes.append(Self.entry(finding, before: previous, after: finding.verdict))
            case let (before?, after) where before == after: break
            case (nil, _): break  // a control new to this resource that does not fail: not drift
            default: report.assessmentChanges.append(Self.entry(finding, before: previous, after: finding.verdict))
            }
        }
        for position in before.indices where old.isWinner(position) && new.position(of: before[position], hash: old.keyHashes[position]) == nil {
            let finding = before[position]
            let resource = ResourceKey(finding.resource)
            if new.resourcePosition(of: resource, hash: old.resourceHashes[position]) != nil {
                report.assessmentChanges.append(Self.entry(finding, before: finding.verdict, after: nil))
            } else {
                let first = old.resourcePosition(of: resource, hash: old.resourceHashes[position]) ?? position
                var entry = removed.removeValue(forKey: first) ?? DriftResource(resource: before[first].resource, failing: [])
                if finding.verdict == .fail { entry.failing.append(Self.entry(finding, before: .fail, after: nil)) }
                removed[first] = entry
            }
        }

        report.regressions.sort(by: ordered)
        report.fixes.sort(by: ordered)
        report.stillFailing.sort(by: ordered)
        report.assessmentChanges.sort(by: ordered)
        report.newResources = sortedResources(added.values)
        report.removedResources = sortedResources(removed.values)
        return report
    }

    // MARK: - Helpers

    /// A resource by type and id, without its name or environment.
    private struct ResourceKey {
        var type: String
        var id: String
        init(_ resource: ResourceRef) {
            type = resource.type
            id = resource.id
        }

        var hash: UInt64 {
            var hasher = KeyHasher()
            hasher.combine(type)
            hasher.combine(id)
            return hasher.value
        }

        func matches(_ resource: ResourceRef) -> Bool { resource.id == id && resource.type == type }
    }

    /// One run's findings indexed by key (control, resource type, resource id, environment) and by
    /// resource (type, id).
    private struct FindingIndex {
        let findings: [StoredFinding]
        let keyHashes: [UInt64]
        let resourceHashes: [UInt64]
        /// Should a source emit one key twice, the worst verdict stands for it: the position of
        /// that finding.
        private var byKey: PositionIndex
        /// The first finding of each resource.
        private var byResource: PositionIndex
        private var winners: [Bool]

        init(_ findings: [StoredFinding]) {
            self.findings = findings
            keyHashes = findings.map(Self.keyHash)
            resourceHashes = findings.map { ResourceKey($0.resource).hash }
            byKey = PositionIndex(capacity: findings.count)
            byResource = PositionIndex(capacity: findings.count)
            var winners = [Bool](repeating: false, count: findings.count)
            for position in findings.indices {
                let finding = findings[position]
                var displaced: Int?
                let kept = byKey.insert(position, hash: keyHashes[position], equals: { Self.sameKey(findings[$0], finding) },
                                        replace: { existing in
                    guard rank(findings[existing].verdict) < rank(finding.verdict) else { return false }
                    displaced = existing
                    return true
                })
                if let displaced { winners[displaced] = false }
                if kept == position { winners[position] = true }
                let resource = ResourceKey(finding.resource)
                byResource.insert(position, hash: resourceHashes[position], equals: { resource.matches(findings[$0].resource) })
            }
            self.winners = winners
        }

        func isWinner(_ position: Int) -> Bool { winners[position] }

        /// The position of the finding standing for `finding`'s key in this run.
        func position(of finding: StoredFinding, hash: UInt64) -> Int? {
            byKey.position(hash: hash, equals: { Self.sameKey(findings[$0], finding) })
        }

        /// The position of the first finding about `resource` in this run.
        func resourcePosition(of resource: ResourceKey, hash: UInt64) -> Int? {
            byResource.position(hash: hash, equals: { resource.matches(findings[$0].resource) })
        }

        private static func keyHash(_ finding: StoredFinding) -> UInt64 {
            var hasher = KeyHasher()
            hasher.combine(finding.control)
            hasher.combine(finding.resource.type)
            hasher.combine(finding.resource.id)
            hasher.combine(finding.resource.environment)
            return hasher.value
        }

        private static func sameKey(_ a: StoredFinding, _ b: StoredFinding) -> Bool {
            a.resource.id == b.resource.id && a.control == b.control && a.resource.type == b.resource.type
                && a.resource.environment == b.resource.environment
        }
    }

    private static func rank(_ verdict: Verdict) -> Int {
        switch verdict {
        case .fail: 4
        case .notAssessed: 3
        case .suppressed: 2
        case .pass: 1
        case .notApplicable: 0
        }
    }

    private static func entry(_ finding: StoredFinding, before: Verdict?, after: Verdict?) -> DriftEntry {
        DriftEntry(control: finding.control, resource: finding.resource, before: before, after: after, severity: finding.severity)
    }

    private static func ordered(_ a: DriftEntry, _ b: DriftEntry) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.control != b.control { return a.control < b.control }
        return resourceOrder(a.resource, b.resource)
    }

    private static func resourceOrder(_ a: ResourceRef, _ b: ResourceRef) -> Bool {
        if a.type != b.type { return a.type < b.type }
        if a.id != b.id { return a.id < b.id }
        return (a.environment ?? "") < (b.environment ?? "")
    }

    private static func sortedResources(_ resources: some Sequence<DriftResource>) -> [DriftResource] {
        resources.map { resource in
            var resource = resource
            resource.failing.sort(by: ordered)
            return resource
        }.sorted { a, b in
            let (sa, sb) = (a.worstSeverity.map(rank) ?? -1, b.worstSeverity.map(rank) ?? -1)
            if sa != sb { return sa > sb }
            return resourceOrder(a.resource, b.resource)
        }
    }

    private static func rank(_ severity: Severity) -> Int {
        Severity.allCases.firstIndex(of: severity) ?? 0
    }
}
