import Foundation
import Synchronization
@testable import Remediation

/// An in-memory Elastic Beanstalk environment: options, status, and a log of calls, with
/// `UpdateEnvironment` going through `Updating` for a number of polls.
final class FakeEnvironmentAPI: EnvironmentAPI, Sendable {
    struct State {
        var options: [OptionKey: String]
        var status = "Ready"
        var health = "Green"
        var healthStatus = "Ok"
        var pollsUntilReady = 0
        var calls: [String] = []
        var invalid: Set<String> = []
        var healthAfterUpdate: (String, String)?
    }

    let state: Mutex<State>

    init(options: [OptionKey: String]) {
        state = Mutex(State(options: options))
    }

    var calls: [String] { state.withLock { $0.calls } }
    var options: [OptionKey: String] { state.withLock { $0.options } }

    func environment(named name: String) async throws -> EnvironmentState? {
        state.withLock { s in
            s.calls.append("DescribeEnvironments")
            if s.status == "Updating" {
                if s.pollsUntilReady > 0 { s.pollsUntilReady -= 1 } else {
                    s.status = "Ready"
                    if let (health, status) = s.healthAfterUpdate { s.health = health; s.healthStatus = status }
                }
            }
            return EnvironmentState(name: name, id: "e-fake", applicationName: "app", status: s.status, health: s.health, healthStatus: s.healthStatus)
        }
    }

    func configuration(application: String, environment: String) async throws -> [OptionKey: String] {
        state.withLock { s in
            s.calls.append("DescribeConfigurationSettings")
            return s.options
        }
    }

    func validate(application: String, environment: String, settings: [PlannedOptionChange]) async throws -> [ValidationMessage] {
        state.withLock { s in
            s.calls.append("ValidateConfigurationSettings")
            return settings.filter { s.invalid.contains($0.optionName) }.map {
                ValidationMessage(severity: "error", message: "Invalid option value: '\($0.newValue ?? "")'", namespace: $0.namespace, optionName: $0.optionName)
            }
        }
    }

    func update(environment: String, changes: [PlannedOptionChange]) async throws {
        state.withLock { s in
            s.calls.append("UpdateEnvironment")
            for change in changes {
                if let value = change.newValue { s.options[change.key] = value } else { s.options.removeValue(forKey: change.key) }
            }
            s.status = "Updating"
            s.pollsUntilReady = 2
        }
    }

    func events(environment: String, since date: Date) async throws -> [EnvironmentEvent] { [] }
}

/// A journal in memory, recording the order of record/update against the API's calls.
final class MemoryJournal: ChangeJournal, Sendable {
    struct Entry {
        var draft: ChangeDraft
        var status: ChangeState
        var verification: String?
        var detail: String?
    }

    let entries = Mutex<[String: Entry]>([:])
    let order = Mutex<[String]>([])
    let api: FakeEnvironmentAPI?

    init(api: FakeEnvironmentAPI? = nil) {
        self.api = api
    }

    func recordChange(_ draft: ChangeDraft) throws -> String {
        let id = "chg-\(String(format: "%012x", UInt64.random(in: 0...UInt64(0xffff_ffff_ffff))))"
        entries.withLock { $0[id] = Entry(draft: draft, status: .recorded) }
        order.withLock { $0.append("record after \(api?.calls.count ?? 0) calls") }
        return id
    }

    func updateChange(_ id: String, status: ChangeState, verification: String?, detail: String?) throws {
        entries.withLock {
            $0[id]?.status = status
            $0[id]?.verification = verification
            $0[id]?.detail = detail
        }
    }

    func recorded(_ id: String) -> RecordedChange? {
        entries.withLock { entries in
            entries[id].map { RecordedChange(changeId: id, kind: $0.draft.kind, region: $0.draft.region, environmentName: $0.draft.environmentName,
                                             controls: $0.draft.controls, changes: $0.draft.changes, status: $0.status) }
        }
    }
}
