import Foundation
import Testing

/// Runs, drift, exceptions and reviews through the CLI, on copies of the demo fleet.
@Suite struct HistoryCLITests {
    let cli = CLITests()

    func temporaryDirectory() throws -> URL { try CLITests.temporaryFolder("history") }

    /// A copy of the demo fleet where shop-prod stops streaming its logs (a regression of EB-DET-002).
    func weakenedFleet(in directory: URL) throws -> URL {
        let copy = directory.appendingPathComponent("fleet")
        try FileManager.default.copyItem(at: CLITests.repository.appendingPathComponent("examples/demo-fleet"), to: copy)
        let config = copy.appendingPathComponent("us-east-1/config-shop-prod.json")
        let text = try String(contentsOf: config, encoding: .utf8)
        let weakened = text.replacingOccurrences(of: "\"OptionName\": \"StreamLogs\",\n                    \"Value\": \"true\"",
                                                 with: "\"OptionName\": \"StreamLogs\",\n                    \"Value\": \"false\"")
        #expect(weakened != text, "the demo fleet's shop-prod streams logs")
        try weakened.write(to: config, atomically: true, encoding: .utf8)
        return copy
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text.prefix(300))")
    }

    @Test func regressionsAreShownFirstAndDiffListsThem() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("history.sqlite").path
        let fleet = try weakenedFleet(in: directory)
        let first = try cli.run(["audit", "--from-aws-cli", "examples/demo-fleet", "--store", store])
        #expect(first.status == 1)
        #expect(first.stderr.contains("recorded run #1"))
        #expect(!first.stdout.contains("Since the previous run"))
        let second = try cli.run(["audit", "--from-aws-cli", fleet.path, "--store", store])
        #expect(second.stdout.hasPrefix("Since the previous run of this scope: 1 regression(s)"), "\(second.stdout.prefix(400))")
        #expect(second.stdout.contains("EB-DET-002"))

        let diff = try cli.run(["diff", "--store", store])
        #expect(diff.status == 1)
        #expect(diff.stdout.contains("Regressions (1):"))
        let diffJSON = try json(try cli.run(["diff", "1", "2", "--format", "json", "--store", store]).stdout)
        let regressions = try #require((diffJSON["drift"] as? [String: Any])?["regressions"] as? [[String: Any]])
        #expect(regressions.map { $0["control"] as? String } == ["EB-DET-002"])

        let history = try json(try cli.run(["history", "--format", "json", "--store", store]).stdout)
        #expect((history["runs"] as? [Any])?.count == 2)
        // Without a store option the run goes to $EBGUARD_STORE, never to this store.
        _ = try cli.run(["audit", "--from-aws-cli", "examples/demo-fleet"])
        #expect((try json(try cli.run(["history", "--format", "json", "--store", store]).stdout)["runs"] as? [Any])?.count == 2)
    }

    /// A JSON report is streamed even when the run is recorded: the stored run holds every
    /// finding of the report, and regressions go to standard error so standard output stays JSON.
    @Test func streamedJSONRunsAreRecordedWithTheirRegressions() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("history.sqlite").path
        let fleet = try weakenedFleet(in: directory)
        let first = try cli.run(["audit", "--from-aws-cli", "examples/demo-fleet", "--format", "json", "--store", store])
        #expect(first.status == 1)
        #expect(first.stderr.contains("recorded run #1"))
        let report = try json(first.stdout)
        let verdicts = try #require((report["summary"] as? [String: Any])?["verdicts"] as? [String: Int])
        let second = try cli.run(["audit", "--from-aws-cli", fleet.path, "--format", "json", "--store", store])
        _ = try json(second.stdout)
        #expect(second.stderr.contains("Since the previous run of this scope: 1 regression(s)"), "\(second.stderr.prefix(400))")
        #expect(second.stderr.contains("EB-DET-002") && second.stderr.contains("recorded run #2"))

        let runs = try #require(try json(try cli.run(["history", "--format", "json", "--store", store]).stdout)["runs"] as? [[String: Any]])
        let stored = try #require(runs.first { $0["id"] as? Int == 1 }?["counts"] as? [String: Int])
        #expect(stored == verdicts.filter { $0.value > 0 })
        // The same audit in text form records the same findings.
        _ = try cli.run(["audit", "--from-aws-cli", "examples/demo-fleet", "--store", store])
        let diff = try json(try cli.run(["diff", "1", "3", "--format", "json", "--store", store]).stdout)
        let drift = try #require(diff["drift"] as? [String: Any])
        for section in ["regressions", "fixes", "newResources", "removedResources", "assessmentChanges"] {
            #expect((drift[section] as? [Any])?.isEmpty ?? true, "\(section): \(String(describing: drift[section]))")
        }
    }

    @Test func exceptionsSuppressUntilTheyExpire() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("history.sqlite").path
        let fleet = try weakenedFleet(in: directory)
        let add = try cli.run(["except", "add", "EB-DET-002", "--resource", "shop-prod", "--owner", "platform", "--reason", "SEC-1 log pipeline migration",
                               "--expires", "2099-12-31", "--store", store])
        #expect(add.status == 0, "\(add.stderr)")
        let audit = try json(try cli.run(["audit", "--from-aws-cli", fleet.path, "--environment", "shop-prod", "--format", "json", "--store", store]).stdout)
        let findings = try #require(audit["findings"] as? [[String: Any]])
        let det = try #require(findings.first { $0["control"] as? String == "EB-DET-002" })
        #expect(det["verdict"] as? String == "suppressed")
        #expect((det["suppression"] as? String)?.contains("SEC-1") == true)

        // The file form, expired: the finding fails again and says so.
        let config = directory.appendingPathComponent("ebguard.yml")
        try """
        exceptions:
          - control: EB-DET-002
            resource: shop-prod
            owner: platform
            reason: old migration
            expires: 2020-01-31
        """.write(to: config, atomically: true, encoding: .utf8)
        let expired = try json(try cli.run(["audit", "--from-aws-cli", fleet.path, "--environment", "shop-prod", "--format", "json", "--no-store", "--config", config.path]).stdout)
        let failing = try #require((expired["findings"] as? [[String: Any]])?.first { $0["control"] as? String == "EB-DET-002" })
        #expect(failing["verdict"] as? String == "fail")
        #expect((failing["evidence"] as? [String])?.contains { $0.contains("expired on 2020-01-31") } == true)

        let list = try cli.run(["except", "list", "--store", store, "--config", config.path])
        #expect(list.stdout.contains("EXPIRED") && list.stdout.contains("active"))
        let bad = try cli.run(["except", "add", "EB-DET-002", "--resource", "x", "--owner", "o", "--reason", "r", "--expires", "31/12/2099", "--store", store])
        #expect(bad.status == 2)
    }

    @Test func reviewsFollowTheStoredRuns() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("history.sqlite").path
        let before = try json("{\"reviews\":" + (try cli.run(["reviews", "--format", "json", "--store", store]).stdout) + "}")
        let never = try #require(before["reviews"] as? [[String: Any]])
        #expect(!never.isEmpty && never.allSatisfy { $0["due"] as? Bool == true })
        _ = try cli.run(["audit", "--from-aws-cli", "examples/demo-fleet", "--store", store])
        let after = try json("{\"reviews\":" + (try cli.run(["reviews", "--format", "json", "--store", store]).stdout) + "}")
        let iam = try #require((after["reviews"] as? [[String: Any]])?.first { ($0["review"] as? [String: Any])?["id"] as? String == "iam-policy" })
        #expect(iam["due"] as? Bool == false)
    }

    @Test func aDamagedStoreIsReportedAndLeftAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("history.sqlite")
        let bytes = Data("this is not a database, and it must stay exactly like this\n".utf8)
        try bytes.write(to: store)
        let history = try cli.run(["history", "--store", store.path])
        #expect(history.status == 2)
        #expect(history.stderr.contains(store.path))
        // The audit still reports; the explicit store makes it exit 2 so a scheduled job notices.
        let audit = try cli.run(["audit", "--from-aws-cli", "examples/demo-fleet", "--store", store.path])
        #expect(audit.status == 2)
        #expect(audit.stdout.contains("shop-prod"))
        #expect(audit.stderr.contains("history not recorded"))
        #expect(try Data(contentsOf: store) == bytes)
    }
}
