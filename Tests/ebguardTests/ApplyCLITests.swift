import AWSWire
import Foundation
import Remediation
import SimulatedCloudSupport
import Testing

/// plan → apply → history → rollback through the CLI against the simulated cloud, including a
/// process killed in the middle of `apply`.
@Suite(.serialized) struct ApplyCLITests {
    let cli = CLITests()

    struct Fixture {
        let cloud: SimulatedCloud
        let target: FleetManifest.Entry
        let environment: [String: String]
        let directory: URL
        var store: String { directory.appendingPathComponent("history.sqlite").path }
        var planFile: String { directory.appendingPathComponent("plan.json").path }

        func configuration() async throws -> String {
            let client = try AWSClient.make(region: target.region, environment: environment)
            let api = AWSEnvironmentAPI(client: client)
            let options = try await api.configuration(application: try #require(try await api.environment(named: target.name)).applicationName, environment: target.name)
            return options.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "\n")
        }

        func status() async throws -> String? {
            try await AWSEnvironmentAPI(client: try AWSClient.make(region: target.region, environment: environment)).environment(named: target.name)?.status
        }
    }

    func fixture(updateDelay: String) async throws -> Fixture {
        let cloud = try await offload { try SimulatedCloud.start(environment: ["SIMCLOUD_EB_UPDATE_DELAY": updateDelay]) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-apply-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let manifestPath = directory.appendingPathComponent("fleet.json").path
        let manifest = try await offload { try cloud.seed(count: 3, manifest: manifestPath) }
        let target = try #require(manifest.environments.first { Set($0.violations).isSuperset(of: ["EB-DET-001", "EB-DET-003"]) })
        return Fixture(cloud: cloud, target: target, environment: cloud.clientEnvironment(region: target.region), directory: directory)
    }

    /// Runs the CLI off the cooperative pool.
    func run(_ arguments: [String], _ fixture: Fixture) async throws -> CLITests.Run {
        let cli = self.cli
        let environment = fixture.environment
        return try await offload { try cli.run(arguments, environment: environment) }
    }

    func changes(_ fixture: Fixture) throws -> [[String: Any]] {
        let result = try cli.run(["history", "--format", "json", "--store", fixture.store], environment: fixture.environment)
        guard result.status == 0, let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else { return [] }
        return json["changes"] as? [[String: Any]] ?? []
    }

    /// Starts `ebguard apply --yes` and kills it (SIGKILL) once its change record reaches `status`.
    func killApply(_ fixture: Fixture, when status: String) throws -> UncheckedChange {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["apply", fixture.planFile, "--yes", "--store", fixture.store, "--poll-interval", "0.1", "--health-grace", "0"]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }.merging(fixture.environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) }; process.waitUntilExit() }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let change = try changes(fixture).first(where: { $0["status"] as? String == status }) {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return UncheckedChange(value: change)
            }
            #expect(process.isRunning, "apply ended before its record reached \(status)")
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("no change record reached \(status)")
        return UncheckedChange(value: [:])
    }

    /// A decoded JSON object handed back from a GCD thread (read only by the test afterwards).
    struct UncheckedChange: @unchecked Sendable {
        let value: [String: Any]
    }

    @Test(.timeLimit(.minutes(5))) func applyVerifiesAndRollbackRestores() async throws {
        let fixture = try await fixture(updateDelay: "0.1")
        defer { fixture.cloud.stop(); try? FileManager.default.removeItem(at: fixture.directory) }
        let original = try await fixture.configuration()
        // audit and plan only read.
        fixture.cloud.clearRequests()
        let audit = try await run(["audit", "--region", fixture.target.region, "--environment", fixture.target.name, "--store", fixture.store], fixture)
        #expect(audit.status == 1, "\(audit.stderr.suffix(800))")
        let plan = try await run(["plan", "--environment", fixture.target.name, "--region", fixture.target.region, "--control", "EB-DET-003", "--control", "EB-DET-001",
                                "--format", "json", "--output", fixture.planFile], fixture)
        #expect(plan.status == 0, "\(plan.stderr)")
        let calls = try fixture.cloud.requests()
        let writes = calls.compactMap(\.operation).filter { operation in
            operation != "GetCallerIdentity" && !["Describe", "Get", "List", "Lookup"].contains { operation.hasPrefix($0) && operation.dropFirst($0.count).first?.isUppercase == true }
        }
        #expect(calls.count > 10 && writes.isEmpty, "audit and plan sent \(writes)")

        // Without confirmation nothing is written.
        fixture.cloud.clearRequests()
        let declined = try await run(["apply", fixture.planFile, "--store", fixture.store], fixture)
        #expect(declined.status == 2)
        #expect(try fixture.cloud.requests().allSatisfy { $0.operation != "UpdateEnvironment" })
        #expect(try await fixture.configuration() == original)

        let applied = try await run(["apply", fixture.planFile, "--yes", "--store", fixture.store, "--poll-interval", "0.1", "--format", "json"], fixture)
        #expect(applied.status == 0, "\(applied.stdout)\n\(applied.stderr.suffix(1500))")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(applied.stdout.utf8)) as? [String: Any])
        #expect(outcome["verification"] as? String == "verified")
        #expect((outcome["controlVerdicts"] as? [String: String]) == ["EB-DET-003": "pass", "EB-DET-001": "pass"])
        #expect(try await fixture.configuration() != original)

        let id = try #require(outcome["changeId"] as? String)
        let back = try await run(["rollback", id, "--yes", "--store", fixture.store, "--poll-interval", "0.1"], fixture)
        #expect(back.status == 0, "\(back.stdout)\n\(back.stderr.suffix(1500))")
        #expect(try await fixture.configuration() == original)
        let recorded = try changes(fixture)
        #expect(recorded.count == 2)
        #expect(recorded.contains { $0["kind"] as? String == "rollback" && $0["rollbackOf"] as? String == id })
    }

    @Test(.timeLimit(.minutes(5))) func killedApplyIsIncompleteAndRollsBack() async throws {
        let fixture = try await fixture(updateDelay: "4")
        defer { fixture.cloud.stop(); try? FileManager.default.removeItem(at: fixture.directory) }
        let original = try await fixture.configuration()
        let plan = try await run(["plan", "--environment", fixture.target.name, "--region", fixture.target.region, "--control", "EB-DET-003",
                                "--format", "json", "--output", fixture.planFile], fixture)
        #expect(plan.status == 0, "\(plan.stderr)")

        // Killed after the record, before UpdateEnvironment took effect (the call hangs, then fails unperformed).
        fixture.cloud.addFaults(#"{"service": "elasticbeanstalk", "operation": "UpdateEnvironment", "kind": "Hang", "delay": 3, "count": 1}"#)
        let first = try await offload { try self.killApply(fixture, when: "recorded") }.value
        #expect(first["incomplete"] as? Bool == true)
        let listing = try await run(["history", "--store", fixture.store], fixture)
        #expect(listing.stdout.contains("INCOMPLETE"))
        try await Task.sleep(nanoseconds: 3_500_000_000)
        fixture.cloud.clearFaults()
        #expect(try await fixture.configuration() == original)
        let firstId = try #require(first["changeId"] as? String)
        let undoFirst = try await run(["rollback", firstId, "--yes", "--store", fixture.store, "--poll-interval", "0.1"], fixture)
        #expect(undoFirst.status == 0, "\(undoFirst.stdout)\n\(undoFirst.stderr.suffix(1500))")
        #expect(try await fixture.configuration() == original)

        // Killed after UpdateEnvironment, while the environment is Updating.
        let second = try await offload { try self.killApply(fixture, when: "updating") }.value
        #expect(second["incomplete"] as? Bool == true)
        #expect(try await fixture.status() == "Updating")
        let secondId = try #require(second["changeId"] as? String)
        let undoSecond = try await run(["rollback", secondId, "--yes", "--store", fixture.store, "--poll-interval", "0.2"], fixture)
        #expect(undoSecond.status == 0, "\(undoSecond.stdout)\n\(undoSecond.stderr.suffix(1500))")
        #expect(try await fixture.configuration() == original)
    }
}
