import Controls
import Foundation
import Testing
@testable import Remediation

/// The apply/rollback procedure against an in-memory environment.
@Suite struct ChangeRunnerTests {
    static let imds = OptionKey(namespace: "aws:autoscaling:launchconfiguration", optionName: "DisableIMDSv1")
    static let retention = OptionKey(namespace: "aws:elasticbeanstalk:cloudwatch:logs", optionName: "RetentionInDays")
    static let token = OptionKey(namespace: "aws:elasticbeanstalk:application:environment", optionName: "API_TOKEN")
    static let tokenSecret = OptionKey(namespace: "aws:elasticbeanstalk:application:environmentsecrets", optionName: "API_TOKEN")

    func plan(_ changes: [PlannedOptionChange], controls: [String] = ["EB-RUN-001"]) -> RemediationPlan {
        let fix = PlannedFix(control: controls[0], title: "t", severity: .high, summary: "s", changes: changes, prerequisites: [], risks: [])
        return RemediationPlan(createdAt: Date(), toolVersion: "t", environment: PlanEnvironment(name: "shop", region: "us-east-1"),
                               source: "test", fixes: [fix], manualFixes: [], notPlanned: [])
    }

    func runner(_ api: FakeEnvironmentAPI, _ journal: MemoryJournal) -> ChangeRunner {
        ChangeRunner(api: api, journal: journal, verifier: nil, wait: WaitPolicy(pollInterval: 0.001, timeout: 300, healthGrace: 0.01), user: "tester")
    }

    @Test func applyRecordsBeforeUpdatingAndRollbackRestoresExactly() async throws {
        let original: [OptionKey: String] = [Self.retention: "7", OptionKey(namespace: "aws:ec2:vpc", optionName: "Subnets"): "subnet-a"]
        let api = FakeEnvironmentAPI(options: original)
        let journal = MemoryJournal(api: api)
        let outcome = try await runner(api, journal).apply(plan([
            PlannedOptionChange(namespace: Self.imds.namespace, optionName: Self.imds.optionName, oldValue: nil, newValue: "true"),
            PlannedOptionChange(namespace: Self.retention.namespace, optionName: Self.retention.optionName, oldValue: "7", newValue: "365"),
        ]), planHash: "abc")
        #expect(outcome.isVerified)
        #expect(api.options[Self.imds] == "true" && api.options[Self.retention] == "365")
        // The record was written after the reads and validation, before UpdateEnvironment.
        let calls = api.calls
        let recordAt = try #require(journal.order.withLock { $0.first }).split(separator: " ")[2]
        let updateAt = try #require(calls.firstIndex(of: "UpdateEnvironment"))
        #expect(Int(recordAt)! <= updateAt)
        #expect(calls.firstIndex(of: "ValidateConfigurationSettings")! < updateAt)
        let record = try #require(journal.recorded(outcome.changeId))
        #expect(record.status == .completed)
        #expect(record.changes.first { $0.key == Self.imds }?.oldValue == nil)

        let back = try await runner(api, journal).rollback(record)
        #expect(back.isVerified)
        #expect(api.options == original, "absent options are removed again, not set to a default")
        #expect(journal.recorded(back.changeId)?.kind == "rollback")
    }

    @Test func stalePlanAndValidationErrorsChangeNothing() async throws {
        let api = FakeEnvironmentAPI(options: [Self.retention: "30"])
        let journal = MemoryJournal(api: api)
        await #expect(throws: RemediationError.self) {
            _ = try await runner(api, journal).apply(plan([PlannedOptionChange(namespace: Self.retention.namespace, optionName: Self.retention.optionName, oldValue: "7", newValue: "365")]), planHash: nil)
        }
        api.state.withLock { $0.invalid = ["RetentionInDays"] }
        await #expect(throws: RemediationError.self) {
            _ = try await runner(api, journal).apply(plan([PlannedOptionChange(namespace: Self.retention.namespace, optionName: Self.retention.optionName, oldValue: "30", newValue: "365")]), planHash: nil)
        }
        #expect(!api.calls.contains("UpdateEnvironment"))
        #expect(journal.entries.withLock { $0.isEmpty })
    }

    @Test func interruptedApplyIsRolledBack() async throws {
        // A record written, UpdateEnvironment never sent (the process died in between).
        let api = FakeEnvironmentAPI(options: [Self.retention: "7"])
        let journal = MemoryJournal(api: api)
        let id = try journal.recordChange(ChangeDraft(kind: "apply", user: "u", region: "us-east-1", environmentName: "shop", environmentId: nil, controls: ["EB-DET-002"],
                                                      changes: [PlannedOptionChange(namespace: Self.retention.namespace, optionName: Self.retention.optionName, oldValue: "7", newValue: "365")]))
        let record = try #require(journal.recorded(id))
        #expect(record.status == .recorded)
        let back = try await runner(api, journal).rollback(record)
        #expect(back.isVerified && back.unchanged == 1)
        #expect(!api.calls.contains("UpdateEnvironment"), "nothing differs, so nothing is sent")
        #expect(api.options == [Self.retention: "7"])
    }

    @Test func sensitiveValuesAreNeverRecordedAndTheSecretReferenceStays() async throws {
        let secretValue = "ghp_" + String(repeating: "a1B2", count: 9)
        let arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:shop/API_TOKEN-abc"
        let api = FakeEnvironmentAPI(options: [Self.token: secretValue])
        let journal = MemoryJournal(api: api)
        let outcome = try await runner(api, journal).apply(plan([
            PlannedOptionChange(namespace: Self.tokenSecret.namespace, optionName: "API_TOKEN", oldValue: nil, newValue: arn),
            PlannedOptionChange(namespace: Self.token.namespace, optionName: "API_TOKEN", oldValue: "ghp_****", newValue: nil, oldValueRedacted: true),
        ], controls: ["EB-RUN-006"]), planHash: nil)
        let record = try #require(journal.recorded(outcome.changeId))
        let stored = "\(record.changes)"
        #expect(!stored.contains(secretValue))
        #expect(record.changes.first { $0.key == Self.token }?.oldValueRedacted == true)
        let back = try await runner(api, journal).rollback(record)
        #expect(!back.isVerified)
        #expect(back.notRestored.count == 2)
        #expect(api.options[Self.tokenSecret] == arn, "the application keeps its value")
    }

    @Test func degradedHealthIsReported() async throws {
        let api = FakeEnvironmentAPI(options: [:])
        api.state.withLock { $0.healthAfterUpdate = ("Red", "Severe") }
        let outcome = try await runner(api, MemoryJournal(api: api)).apply(plan([PlannedOptionChange(namespace: Self.imds.namespace, optionName: Self.imds.optionName, oldValue: nil, newValue: "true")]), planHash: nil)
        #expect(outcome.healthDegraded)
        #expect(outcome.healthAfter == "Red/Severe")
    }
}
