import Foundation
@testable import History
import Testing

@Suite("Change records")
struct ChangesTests {
    let imds = OptionValueChange(namespace: "aws:autoscaling:launchconfiguration", optionName: "DisableIMDSv1", previousValue: nil, newValue: "true")
    let logs = OptionValueChange(namespace: "aws:elasticbeanstalk:cloudwatch:logs", optionName: "StreamLogs", resourceName: nil,
                                 previousValue: "false", newValue: "true")

    @Test("a change is recorded before the update, then moved through its statuses")
    func lifecycle() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("h.sqlite")
        let store = try HistoryStore.open(path: path)
        let change = try store.recordChange(kind: "apply", user: "alice", region: "eu-west-1", environmentName: "web-prod",
                                            environmentId: "e-abc", controls: ["EB-RUN-001", "EB-DET-002"], changes: [imds, logs],
                                            planHash: "sha256:plan")
        #expect(change.changeId.wholeMatch(of: /chg-[0-9a-f]{12}/) != nil)
        #expect(change.status == .recorded)
        #expect(change.incomplete)
        // Durable: another connection (another process) sees it at once.
        #expect(try HistoryStore.open(path: path).change(id: change.changeId) == change)

        try store.updateChange(change.changeId, status: .updating, detail: "UpdateEnvironment accepted")
        #expect(try store.change(id: change.changeId)?.incomplete == true)
        try store.updateChange(change.changeId, status: .completed, verification: "verified")
        let done = try #require(try store.change(id: change.changeId))
        #expect(done.status == .completed)
        #expect(!done.incomplete)
        #expect(done.verification == "verified")
        #expect(done.detail == "UpdateEnvironment accepted")  // kept when not given again
        #expect(done.changes == [imds, logs])
        #expect(done.controls == ["EB-RUN-001", "EB-DET-002"])
        #expect(done.planHash == "sha256:plan")
        #expect(done.updatedAt >= done.createdAt)

        let rollback = try store.recordChange(kind: "rollback", rollbackOf: change.changeId, user: "alice", region: "eu-west-1",
                                              environmentName: "web-prod", controls: [], changes: [])
        #expect(try store.change(id: rollback.changeId)?.rollbackOf == change.changeId)
        #expect(try store.changes().map(\.changeId) == [rollback.changeId, change.changeId])
    }

    @Test("bad input is refused: unknown kind, unknown change to roll back or update")
    func refusals() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore.open(path: folder.path("h.sqlite"))
        #expect(throws: HistoryError.self) {
            try store.recordChange(kind: "destroy", user: "a", region: "r", environmentName: "e", controls: [], changes: [])
        }
        #expect(throws: HistoryError.unknownChange(id: "chg-000000000000")) {
            try store.recordChange(kind: "rollback", rollbackOf: "chg-000000000000", user: "a", region: "r", environmentName: "e",
                                   controls: [], changes: [])
        }
        #expect(throws: HistoryError.unknownChange(id: "chg-nope")) { try store.updateChange("chg-nope", status: .failed) }
        #expect(try store.changes().isEmpty)
    }

    @Test("changes are listed newest first, and by environment")
    func listing() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore.open(path: folder.path("h.sqlite"))
        var ids: [String] = []
        for environment in ["a", "b", "a"] {
            ids.append(try store.recordChange(kind: "apply", user: "u", region: "r", environmentName: environment, controls: [],
                                              changes: [imds]).changeId)
        }
        #expect(try store.changes().map(\.changeId) == ids.reversed())
        #expect(try store.changes(environment: "a").map(\.changeId) == [ids[2], ids[0]])
        #expect(try store.changes(environment: "zzz").isEmpty)
    }

    @Test("a unique prefix of 6 characters or more finds a change; an ambiguous one names the candidates")
    func prefixes() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore.open(path: folder.path("h.sqlite"))
        let template = try store.recordChange(kind: "apply", user: "u", region: "r", environmentName: "e", controls: [], changes: [imds])
        // Two more with chosen ids sharing a prefix.
        try store.write { db in
            for id in ["chg-abcdef000001", "chg-abcdef000002", "chg-123456abcdef"] {
                try db.execute(sql: """
                    INSERT INTO change_record SELECT ?, kind, rollback_of, created_at, updated_at, user, region, environment_name,
                        environment_id, controls, changes, status, verification, detail, plan_hash FROM change_record WHERE change_id = ?
                    """, arguments: [id, template.changeId])
            }
        }
        #expect(try store.change(id: "chg-123456")?.changeId == "chg-123456abcdef")
        #expect(try store.change(id: "123456")?.changeId == "chg-123456abcdef")  // without "chg-"
        #expect(try store.change(id: "abcdef000002")?.changeId == "chg-abcdef000002")
        #expect(try store.change(id: "chg-999999") == nil)
        #expect(throws: HistoryError.ambiguousChange(prefix: "chg-abcdef", candidates: ["chg-abcdef000001", "chg-abcdef000002"])) {
            try store.change(id: "chg-abcdef")
        }
        #expect(throws: HistoryError.self) { try store.change(id: "abc") }  // too short to be a prefix
        #expect(try store.change(id: template.changeId) == template)
    }

    @Test("ids are random and well formed")
    func ids() {
        let ids = (0..<200).map { _ in HistoryStore.randomId(prefix: "chg-", hexDigits: 12) }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.wholeMatch(of: /chg-[0-9a-f]{12}/) != nil })
        #expect(HistoryStore.randomId(prefix: "exc-", hexDigits: 8).wholeMatch(of: /exc-[0-9a-f]{8}/) != nil)
    }
}
