import Controls
import Foundation
@testable import History
import Testing

@Suite("Exceptions register")
struct ExceptionsTests {
    let now = try! Exceptions.parseDay("2025-06-15").addingTimeInterval(-12 * 3600)  // 2025-06-15T11:59:59Z

    func exception(_ id: String, control: String = "EB-NET-004", resource: String = "web-prod", expires: String) -> ExceptionRecord {
        ExceptionRecord(id: id, control: control, resource: resource, owner: "carol", reason: "bastion migration in Q3",
                        expires: try! Exceptions.parseDay(expires), createdAt: now, origin: "store")
    }

    @Test("an unexpired exception suppresses a failing finding, which stays in the report")
    func unexpired() {
        let findings = [makeFinding("EB-NET-004", .fail)]
        let result = Exceptions.apply([exception("exc-0000000a", expires: "2025-07-01")], to: findings, now: now)
        #expect(result.count == 1)
        #expect(result[0].verdict == .suppressed)
        #expect(result[0].suppression == "exception exc-0000000a by carol until 2025-07-01: bastion migration in Q3")
        #expect(result[0].evidence == findings[0].evidence)
    }

    @Test("an exception holds through the whole of its expiry day (UTC) and not a second longer")
    func expiryDay() {
        let record = exception("exc-0000000b", expires: "2025-06-15")
        #expect(record.isActive(at: now))
        #expect(record.isActive(at: try! Exceptions.parseDay("2025-06-15")))
        #expect(!record.isActive(at: try! Exceptions.parseDay("2025-06-15").addingTimeInterval(1)))
    }

    @Test("an expired exception leaves the finding failing, with a note in the evidence")
    func expired() {
        let findings = [makeFinding("EB-NET-004", .fail, evidence: ["tcp/22 from 0.0.0.0/0"])]
        let result = Exceptions.apply([exception("exc-0000000c", expires: "2025-06-14")], to: findings, now: now)
        #expect(result[0].verdict == .fail)
        #expect(result[0].suppression == nil)
        #expect(result[0].evidence == ["tcp/22 from 0.0.0.0/0", "exception exc-0000000c (carol: bastion migration in Q3) expired on 2025-06-14"])
    }

    @Test("an unexpired exception wins over an expired one for the same finding")
    func unexpiredWins() {
        let result = Exceptions.apply([exception("exc-old", expires: "2025-01-01"), exception("exc-new", expires: "2025-12-31")],
                                      to: [makeFinding("EB-NET-004", .fail)], now: now)
        #expect(result[0].verdict == .suppressed)
        #expect(result[0].suppression?.hasPrefix("exception exc-new ") == true)
    }

    @Test("findings that do not fail are unchanged, even when an exception matches")
    func nonFailing() {
        let findings = [makeFinding("EB-NET-004", .pass), makeFinding("EB-NET-004", .notAssessed, reason: "AccessDenied"),
                        makeFinding("EB-NET-004", .notApplicable)]
        let result = Exceptions.apply([exception("exc-1", expires: "2030-01-01"), exception("exc-2", expires: "2020-01-01")],
                                      to: findings, now: now)
        #expect(result == findings)
    }

    @Test("matching: control ignores case; resource is the id, name or environment, or * for all")
    func matching() {
        let sg = makeFinding("EB-NET-004", .fail, type: "AWS::EC2::SecurityGroup", id: "sg-123", name: "web-sg", environment: "web-prod")
        let other = makeFinding("EB-NET-004", .fail, id: "e-other", name: "api-prod", environment: "api-prod")
        let otherControl = makeFinding("EB-NET-005", .fail)
        for resource in ["sg-123", "web-sg", "web-prod"] {
            let result = Exceptions.apply([exception("exc-1", control: "eb-net-004", resource: resource, expires: "2030-01-01")],
                                          to: [sg, other, otherControl], now: now)
            #expect(result.map(\.verdict) == [.suppressed, .fail, .fail], "resource \(resource)")
        }
        let all = Exceptions.apply([exception("exc-1", resource: "*", expires: "2030-01-01")], to: [sg, other, otherControl], now: now)
        #expect(all.map(\.verdict) == [.suppressed, .suppressed, .fail])
    }

    @Test("parseDay accepts YYYY-MM-DD only and returns the end of that day, UTC")
    func parseDay() throws {
        let day = try Exceptions.parseDay("2025-06-30")
        #expect(day == Date(timeIntervalSince1970: 1_751_327_999))  // 2025-06-30T23:59:59Z
        #expect(Civil.day(day) == "2025-06-30")
        #expect(Civil.day(try Exceptions.parseDay("2024-02-29")) == "2024-02-29")
        for bad in ["2025-6-30", "30/06/2025", "2025-06-30T00:00:00Z", "2025-02-29", "2025-13-01", "2025-04-31", "", "soon", "2025-06-3x"] {
            #expect(throws: HistoryError.self, "\(bad)") { try Exceptions.parseDay(bad) }
        }
        #expect {
            try Exceptions.parseDay("2025-02-30")
        } throws: { error in
            (error as? HistoryError)?.description.contains("YYYY-MM-DD") == true
        }
    }

    @Test("the store keeps the register: add, list, remove; unknown ids are errors")
    func storeRoundTrip() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore.open(path: folder.path("h.sqlite"))
        let expires = try Exceptions.parseDay("2030-03-31")
        let first = try store.addException(control: "EB-NET-004", resource: "web-prod", owner: "carol", reason: "bastion", expires: expires)
        // Any moment of the day is stored as that day's end.
        let second = try store.addException(control: "EB-RUN-001", resource: "*", owner: "dan", reason: "vendor AMI",
                                            expires: expires.addingTimeInterval(-20 * 3600))
        #expect(first.id.wholeMatch(of: /exc-[0-9a-f]{8}/) != nil)
        #expect(first.id != second.id)
        #expect(second.expires == expires)
        #expect(first.origin == "store")
        #expect(try store.exceptions() == [first, second])
        try store.removeException(id: first.id)
        #expect(try store.exceptions() == [second])
        #expect(throws: HistoryError.unknownException(id: first.id)) { try store.removeException(id: first.id) }
        #expect(throws: HistoryError.self) { try store.addException(control: "EB-RUN-001", resource: "*", owner: " ", reason: "x", expires: expires) }
    }
}
