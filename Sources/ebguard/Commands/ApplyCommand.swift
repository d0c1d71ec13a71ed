import ArgumentParser
import Collect
import Foundation
import History
import Remediation

/// `ebguard apply PLAN`: validate → record → update → wait → verify, with rollback on offer.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a reviewed plan: validate, record, update, wait for Ready, verify.",
        discussion: """
        The procedure, in order; it stops at the first problem:
          1. shows the plan and asks for confirmation (--yes skips the question);
          2. waits for the environment to be Ready and checks the plan still matches
             it (an option changed since planning → stop, make a new plan);
          3. ValidateConfigurationSettings → stop on any error, nothing changed;
          4. records the change in the history store with every option's current
             value, before anything is sent, so an interrupted apply can always be
             rolled back;
          5. UpdateEnvironment, then waits for Ready (bounded by --wait-timeout),
             printing status, health and the environment's events;
          6. re-reads the configuration, re-audits the planned controls live and
             reports verified / not verified; if health fell from Green/Ok it says so
             and offers rollback.

        Only apply and rollback write to AWS; fixes outside option settings in the
        plan are never run.

        Examples:
          ebguard plan --environment shop-prod --format json --output plan.json
          ebguard apply plan.json
          ebguard apply plan.json --yes --store /var/lib/ebguard/history.sqlite
          ebguard history              # the change id, and incomplete changes
          ebguard rollback chg-0123456789ab
        Exit codes: 0 verified; 1 applied but not verified; 2 nothing changed
        (declined, stale or invalid plan, store problem); 3 AWS failed or timed out
        during the change.
        """)

    @Argument(help: ArgumentHelp("The plan file (`ebguard plan --format json --output FILE`).", valueName: "plan"))
    var planFile: String

    @OptionGroup var options: ChangeOptions

    @Option(name: .long, help: "Output format of the result: text or json.")
    var format: ResultFormat = .text

    enum ResultFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws { try options.validateTimes() }

    func run() async throws {
        do {
            guard let data = FileManager.default.contents(atPath: planFile) else { throw InputError("\(planFile): cannot read the plan file") }
            let plan = try RemediationPlan.read(data, path: planFile)
            guard !plan.optionChanges.isEmpty else {
                Console.error("\(planFile): the plan has no option change to apply (\(plan.manualFixes.count) manual fix(es) are for review)")
                return
            }
            Console.error(plan.renderText())
            let region = plan.environment.region ?? ""
            // The store and credentials are checked before the question, so a "yes" is never wasted.
            let session = try RemediationSession(options: options, region: region)
            if !options.yes {
                guard RemediationSession.confirm("Apply \(plan.optionChanges.count) option change(s) to \(plan.environment.name)\(region.isEmpty ? "" : " in \(region)")?", word: "yes") else {
                    Console.error("not applied: no confirmation")
                    throw ExitCode(2)
                }
            }
            let hash = Snapshot.sha256(data)
            let outcome = try await session.runner.apply(plan, planHash: hash)
            try print(outcome)
            if outcome.healthDegraded { try await offerRollback(outcome, session: session) }
            if !outcome.isVerified { throw ExitCode(1) }
        } catch {
            throw CommandFailure.report(error)
        }
    }

    func print(_ outcome: ChangeOutcome) throws {
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(outcome) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(outcome.renderText().utf8))
        }
    }

    func offerRollback(_ outcome: ChangeOutcome, session: RemediationSession) async throws {
        Console.error("health degraded from \(outcome.healthBefore ?? "?") to \(outcome.healthAfter ?? "?") after change \(outcome.changeId); to restore the previous values: ebguard rollback \(outcome.changeId)")
        guard !options.yes, RemediationSession.confirm("Roll back \(outcome.changeId) now?", word: "rollback") else { return }
        guard let record = try session.store.change(id: outcome.changeId) else { return }
        let back = try await session.runner.rollback(HistoryJournal.recorded(record))
        try print(back)
    }
}
