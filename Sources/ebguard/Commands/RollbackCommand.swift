import ArgumentParser
import Foundation
import History
import Remediation

/// `ebguard rollback CHANGE-ID`: restore exactly the values recorded before a change.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Restore the option values recorded before a change (also an interrupted one).",
        discussion: """
        Reads the change from the history store and restores every option it touched
        to the value recorded just before it: options that were absent are removed
        again, not set to a default. The same procedure as apply: confirmation, wait
        for Ready, ValidateConfigurationSettings, a change record of its own (kind
        rollback), UpdateEnvironment, wait, re-read and verify that the configuration
        equals the recorded state.

        Sensitive values are never stored, so an option whose previous value was a
        secret is reported as not restored (and a secret moved to environmentsecrets
        stays there).

        Examples:
          ebguard history         # the change id (6+ characters of it are enough)
          ebguard rollback chg-0123456789ab
          ebguard rollback chg-012345 --yes
        Exit codes: 0 restored and verified; 1 not verified; 2 nothing changed; 3 AWS
        failed.
        """)

    @Argument(help: ArgumentHelp("The change to undo (`ebguard history` lists them).", valueName: "change-id"))
    var changeId: String

    @OptionGroup var options: ChangeOptions

    func validate() throws { try options.validateTimes() }

    func run() async throws {
        do {
            let store = try options.storeOptions.open()
            guard let record = try store.change(id: changeId) else { throw HistoryError.unknownChange(id: changeId) }
            Console.error("change \(record.changeId) (\(record.kind), \(record.status.rawValue)\(record.incomplete ? ", incomplete" : "")) on \(record.environmentName) in \(record.region):")
            for change in record.changes {
                let restore = change.previousValueRedacted ? "not restorable (sensitive, not stored)" : change.previousValue.map { "'\($0)'" } ?? "(remove)"
                Console.error("  \(change.namespace)/\(change.optionName): back to \(restore)")
            }
            let session = try RemediationSession(options: options, region: record.region)
            if !options.yes {
                guard RemediationSession.confirm("Roll back \(record.changeId) on \(record.environmentName)?", word: "yes") else {
                    Console.error("not rolled back: no confirmation")
                    throw ExitCode(2)
                }
            }
            let outcome = try await session.runner.rollback(HistoryJournal.recorded(record))
            FileHandle.standardOutput.write(Data(outcome.renderText().utf8))
            if !outcome.isVerified { throw ExitCode(1) }
        } catch {
            throw CommandFailure.report(error)
        }
    }
}
