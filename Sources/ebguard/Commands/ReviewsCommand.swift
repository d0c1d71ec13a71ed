import ArgumentParser
import Foundation
import History

/// `ebguard reviews`: which periodic reviews are due, from the stored history.
struct ReviewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews",
        abstract: "Show which periodic security reviews are due (monthly IAM, secrets, security groups; quarterly platform, patching, encryption).",
        discussion: """
        A review counts as performed by the latest stored audit run that assessed any
        of its controls (pass, fail or suppressed), or by a review recorded by hand
        with --done.

        Examples:
          ebguard reviews
          ebguard reviews --done iam-policy --note "SEC-311: reviewed role policies"
          ebguard reviews --format json
        Exit codes: 0 nothing due; 1 at least one review due; 2 usage or store error.
        """)

    @Option(name: .long, help: "Record that this review was done by hand now (its id, e.g. iam-policy).")
    var done: String?

    @Option(name: .long, help: "A note for --done (ticket, scope).")
    var note: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: HistoryCommand.Format = .text

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let statuses: [ReviewStatus]
        do {
            let store = try storeOptions.open()
            if let done { try store.recordReview(id: done, by: Operator.name, note: note, at: Date()) }
            statuses = try store.reviewsDue(now: Date())
        } catch {
            Console.error("ebguard: \(error)")
            throw ExitCode(2)
        }
        if format == .json {
            try JSONOutput.write(statuses)
        } else {
            for status in statuses {
                let last = status.lastPerformed.map { "last \(Dates.day($0.at))" + ($0.runId.map { " (run #\($0))" } ?? " (by hand\($0.by.map { ", \($0)" } ?? ""))") } ?? "never performed"
                let state = status.due ? (status.overdueDays > 0 ? "DUE, \(status.overdueDays) day(s) overdue" : "DUE") : "next \(status.dueDate.map(Dates.day) ?? "?")"
                print("\(status.review.id.padding(toLength: 20, withPad: " ", startingAt: 0)) \(status.review.period.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(state); \(last) — \(status.review.title)")
            }
        }
        if statuses.contains(where: \.due) { throw ExitCode(1) }
    }
}
