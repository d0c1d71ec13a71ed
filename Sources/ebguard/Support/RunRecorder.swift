import Controls
import Foundation
import History
import Inventory
import Reporting

/// Remembers an audit in the history store: the store's exceptions before rendering, the run and
/// its findings after, and the regressions since the previous run of the same scope.
///
/// The report never depends on the store: a store that cannot be opened is reported on standard
/// error ("history not recorded") and the audit goes on; with an explicit `--store` the run then
/// exits 2 so a scheduled job notices.
struct RunRecorder {
    let store: HistoryStore?
    let explicitStore: Bool
    let problem: String?
    let source: String
    let snapshotHash: String?
    let startedAt = Date()

    init(options: StoreOptions, disabled: Bool, source: String, snapshotHash: String?) {
        self.source = source
        self.snapshotHash = snapshotHash
        explicitStore = options.store != nil
        guard !disabled else {
            store = nil
            problem = nil
            return
        }
        do {
            store = try HistoryStore.open(path: options.path)
            problem = nil
        } catch {
            store = nil
            problem = "\(error)"
        }
    }

    /// Exceptions from the store (empty when there is none).
    func exceptions() -> [ExceptionRecord] {
        (try? store?.exceptions()) ?? []
    }

    /// The scope drift compares within: account(s), regions, environment and control filters.
    static func scope(_ inventory: Inventory, environments: [String], controls: [String]) -> String {
        let accounts = Set(inventory.environments.compactMap(\.accountId)).sorted().joined(separator: ",")
        let regions = (inventory.source.regions ?? Array(Set(inventory.environments.compactMap(\.region)))).sorted().joined(separator: ",")
        let names = environments.isEmpty ? "*" : environments.sorted().joined(separator: ",")
        let ids = controls.isEmpty ? "*" : controls.map { $0.uppercased() }.sorted().joined(separator: ",")
        return "account=\(accounts.isEmpty ? "?" : accounts);regions=\(regions.isEmpty ? "?" : regions);environments=\(names);controls=\(ids)"
    }

    /// Records the run; returns the drift since the previous run of the scope, if there was one.
    func record(_ findings: [Finding], scope: String) -> (run: RunRecord, drift: DriftReport?)? {
        record(stored: findings.map(StoredFinding.init), scope: scope)
    }

    /// Records a run from the stored form of its findings (what a streamed report keeps).
    func record(stored findings: [StoredFinding], scope: String) -> (run: RunRecord, drift: DriftReport?)? {
        guard let store else {
            if let problem { Console.error("ebguard: history not recorded: \(problem)") }
            return nil
        }
        do {
            let newRun = NewRun(startedAt: startedAt, user: Operator.name, source: source, scope: scope,
                                snapshotHash: snapshotHash, toolVersion: EBGuardVersion.current)
            // Writing a fleet's findings and comparing them with the previous run take seconds
            // each and need nothing from each other: the comparison runs while the run is written.
            let expected = try store.latestRun(scope: scope, startedBy: startedAt)
            let outcome = ConcurrentPair(
                { try store.recordRun(newRun, stored: findings) },
                { try expected.map { Drift.compare(before: try store.findings(run: $0.id, evidence: false), after: findings) } })
            let run = try outcome.first.get()
            let previous = try store.previousRun(scope: scope, before: run.id)
            guard let previous else { return (run, nil) }
            // Another process recorded a run of this scope meanwhile: compare with that one.
            guard previous.id == expected?.id, let drift = try outcome.second.get() else {
                return (run, Drift.compare(before: try store.findings(run: previous.id, evidence: false), after: findings))
            }
            return (run, drift)
        } catch {
            Console.error("ebguard: history not recorded: \(error)")
            return nil
        }
    }

    /// Whether the run must exit 2 because the history could not be kept.
    var failed: Bool { explicitStore && problem != nil }
}

/// Runs two throwing closures at once, on two threads, and keeps both results.
private struct ConcurrentPair<First, Second> {
    let first: Result<First, any Error>
    let second: Result<Second, any Error>

    init(_ first: () throws -> First, _ second: () throws -> Second) {
        var firstResult: Result<First, any Error>?
        var secondResult: Result<Second, any Error>?
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let work = UncheckedPair(first: first, second: second)
                let results = ResultSlots<First, Second>()
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    if index == 0 { results.first = Result { try work.first() } } else { results.second = Result { try work.second() } }
                }
                firstResult = results.first
                secondResult = results.second
            }
        }
        // concurrentPerform returns once both iterations have run, so both are set.
        self.first = firstResult!
        self.second = secondResult!
    }

    /// The closures are only called while `init` waits for them.
    private struct UncheckedPair: @unchecked Sendable {
        let first: () throws -> First
        let second: () throws -> Second
    }

    /// Each slot is written by one iteration and read after both have ended.
    private final class ResultSlots<A, B>: @unchecked Sendable {
        var first: Result<A, any Error>?
        var second: Result<B, any Error>?
    }
}
