import ArgumentParser
import Foundation
import History

/// `ebguard history`: the runs and changes the store remembers.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List stored audit runs and changes (apply/rollback), newest first; incomplete changes are marked.",
        discussion: """
        Every `ebguard audit` records a run (who, when, source, snapshot hash, tool
        version, every finding's verdict); every `apply` and `rollback` records a
        change with the previous value of each option it touched, written before AWS
        is called. A change that never reached `completed` (the process was stopped,
        AWS timed out) is shown as INCOMPLETE; `ebguard rollback CHANGE-ID` restores
        it.

        Examples:
          ebguard history
          ebguard history --format json | jq '.changes[] | select(.incomplete)'
          ebguard diff     # the latest run against the previous run of its scope
        """)

    @Option(name: .long, help: "Output format: text or json ({\"runs\": [...], \"changes\": [...]}, each change with its changeId).")
    var format: Format = .text

    @Option(name: .long, help: "At most this many runs.")
    var limit: Int = 50

    @Option(name: .long, help: "Only changes of this environment.")
    var environment: String?

    @OptionGroup var storeOptions: StoreOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        do {
            let store = try storeOptions.open()
            let runs = try store.runs(limit: limit)
            let changes = try store.changes(environment: environment)
            if format == .json {
                try JSONOutput.write(HistoryListing(runs: runs, changes: changes.map(ChangeListing.init)))
                return
            }
            var lines: [String] = []
            lines.append("Changes (\(changes.count)):")
            if changes.isEmpty { lines.append("  none") }
            for change in changes {
                let state = change.incomplete ? "INCOMPLETE (\(change.status.rawValue))" : change.status.rawValue + (change.verification.map { ", \($0)" } ?? "")
                let of = change.rollbackOf.map { " of \($0)" } ?? ""
                lines.append("  \(change.changeId)  \(Dates.text(change.createdAt))  \(change.kind)\(of)  \(change.environmentName) (\(change.region))  \(state)  by \(change.user)")
                for option in change.changes {
                    let old = option.previousValueRedacted ? "(sensitive)" : option.previousValue.map { "'\($0)'" } ?? "(absent)"
                    lines.append("      \(option.namespace)/\(option.optionName): \(old) → \(option.newValue.map { "'\($0)'" } ?? "(removed)")")
                }
                if let detail = change.detail { lines.append("      \(detail)") }
            }
            lines.append("")
            lines.append("Runs (\(runs.count) shown):")
            if runs.isEmpty { lines.append("  none") }
            for run in runs {
                let counts = ["fail", "suppressed", "not-assessed", "pass"].map { "\($0) \(run.counts[$0] ?? 0)" }.joined(separator: ", ")
                lines.append("  #\(run.id)  \(Dates.text(run.startedAt))  \(run.source)  by \(run.user)  [\(counts)]")
            }
            print(lines.joined(separator: "\n"))
        } catch {
            Console.error("ebguard: \(error)")
            throw ExitCode(2)
        }
    }
}

/// `history --format json`.
struct HistoryListing: Encodable {
    var runs: [RunRecord]
    var changes: [ChangeListing]
}

/// A change with its `incomplete` flag spelled out for scripts.
struct ChangeListing: Encodable {
    var record: ChangeRecord

    init(_ record: ChangeRecord) { self.record = record }

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(record.incomplete, forKey: Key(stringValue: "incomplete"))
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Writes JSON documents for commands outside the report schema.
enum JSONOutput {
    static func write(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }
}

/// Dates as people read them in listings (UTC).
enum Dates {
    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date) + "Z"
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
