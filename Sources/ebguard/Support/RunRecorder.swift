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
            let run = try store.recordRun(NewRun(startedAt: startedAt, user: Operator.name, source: source, scope: scope,
                                                 snapshotHash: snapshotHash, toolVersion: EBGuardVersion.current), stored: findings)
            guard let previous = try store.previousRun(scope: scope, before: run.id) else { return (run, nil) }
            let drift = Drift.compare(before: try store.findings(run: previous.id, evidence: false), after: findings)
            return (run, drift)
        } catch {
            Console.error("ebguard: history not recorded: \(error)")
            return nil
        }
    }

    /// Whether the run must exit 2 because the history could not be kept.
    var failed: Bool { explicitStore && problem != nil }
}
