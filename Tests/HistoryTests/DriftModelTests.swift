import Controls
@testable import History
import Testing

/// Drift against a plain model of its definition (dictionaries keyed by strings), on runs made at
/// random: duplicate keys, resources shared by environments, findings without an environment,
/// resources that come and go.
@Suite("Drift agrees with its definition")
struct DriftModelTests {
    @Test("random pairs of runs", arguments: 1...40)
    func randomRuns(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let before = Self.run(&random)
        let after = Self.run(&random)
        #expect(Drift.compare(before: before, after: after) == Self.model(before: before, after: after))
        #expect(Drift.compare(before: before, after: before).isEmpty)
    }

    @Test("a key found twice counts once, with its worst verdict")
    func duplicates() {
        let resource = ResourceRef(type: "AWS::EC2::SecurityGroup", id: "sg-1", environment: "a")
        let before = [StoredFinding(control: "EB-NET-003", resource: resource, verdict: .pass, severity: .high),
                      StoredFinding(control: "EB-NET-003", resource: resource, verdict: .fail, severity: .high),
                      StoredFinding(control: "EB-NET-003", resource: resource, verdict: .notApplicable, severity: .high)]
        let after = [StoredFinding(control: "EB-NET-003", resource: resource, verdict: .pass, severity: .high)]
        let report = Drift.compare(before: before, after: after)
        #expect(report.fixes.map(\.before) == [.fail])
        #expect(report.fixes.count == 1)
    }

    @Test("keys whose hashes collide are still told apart by their contents")
    func collisions() {
        let keys = ["a", "b", "c", "a", "d", "b"]
        var index = PositionIndex(capacity: keys.count)
        var kept: [Int] = []
        for (position, key) in keys.enumerated() {
            kept.append(index.insert(position, hash: 42, equals: { keys[$0] == key }))
        }
        #expect(kept == [0, 1, 2, 0, 4, 1])
        #expect(index.position(hash: 42, equals: { keys[$0] == "d" }) == 4)
        #expect(index.position(hash: 42, equals: { keys[$0] == "e" }) == nil)
    }

    @Test("the key hash separates nil from empty and the boundaries between strings")
    func keyHash() {
        func hash(_ parts: [String?]) -> UInt64 {
            var hasher = KeyHasher()
            for part in parts { hasher.combine(part) }
            return hasher.value
        }
        #expect(hash([nil]) != hash([""]))
        #expect(hash(["ab", "c"]) != hash(["a", "bc"]))
        #expect(hash(["environment-name-long", "x"]) == hash(["environment-name-long", "x"]))
        #expect(hash(["environment-name-long"]) != hash(["environment-name-lonh"]))
    }

    // MARK: - Runs at random

    private static func run(_ random: inout SeededRandom) -> [StoredFinding] {
        let controls = ["EB-NET-003", "EB-NET-004", "EB-RUN-001", "EB-IAM-003"]
        let resources = (0..<6).map { ResourceRef(type: $0 % 2 == 0 ? "AWS::EC2::SecurityGroup" : "AWS::ElasticBeanstalk::Environment",
                                                  id: "r-\($0)") }
        let environments: [String?] = [nil, "a", "b"]
        let verdicts = Verdict.allCases
        return (0..<random.next(below: 30)).map { _ in
            var resource = resources[random.next(below: resources.count)]
            resource.environment = environments[random.next(below: environments.count)]
            resource.name = random.next(below: 2) == 0 ? nil : "name-\(random.next(below: 3))"
            return StoredFinding(control: controls[random.next(below: controls.count)], resource: resource,
                                 verdict: verdicts[random.next(below: verdicts.count)], severity: Severity.allCases[random.next(below: 5)])
        }
    }

    // MARK: - The model

    private struct Key: Hashable {
        var control: String, type: String, id: String, environment: String?
        init(_ finding: StoredFinding) {
            control = finding.control
            type = finding.resource.type
            id = finding.resource.id
            environment = finding.resource.environment
        }
    }

    private struct Resource: Hashable {
        var type: String, id: String
        init(_ finding: StoredFinding) {
            type = finding.resource.type
            id = finding.resource.id
        }
    }

    private static func rank(_ verdict: Verdict) -> Int {
        [Verdict.notApplicable, .pass, .suppressed, .notAssessed, .fail].firstIndex(of: verdict) ?? 0
    }

    /// Each key's finding with the worst verdict (the first of equals).
    private static func standing(_ findings: [StoredFinding]) -> [Key: StoredFinding] {
        var result: [Key: StoredFinding] = [:]
        for finding in findings {
            if let existing = result[Key(finding)], rank(existing.verdict) >= rank(finding.verdict) { continue }
            result[Key(finding)] = finding
        }
        return result
    }

    /// A resource as its run's first finding about it names it.
    private static func firstSeen(_ findings: [StoredFinding]) -> [Resource: ResourceRef] {
        var result: [Resource: ResourceRef] = [:]
        for finding in findings where result[Resource(finding)] == nil { result[Resource(finding)] = finding.resource }
        return result
    }

    private static func model(before: [StoredFinding], after: [StoredFinding]) -> DriftReport {
        let old = standing(before), new = standing(after)
        let oldResources = firstSeen(before), newResources = firstSeen(after)
        var report = DriftReport()
        var added: [Resource: DriftResource] = [:], removed: [Resource: DriftResource] = [:]
        func entry(_ finding: StoredFinding, _ before: Verdict?, _ after: Verdict?) -> DriftEntry {
            DriftEntry(control: finding.control, resource: finding.resource, before: before, after: after, severity: finding.severity)
        }
        for (key, finding) in new {
            let previous = old[key]?.verdict
            let resource = Resource(finding)
            if oldResources[resource] == nil {
                var item = added[resource] ?? DriftResource(resource: newResources[resource]!, failing: [])
                if finding.verdict == .fail { item.failing.append(entry(finding, nil, .fail)) }
                added[resource] = item
                continue
            }
            switch (previous, finding.verdict) {
            case (.fail?, .fail): report.stillFailing.append(entry(finding, previous, .fail))
            case (_, .fail): report.regressions.append(entry(finding, previous, .fail))
            case (.fail?, .pass), (.fail?, .notApplicable): report.fixes.append(entry(finding, previous, finding.verdict))
            case let (was?, now) where was == now: break
            case (nil, _): break
            default: report.assessmentChanges.append(entry(finding, previous, finding.verdict))
            }
        }
        for (key, finding) in old where new[key] == nil {
            let resource = Resource(finding)
            if newResources[resource] != nil {
                report.assessmentChanges.append(entry(finding, finding.verdict, nil))
            } else {
                var item = removed[resource] ?? DriftResource(resource: oldResources[resource]!, failing: [])
                if finding.verdict == .fail { item.failing.append(entry(finding, .fail, nil)) }
                removed[resource] = item
            }
        }
        func order(_ a: DriftEntry, _ b: DriftEntry) -> Bool {
            if a.severity != b.severity { return a.severity > b.severity }
            if a.control != b.control { return a.control < b.control }
            return resourceOrder(a.resource, b.resource)
        }
        func resourceOrder(_ a: ResourceRef, _ b: ResourceRef) -> Bool {
            if a.type != b.type { return a.type < b.type }
            if a.id != b.id { return a.id < b.id }
            return (a.environment ?? "") < (b.environment ?? "")
        }
        func sorted(_ items: Dictionary<Resource, DriftResource>.Values) -> [DriftResource] {
            items.map { var item = $0; item.failing.sort(by: order); return item }.sorted { a, b in
                let (sa, sb) = (a.worstSeverity.map { Severity.allCases.firstIndex(of: $0)! } ?? -1,
                                b.worstSeverity.map { Severity.allCases.firstIndex(of: $0)! } ?? -1)
                if sa != sb { return sa > sb }
                return resourceOrder(a.resource, b.resource)
            }
        }
        report.regressions.sort(by: order)
        report.fixes.sort(by: order)
        report.stillFailing.sort(by: order)
        report.assessmentChanges.sort(by: order)
        report.newResources = sorted(added.values)
        report.removedResources = sorted(removed.values)
        return report
    }
}

/// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Int(value % UInt64(bound))
    }
}
