import AWSWire
import Controls
import Foundation
import LiveCollect
import SimulatedCloudSupport
import Synchronization
import Testing
@testable import Remediation

/// Plan → apply → verify → rollback against the simulated cloud's Elastic Beanstalk, whose
/// `UpdateEnvironment` goes through `Updating` to `Ready`, validates values and records events.
@Suite(.serialized) struct SimulatedCloudRemediationTests {
    static let planned = ["EB-RUN-001", "EB-RUN-002", "EB-DET-001", "EB-DET-002", "EB-DET-003"]

    @Test(.timeLimit(.minutes(6))) func planApplyVerifyRollbackAndFiftyCycles() async throws {
        let cloud = try await offload { try SimulatedCloud.start(environment: ["SIMCLOUD_EB_UPDATE_DELAY": "0.05"]) }
        defer { cloud.stop() }
        let manifestPath = NSTemporaryDirectory() + "ebguard-remediation-fleet-\(ProcessInfo.processInfo.processIdentifier).json"
        defer { try? FileManager.default.removeItem(atPath: manifestPath) }
        let manifest = try await offload { try cloud.seed(count: 3, manifest: manifestPath) }
        let target = try #require(manifest.environments.first { Set($0.violations).isSuperset(of: Self.planned) },
                                  "no seeded environment fails all of \(Self.planned)")
        let environment = cloud.clientEnvironment(region: target.region)
        let client = try AWSClient.make(region: target.region, environment: environment) { $0.readOnly = false }
        let api = AWSEnvironmentAPI(client: client)
        let settings = AuditSettings(operatorRoles: manifest.allowList.operatorRole.map { [$0] } ?? [],
                                     allowedPrincipals: manifest.allowList.principals, allowedSourceCIDRs: manifest.allowList.cidrs)
        let liveOptions = LiveCollectOptions(regions: [target.region], environmentNames: [target.name], environment: environment)

        let state = try #require(try await api.environment(named: target.name))
        let original = try await api.configuration(application: state.applicationName, environment: target.name)

        // Plan from a live read.
        let inventory = try await LiveCollector(options: liveOptions).collect().inventory
        let plan = try Planner(settings: settings).plan(inventory: inventory, environment: target.name,
                                                        inputs: PlanInputs(controls: Set(Self.planned)), source: "live", toolVersion: "test")
        #expect(Set(plan.plannedControls) == Set(Self.planned))
        #expect(plan.optionChanges.allSatisfy { original[$0.key] == $0.oldValue })

        // Apply and verify by a fresh live audit of the environment.
        let journal = MemoryJournal()
        let lines = Lines()
        let runner = ChangeRunner(api: api, journal: journal, verifier: LiveControlVerifier(options: liveOptions, settings: settings),
                                  wait: WaitPolicy(pollInterval: 0.02, timeout: 60, healthGrace: 2), user: "tester", progress: { lines.add($0) })
        let outcome = try await runner.apply(plan, planHash: "test")
        #expect(outcome.isVerified, "\(outcome.renderText())")
        for control in Self.planned { #expect(outcome.controlVerdicts[control] == .pass, "\(control): \(String(describing: outcome.controlVerdicts[control]))") }
        #expect(lines.all.contains { $0.contains("Updating") }, "progress shows the environment updating")
        #expect(lines.all.contains { $0.contains("event") }, "progress shows the environment's events")

        // Rollback restores the recorded configuration exactly.
        let record = try #require(journal.recorded(outcome.changeId))
        let back = try await runner.rollback(record)
        #expect(back.isVerified, "\(back.renderText())")
        let restored = try await api.configuration(application: state.applicationName, environment: target.name)
        #expect(Self.sortedText(restored) == Self.sortedText(original))

        // 50 apply/rollback cycles leave no drift.
        let quick = ChangeRunner(api: api, journal: journal, verifier: nil, wait: WaitPolicy(pollInterval: 0.02, timeout: 60, healthGrace: 1), user: "tester")
        for cycle in 1...50 {
            let applied = try await quick.apply(plan, planHash: "cycle-\(cycle)")
            #expect(applied.configurationMismatches.isEmpty, "cycle \(cycle): \(applied.configurationMismatches)")
            let undone = try await quick.rollback(try #require(journal.recorded(applied.changeId)))
            #expect(undone.isVerified, "cycle \(cycle): \(undone.renderText())")
        }
        let after = try await api.configuration(application: state.applicationName, environment: target.name)
        #expect(Self.sortedText(after) == Self.sortedText(original))
    }

    @Test(.timeLimit(.minutes(3))) func validationErrorsStopBeforeAnyChange() async throws {
        let cloud = try await offload { try SimulatedCloud.start(environment: ["SIMCLOUD_EB_UPDATE_DELAY": "0.05"]) }
        defer { cloud.stop() }
        let manifestPath = NSTemporaryDirectory() + "ebguard-remediation-invalid-\(ProcessInfo.processInfo.processIdentifier).json"
        defer { try? FileManager.default.removeItem(atPath: manifestPath) }
        let target = try #require(try await offload { try cloud.seed(count: 1, manifest: manifestPath) }.environments.first)
        let client = try AWSClient.make(region: target.region, environment: cloud.clientEnvironment(region: target.region)) { $0.readOnly = false }
        let api = AWSEnvironmentAPI(client: client)
        let state = try #require(try await api.environment(named: target.name))
        let original = try await api.configuration(application: state.applicationName, environment: target.name)
        let retention = OptionKey(namespace: "aws:elasticbeanstalk:cloudwatch:logs", optionName: "RetentionInDays")
        let bad = PlannedOptionChange(namespace: retention.namespace, optionName: retention.optionName, oldValue: original[retention], newValue: "12345")
        let fix = PlannedFix(control: "EB-DET-002", title: "t", severity: .medium, summary: "s", changes: [bad], prerequisites: [], risks: [])
        let plan = RemediationPlan(createdAt: Date(), toolVersion: "t", environment: PlanEnvironment(name: target.name, region: target.region),
                                   source: "test", fixes: [fix], manualFixes: [], notPlanned: [])
        let journal = MemoryJournal()
        let runner = ChangeRunner(api: api, journal: journal, verifier: nil, wait: WaitPolicy(pollInterval: 0.02, timeout: 30, healthGrace: 1), user: "t")
        do {
            _ = try await runner.apply(plan, planHash: nil)
            Issue.record("an invalid value was applied")
        } catch let error as RemediationError {
            guard case .validationFailed(_, let messages) = error else { Issue.record("unexpected \(error)"); return }
            #expect(messages.contains { $0.contains("RetentionInDays") })
        }
        #expect(journal.entries.withLock { $0.isEmpty }, "nothing is recorded when validation fails")
        let now = try await api.configuration(application: state.applicationName, environment: target.name)
        #expect(Self.sortedText(now) == Self.sortedText(original))
    }

    static func sortedText(_ options: [OptionKey: String]) -> String {
        options.map { "\($0.key.namespace)|\($0.key.optionName)|\($0.key.resourceName ?? "")=\($0.value)" }.sorted().joined(separator: "\n")
    }
}

/// Collects progress lines from concurrent callers.
final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
