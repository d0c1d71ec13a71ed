import Controls
import Foundation
@testable import History
import Testing

@Suite("Drift between two runs")
struct DriftTests {
    @Test("each kind of change lands in its list")
    func classification() {
        let before = [
            stored("EB-NET-004", .pass, severity: .critical),          // → fail: regression
            stored("EB-DATA-011", .suppressed, severity: .high),       // → fail (exception expired): regression
            stored("EB-NET-002", .notApplicable, severity: .medium),   // → fail: regression
            stored("EB-RUN-001", .fail, severity: .high),              // → pass: fix
            stored("EB-RUN-007", .fail, severity: .low),               // → not-applicable: fix
            stored("EB-DATA-005", .fail, severity: .high),             // → fail: still failing
            stored("EB-IAM-003", .pass, severity: .critical),          // → not-assessed: visibility lost
            stored("EB-IAM-005", .fail, severity: .critical),          // → suppressed: neither fixed nor failing
            stored("EB-DET-001", .pass, severity: .medium),            // unchanged
            stored("EB-DET-002", .fail, severity: .medium),            // disappears, resource still there
            stored("EB-NET-004", .fail, severity: .critical, type: "AWS::EC2::SecurityGroup", id: "sg-gone"),
            stored("EB-NET-005", .pass, severity: .high, type: "AWS::EC2::SecurityGroup", id: "sg-gone"),
        ]
        let after = [
            stored("EB-NET-004", .fail, severity: .critical),
            stored("EB-DATA-011", .fail, severity: .high),
            stored("EB-NET-002", .fail, severity: .medium),
            stored("EB-RUN-001", .pass, severity: .high),
            stored("EB-RUN-007", .notApplicable, severity: .low),
            stored("EB-DATA-005", .fail, severity: .high),
            stored("EB-IAM-003", .notAssessed, severity: .critical),
            stored("EB-IAM-005", .suppressed, severity: .critical),
            stored("EB-DET-001", .pass, severity: .medium),
            stored("EB-NEW-001", .pass, severity: .low),               // new control passing: not drift
            stored("EB-NEW-002", .fail, severity: .low),               // new control failing on an existing resource
            stored("EB-NET-004", .fail, severity: .critical, type: "AWS::EC2::SecurityGroup", id: "sg-new"),
            stored("EB-NET-006", .fail, severity: .low, type: "AWS::EC2::SecurityGroup", id: "sg-new"),
            stored("EB-NET-005", .pass, severity: .high, type: "AWS::EC2::SecurityGroup", id: "sg-new"),
            stored("EB-NET-005", .pass, severity: .high, type: "AWS::EC2::SecurityGroup", id: "sg-clean"),
        ]
        let report = Drift.compare(before: before, after: after)

        #expect(report.regressions.map(\.control) == ["EB-NET-004", "EB-DATA-011", "EB-NET-002", "EB-NEW-002"])
        #expect(report.regressions.map(\.before) == [.pass, .suppressed, .notApplicable, nil])
        #expect(report.regressions.allSatisfy { $0.after == .fail })
        #expect(report.fixes.map(\.control) == ["EB-RUN-001", "EB-RUN-007"])
        #expect(report.fixes.map(\.after) == [.pass, .notApplicable])
        #expect(report.stillFailing.map(\.control) == ["EB-DATA-005"])
        #expect(report.assessmentChanges == [
            DriftEntry(control: "EB-IAM-003", resource: after[6].resource, before: .pass, after: .notAssessed, severity: .critical),
            DriftEntry(control: "EB-IAM-005", resource: after[7].resource, before: .fail, after: .suppressed, severity: .critical),
            DriftEntry(control: "EB-DET-002", resource: before[9].resource, before: .fail, after: nil, severity: .medium),
        ])
        // New resources: each with its failing controls, worst first; sg-clean fails nothing.
        #expect(report.newResources.map(\.resource.id) == ["sg-new", "sg-clean"])
        #expect(report.newResources[0].failing.map(\.control) == ["EB-NET-004", "EB-NET-006"])
        #expect(report.newResources[0].worstSeverity == .critical)
        #expect(report.newResources[1].failing.isEmpty)
        #expect(report.removedResources.map(\.resource.id) == ["sg-gone"])
        #expect(report.removedResources[0].failing.map(\.control) == ["EB-NET-004"])
        #expect(!report.isEmpty)
    }

    @Test("entries sort by severity, then control, then resource")
    func ordering() {
        let before = [
            stored("EB-B", .pass, severity: .low, id: "e-2"), stored("EB-B", .pass, severity: .low, id: "e-1"),
            stored("EB-A", .pass, severity: .low, id: "e-1"), stored("EB-Z", .pass, severity: .critical, id: "e-1"),
            stored("EB-M", .pass, severity: .medium, id: "e-2"),
        ]
        let after = before.map { var f = $0; f.verdict = .fail; return f }
        let report = Drift.compare(before: before, after: after)
        #expect(report.regressions.map { "\($0.control) \($0.resource.id)" } == ["EB-Z e-1", "EB-M e-2", "EB-A e-1", "EB-B e-1", "EB-B e-2"])
    }

    @Test("identical runs have no drift; still-failing findings are not drift")
    func noDrift() {
        let run = [stored("EB-NET-004", .fail), stored("EB-RUN-001", .pass)]
        let report = Drift.compare(before: run, after: run)
        #expect(report.isEmpty)
        #expect(report.stillFailing.count == 1)
    }

    @Test("a resource shared by two environments is compared per environment")
    func sharedResource() {
        let before = [stored("EB-NET-003", .pass, type: "AWS::EC2::SecurityGroup", id: "sg-1", environment: "a"),
                      stored("EB-NET-003", .fail, type: "AWS::EC2::SecurityGroup", id: "sg-1", environment: "b")]
        let after = [stored("EB-NET-003", .fail, type: "AWS::EC2::SecurityGroup", id: "sg-1", environment: "a"),
                     stored("EB-NET-003", .fail, type: "AWS::EC2::SecurityGroup", id: "sg-1", environment: "b")]
        let report = Drift.compare(before: before, after: after)
        #expect(report.regressions.map(\.resource.environment) == ["a"])
        #expect(report.stillFailing.map(\.resource.environment) == ["b"])
    }

    @Test("the report is Codable")
    func codable() throws {
        let report = Drift.compare(before: [stored("EB-NET-004", .pass)], after: [stored("EB-NET-004", .fail)])
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(DriftReport.self, from: data) == report)
    }
}
