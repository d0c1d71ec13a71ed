import Controls
import Foundation
@testable import History
import Testing

@Suite("Runs and findings")
struct RunsTests {
    @Test("a run and its findings round-trip, without remediation")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore.open(path: folder.path("h.sqlite"))
        let findings = [
            makeFinding("EB-NET-004", .fail, severity: .critical, type: "AWS::EC2::SecurityGroup", id: "sg-1", name: nil,
                        evidence: ["tcp/22 from 0.0.0.0/0", "quote \" backslash \\ newline \n tab \t é 🔐"]),
            makeFinding("EB-RUN-001", .pass, evidence: []),
            makeFinding("EB-DET-005", .notAssessed, environment: nil, reason: "AccessDenied on cloudtrail:DescribeTrails"),
            { var f = makeFinding("EB-DATA-011", .suppressed); f.suppression = "inline: legacy (app.config:3)"; return f }(),
        ]
        let started = Date(timeIntervalSince1970: 1_730_000_000.1234)
        let record = try store.recordRun(newRun(startedAt: started), findings: findings)
        #expect(record.counts == ["fail": 1, "pass": 1, "not-assessed": 1, "suppressed": 1])
        #expect(record.findingCount == 4)
        #expect(abs(record.startedAt.timeIntervalSince(started)) < 0.001)
        #expect(try store.run(id: record.id) == record)
        #expect(try store.latestRun() == record)
        #expect(try store.findings(run: record.id) == findings.map(StoredFinding.init))
        #expect(try store.findings(run: 999).isEmpty)
        #expect(try store.run(id: 999) == nil)
        let stored = try store.findings(run: record.id)
        #expect(stored[2].reason == "AccessDenied on cloudtrail:DescribeTrails")
        #expect(stored[3].suppression == "inline: legacy (app.config:3)")
        // Read for a comparison: everything but the evidence.
        let verdictsOnly = try store.findings(run: record.id, evidence: false)
        #expect(verdictsOnly == stored.map { var finding = $0; finding.evidence = []; return finding })
        #expect(try store.recordRun(newRun(startedAt: started), stored: stored).counts == record.counts)
    }

    @Test("runs are listed newest first; previousRun stays within a scope")
    func ordering() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore.open(path: folder.path("h.sqlite"))
        let now = Date()
        let a1 = try store.recordRun(newRun(scope: "A", startedAt: daysBefore(3, now)), findings: [])
        let b1 = try store.recordRun(newRun(scope: "B", startedAt: daysBefore(2, now)), findings: [])
        let a2 = try store.recordRun(newRun(scope: "A", startedAt: daysBefore(1, now)), findings: [])
        // Recorded late, started earliest: ordering follows the start time.
        let a0 = try store.recordRun(newRun(scope: "A", startedAt: daysBefore(4, now)), findings: [])
        #expect(try store.runs().map(\.id) == [a2.id, b1.id, a1.id, a0.id])
        #expect(try store.runs(limit: 2).map(\.id) == [a2.id, b1.id])
        #expect(try store.latestRun()?.id == a2.id)
        #expect(try store.previousRun(scope: "A", before: a2.id)?.id == a1.id)
        #expect(try store.previousRun(scope: "A", before: a1.id)?.id == a0.id)
        #expect(try store.previousRun(scope: "A", before: a0.id) == nil)
        #expect(try store.previousRun(scope: "B", before: b1.id) == nil)
        #expect(try store.previousRun(scope: "B", before: 1000)?.id == b1.id)
    }

    @Test("several processes' worth of connections record runs into one store at once")
    func concurrentWriters() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("shared/history.sqlite")  // not created yet: the writers race to create it
        let writers = 4, runsEach = 5, findingsEach = 300
        let failures = Failures()
        let group = DispatchGroup()
        for writer in 0..<writers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    let store = try HistoryStore.open(path: path)  // its own pool, as another process would have
                    for run in 0..<runsEach {
                        let findings = (0..<findingsEach).map { makeFinding("EB-NET-00\($0 % 9 + 1)", .fail, id: "w\(writer)-r\(run)-\($0)") }
                        try store.recordRun(newRun(scope: "writer-\(writer)", user: "w\(writer)"), findings: findings)
                        _ = try store.runs(limit: 3)
                        try store.addException(control: "EB-NET-004", resource: "w\(writer)", owner: "o", reason: "r", expires: Date())
                    }
                } catch {
                    failures.add("writer \(writer): \(error)")
                }
            }
            thread.start()
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")

        let store = try HistoryStore.open(path: path)
        let runs = try store.runs()
        #expect(runs.count == writers * runsEach)
        for writer in 0..<writers {
            #expect(runs.filter { $0.scope == "writer-\(writer)" }.count == runsEach)
        }
        for run in runs {
            #expect(try store.findings(run: run.id).count == findingsEach)
        }
        #expect(try store.exceptions().count == writers * runsEach)
    }

    @Test("processes racing to create and migrate a new store all succeed")
    func raceToCreate() throws {
        let folder = try TemporaryFolder()
        let failures = Failures()
        for round in 0..<4 {
            let path = folder.path("race-\(round)/history.sqlite")
            let start = Date().addingTimeInterval(0.1)
            let group = DispatchGroup()
            for opener in 0..<6 {
                group.enter()
                Thread {
                    defer { group.leave() }
                    Thread.sleep(until: start)  // all open at the same moment
                    do {
                        try HistoryStore.open(path: path).recordRun(newRun(scope: "opener-\(opener)"), findings: [makeFinding("EB-RUN-001", .pass)])
                    } catch {
                        failures.add("round \(round), opener \(opener): \(error)")
                    }
                }.start()
            }
            group.wait()
            #expect(try HistoryStore.open(path: path).runs().count == 6)
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
    }

    /// A fleet-sized run round-trips; the time is printed for the record (the budget lives in
    /// `scripts/bench-history`, not in a timed test).
    @Test("100,000 findings are recorded and read back intact")
    func largeRun() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("big.sqlite")
        let store = try HistoryStore.open(path: path)
        let controls = (1...55).map { "EB-CTL-\($0)" }
        let findings = (0..<100_000).map { index in
            makeFinding(controls[index % 55], index % 7 == 0 ? .fail : .pass, severity: .medium, id: "e-\(index / 55)",
                        name: "env-\(index / 55)", environment: "env-\(index / 55)",
                        evidence: index % 7 == 0 ? ["aws:autoscaling:launchconfiguration/DisableIMDSv1 = false (default)", "instance i-\(index)"]
                            : ["aws:elasticbeanstalk:environment/ServiceRole = arn:aws:iam::123456789012:role/svc-\(index)"])
        }
        let clock = ContinuousClock()
        var record: RunRecord?
        let recording = try clock.measure { record = try store.recordRun(newRun(), findings: findings) }
        var readBack: [StoredFinding] = []
        let reading = try clock.measure { readBack = try store.findings(run: record!.id) }
        let reopening = try clock.measure { _ = try HistoryStore.open(path: path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("history: recorded 100000 findings in \(recording), read them back in \(reading), reopened (quick_check) in \(reopening); store \(size / 1024) KiB")
        #expect(readBack.count == 100_000)
        #expect(readBack[7] == StoredFinding(findings[7]))
        #expect(record?.counts["fail"] == 14_286)
    }
}

/// Errors collected from threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }
}
