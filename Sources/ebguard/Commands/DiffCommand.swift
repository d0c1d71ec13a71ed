import ArgumentParser
import Foundation
import History

/// `ebguard diff [RUN] [RUN]`: what changed between two audits.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two stored runs: regressions first, then new resources, fixes, still failing.",
        discussion: """
        With no run: the latest run against the previous run of the same scope (same
        account, regions, environment and control filters). With one run: that run
        against the previous run of its scope. With two: the first (before) against
        the second (after).

        Sections, most urgent first: regressions (passed, not applicable or suppressed
        before; fail now), new resources with their failing controls, lost visibility
        (a verdict became not-assessed), fixes, still failing, removed resources.

        Examples:
          ebguard diff
          ebguard diff 41 57 --format json
        Exit codes: 0 no regression; 1 at least one regression; 2 usage or store
        error.
        """)

    @Argument(help: "Runs to compare (ids from `ebguard history`).")
    var runs: [Int64] = []

    @Option(name: .long, help: "Output format: text or json.")
    var format: HistoryCommand.Format = .text

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if runs.count > 2 { throw ValidationError("diff takes at most two runs") }
    }

    func run() throws {
        let report: DriftReport
        let before: RunRecord, after: RunRecord
        do {
            let store = try storeOptions.open()
            (before, after) = try Self.pick(runs, in: store)
            report = Drift.compare(before: try store.findings(run: before.id, evidence: false),
                                   after: try store.findings(run: after.id, evidence: false))
        } catch {
            Console.error("ebguard: \(error)")
            throw ExitCode(2)
        }
        if format == .json {
            try JSONOutput.write(DiffListing(before: before, after: after, drift: report))
        } else {
            print("Run #\(before.id) (\(Dates.text(before.startedAt))) → run #\(after.id) (\(Dates.text(after.startedAt)))")
            print(DriftText.render(report, limit: nil), terminator: "")
        }
        if !report.regressions.isEmpty { throw ExitCode(1) }
    }

    static func pick(_ ids: [Int64], in store: HistoryStore) throws -> (RunRecord, RunRecord) {
        func run(_ id: Int64) throws -> RunRecord {
            guard let run = try store.run(id: id) else { throw InputError("no run #\(id) in \(store.path) (see `ebguard history`)") }
            return run
        }
        switch ids.count {
        case 2: return (try run(ids[0]), try run(ids[1]))
        default:
            let after: RunRecord
            if let id = ids.first { after = try run(id) } else {
                guard let latest = try store.latestRun() else { throw InputError("no run stored in \(store.path) yet (run `ebguard audit`)") }
                after = latest
            }
            guard let before = try store.previousRun(scope: after.scope, before: after.id) else {
                throw InputError("run #\(after.id) is the first run of its scope; nothing to compare with")
            }
            return (before, after)
        }
    }
}

struct DiffListing: Encodable {
    var before: RunRecord
    var after: RunRecord
    var drift: DriftReport
}

/// Drift in words, most urgent first.
enum DriftText {
    static func render(_ report: DriftReport, limit: Int?) -> String {
        var lines: [String] = []
        func section(_ title: String, _ entries: [DriftEntry]) {
            guard !entries.isEmpty else { return }
            lines.append("\(title) (\(entries.count)):")
            for entry in entries.prefix(limit ?? entries.count) {
                lines.append("  \(entry.control) [\(entry.severity.rawValue)] \(entry.resource.name ?? entry.resource.id)\(entry.resource.environment.map { " (\($0))" } ?? ""): \(entry.before?.rawValue ?? "—") → \(entry.after?.rawValue ?? "—")")
            }
            if let limit, entries.count > limit { lines.append("  … \(entries.count - limit) more (`ebguard diff`)") }
        }
        section("Regressions", report.regressions)
        if !report.newResources.isEmpty {
            lines.append("New resources (\(report.newResources.count)):")
            for resource in report.newResources.prefix(limit ?? report.newResources.count) {
                lines.append("  \(resource.resource.type) \(resource.resource.name ?? resource.resource.id): \(resource.failing.count) failing control(s)\(resource.failing.isEmpty ? "" : " — " + resource.failing.map(\.control).joined(separator: ", "))")
            }
        }
        if limit == nil {
            section("Newly suppressed (exception or inline suppression)", report.assessmentChanges.filter { $0.after == .suppressed })
            section("Lost visibility (no longer assessed or no longer reported)", report.assessmentChanges.filter { $0.after != .suppressed })
            section("Fixed", report.fixes)
            section("Still failing", report.stillFailing)
            if !report.removedResources.isEmpty {
                lines.append("Removed resources (\(report.removedResources.count)):")
                for resource in report.removedResources { lines.append("  \(resource.resource.type) \(resource.resource.name ?? resource.resource.id)") }
            }
        }
        if lines.isEmpty { lines.append("No change.") }
        return lines.joined(separator: "\n") + "\n"
    }
}
