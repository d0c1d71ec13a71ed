import Controls
import Foundation
import Secrets

/// How long and how often remediation waits for an environment.
public struct WaitPolicy: Sendable, Hashable {
    /// Seconds between `DescribeEnvironments` polls.
    public var pollInterval: Double
    /// Give up waiting for `Ready` after this many seconds.
    public var timeout: Double
    /// After `Ready`, keep watching health this long for it to return to Green/Ok.
    public var healthGrace: Double

    public init(pollInterval: Double = 10, timeout: Double = 1800, healthGrace: Double = 120) {
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.healthGrace = healthGrace
    }
}

/// Runs the enforcement procedure: read → check the plan still applies → validate → record →
/// update → wait for Ready → re-read → verify; and its mirror, rollback.
///
/// The record is written before `UpdateEnvironment`, with every touched option's value as read
/// just before, so a process killed at any point leaves a change that `rollback` restores exactly.
public struct ChangeRunner: Sendable {
    public var api: any EnvironmentAPI
    public var journal: any ChangeJournal
    public var verifier: (any ControlVerifier)?
    public var wait: WaitPolicy
    public var user: String
    /// Progress lines (status, health, events) for the person watching.
    public var progress: @Sendable (String) -> Void

    public init(api: any EnvironmentAPI, journal: any ChangeJournal, verifier: (any ControlVerifier)?, wait: WaitPolicy = WaitPolicy(),
                user: String, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.api = api
        self.journal = journal
        self.verifier = verifier
        self.wait = wait
        self.user = user
        self.progress = progress
    }

    // MARK: Apply

    /// Applies a plan's option changes. Throws before any change when the plan is stale or invalid.
    public func apply(_ plan: RemediationPlan, planHash: String?) async throws -> ChangeOutcome {
        guard plan.schemaVersion <= RemediationPlan.currentSchemaVersion else {
            throw RemediationError.unsupportedPlan("the plan has schema version \(plan.schemaVersion); this ebguard reads up to \(RemediationPlan.currentSchemaVersion)")
        }
        let name = plan.environment.name
        let before = try await waitUntilReady(name, changeId: nil)
        let current = try await api.configuration(application: before.applicationName, environment: name)
        let differences = plan.optionChanges.compactMap { change -> String? in
            let now = current[change.key]
            if change.oldValueRedacted { return (now == nil) == (change.oldValue == nil) ? nil : "\(change.key): was \(change.oldValue == nil ? "absent" : "set") when planned, is \(now == nil ? "absent" : "set") now" }
            guard now != change.oldValue, now != change.newValue else { return nil }
            return "\(change.key): planned from \(Self.show(change.oldValue)), is \(Self.show(now.map { redactedIfSensitive(change, $0) })) now"
        }
        if !differences.isEmpty { throw RemediationError.stalePlan(environment: name, differences: differences) }
        let changes = plan.optionChanges.filter { current[$0.key] != $0.newValue }
        try await validate(before, changes)
        let recorded = changes.map { change -> PlannedOptionChange in
            var entry = change
            let previous = current[change.key]
            entry.oldValueRedacted = previous.map { isSensitive(change, $0) } ?? false
            entry.oldValue = entry.oldValueRedacted ? previous.map(Redaction.redact) : previous
            return entry
        }
        let draft = ChangeDraft(kind: "apply", user: user, region: plan.environment.region ?? "", environmentName: name, environmentId: before.id,
                                controls: plan.plannedControls, changes: recorded, planHash: planHash)
        return try await execute(draft, state: before, skipped: plan.optionChanges.count - changes.count, notRestored: [])
    }

    // MARK: Rollback

    /// Restores exactly the values recorded before `change`: options that were absent are removed
    /// again. Sensitive previous values are never stored, so those options are reported, not restored.
    public func rollback(_ change: RecordedChange) async throws -> ChangeOutcome {
        let name = change.environmentName
        let before = try await waitUntilReady(name, changeId: nil)
        let current = try await api.configuration(application: before.applicationName, environment: name)
        var restore: [PlannedOptionChange] = []
        var notRestored: [String] = []
        var unchanged = 0
        // A secret moved to environmentsecrets stays there when its plain value cannot be restored:
        // removing both would leave the application without the value.
        let unrestorable = Set(change.changes.filter(\.oldValueRedacted).map(\.optionName))
        for recorded in change.changes {
            if recorded.namespace == "aws:elasticbeanstalk:application:environmentsecrets", unrestorable.contains(recorded.optionName) {
                notRestored.append("\(recorded.key): kept, because the plain value it replaced is not stored")
                continue
            }
            if recorded.oldValueRedacted {
                notRestored.append("\(recorded.key): its previous value was sensitive and is not stored; set it again by hand if it is still needed")
                continue
            }
            let now = current[recorded.key]
            if now == recorded.oldValue { unchanged += 1; continue }
            let redacted = now.map { isSensitive(recorded, $0) } ?? false
            restore.append(PlannedOptionChange(namespace: recorded.namespace, optionName: recorded.optionName, resourceName: recorded.resourceName,
                                               oldValue: redacted ? now.map(Redaction.redact) : now, newValue: recorded.oldValue, oldValueRedacted: redacted))
        }
        try await validate(before, restore)
        let draft = ChangeDraft(kind: "rollback", rollbackOf: change.changeId, user: user, region: change.region, environmentName: name,
                                environmentId: before.id, controls: change.controls, changes: restore)
        return try await execute(draft, state: before, skipped: unchanged, notRestored: notRestored)
    }

    // MARK: The shared procedure

    private func validate(_ state: EnvironmentState, _ changes: [PlannedOptionChange]) async throws {
        let messages = try await api.validate(application: state.applicationName, environment: state.name, settings: changes)
        let errors = messages.filter(\.isError)
        if !errors.isEmpty { throw RemediationError.validationFailed(environment: state.name, messages: errors.map(\.description)) }
        for warning in messages where !warning.isError { progress("validation \(warning.description)") }
    }

    private func execute(_ draft: ChangeDraft, state before: EnvironmentState, skipped: Int, notRestored: [String]) async throws -> ChangeOutcome {
        let id = try journal.recordChange(draft)
        progress("change \(id) recorded (\(draft.changes.count) option(s)); \(draft.changes.isEmpty ? "nothing to send" : "calling UpdateEnvironment")")
        var after = before
        if !draft.changes.isEmpty {
            let started = Date()
            do {
                try await api.update(environment: draft.environmentName, changes: draft.changes)
            } catch {
                try? journal.updateChange(id, status: .failed, verification: nil, detail: "UpdateEnvironment: \(error)")
                throw RemediationError.updateRejected(environment: draft.environmentName, changeId: id, message: "\(error)")
            }
            try journal.updateChange(id, status: .updating, verification: nil, detail: nil)
            after = try await waitUntilReady(draft.environmentName, changeId: id, eventsSince: started.addingTimeInterval(-1))
            if before.isHealthy && !after.isHealthy { after = try await waitForHealth(draft.environmentName, current: after) }
        }
        let configuration = try await api.configuration(application: after.applicationName, environment: draft.environmentName)
        let mismatches = draft.changes.compactMap { change -> String? in
            let found = configuration[change.key]
            if found == change.newValue { return nil }
            return "\(change.key): expected \(Self.show(change.newValue)), found \(Self.show(found.map { redactedIfSensitive(change, $0) }))"
        }
        var verdicts: [String: Verdict] = [:]
        if let verifier, !draft.controls.isEmpty {
            let environment = PlanEnvironment(name: draft.environmentName, id: draft.environmentId, applicationName: after.applicationName, region: draft.region)
            let findings = try await verifier.findings(environment: environment, controls: draft.controls)
            for control in draft.controls {
                let mine = findings.filter { $0.control == control }
                verdicts[control] = mine.contains { $0.verdict == .fail } ? .fail
                    : mine.contains { $0.verdict == .notAssessed } || mine.isEmpty ? .notAssessed
                    : mine.allSatisfy { $0.verdict == .notApplicable } ? .notApplicable : .pass
            }
        }
        let controlsHold = draft.kind == "rollback" || verdicts.values.allSatisfy { $0 == .pass || $0 == .notApplicable }
        let verified = mismatches.isEmpty && controlsHold && notRestored.isEmpty
        let degraded = before.isHealthy && !after.isHealthy
        var detail: [String] = mismatches + notRestored
        if degraded { detail.append("health degraded from \(before.healthText) to \(after.healthText)") }
        try journal.updateChange(id, status: .completed, verification: verified ? "verified" : "not-verified",
                                 detail: detail.isEmpty ? nil : detail.joined(separator: "; "))
        return ChangeOutcome(changeId: id, kind: draft.kind, environment: draft.environmentName, verification: verified ? "verified" : "not-verified",
                             configurationMismatches: mismatches, controlVerdicts: verdicts, healthBefore: before.healthText,
                             healthAfter: after.healthText, healthDegraded: degraded, notRestored: notRestored, unchanged: skipped)
    }

    /// Polls until the environment is `Ready`, printing status, health and new events.
    private func waitUntilReady(_ name: String, changeId: String?, eventsSince: Date? = nil) async throws -> EnvironmentState {
        let started = Date()
        var lastLine = ""
        var printed = Set<String>()
        while true {
            guard let state = try await api.environment(named: name) else { throw RemediationError.environmentNotFound(name) }
            if let since = eventsSince, let events = try? await api.events(environment: name, since: since) {
                for event in events where printed.insert("\(event.date.timeIntervalSince1970)|\(event.message)").inserted {
                    progress("  event \(event.severity): \(event.message)")
                }
            }
            if state.status == "Ready" { return state }
            let waited = Int(Date().timeIntervalSince(started))
            let line = "\(name): \(state.status), health \(state.healthText) (\(waited) s)"
            if line != lastLine { progress(line); lastLine = line }
            if Date().timeIntervalSince(started) >= wait.timeout {
                if let changeId { throw RemediationError.timedOut(environment: name, changeId: changeId, status: state.status, waited: waited) }
                throw RemediationError.notReady(environment: name, status: state.status, waited: waited)
            }
            try await Task.sleep(nanoseconds: UInt64(wait.pollInterval * 1e9))
        }
    }

    /// After an update health often passes through Info/Grey; give it `healthGrace` seconds to return.
    private func waitForHealth(_ name: String, current: EnvironmentState) async throws -> EnvironmentState {
        let started = Date()
        var state = current
        while !state.isHealthy && Date().timeIntervalSince(started) < wait.healthGrace {
            progress("\(name): Ready, health \(state.healthText); waiting for Green/Ok")
            try await Task.sleep(nanoseconds: UInt64(wait.pollInterval * 1e9))
            guard let next = try await api.environment(named: name) else { throw RemediationError.environmentNotFound(name) }
            state = next
        }
        return state
    }

    private func isSensitive(_ change: PlannedOptionChange, _ value: String) -> Bool {
        if change.namespace.hasSuffix(":environmentsecrets") { return false }
        if SecretScanner.classify(value: value, key: change.optionName) != nil { return true }
        return change.namespace.hasSuffix(":environment") && KeyNames.isSensitive(change.optionName)
    }

    private func redactedIfSensitive(_ change: PlannedOptionChange, _ value: String) -> String {
        isSensitive(change, value) ? Redaction.redact(value) : value
    }

    static func show(_ value: String?) -> String {
        value.map { "'\($0)'" } ?? "absent"
    }
}
