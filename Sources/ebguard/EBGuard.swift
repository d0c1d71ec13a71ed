import ArgumentParser
import Foundation
import Reporting

/// The `ebguard` command: audits, hardens and keeps watch over AWS Elastic Beanstalk security.
@main
struct EBGuard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ebguard",
        abstract: "Audit the security of AWS Elastic Beanstalk environments.",
        discussion: """
        ebguard evaluates every control of its catalog (IAM, network, transport and
        data, runtime, detection) over Elastic Beanstalk environments read from AWS
        CLI exports, snapshots or infrastructure-as-code files, and reports each
        control's verdict with evidence and a fix.

        Exit codes: 0 nothing at or above --fail-on failed; 1 failing findings; 2
        usage or input error; 3 the source could not be fully read (access denied,
        throttling, network), so the result is incomplete.

        Start with:
          ebguard export-commands --region us-east-1 > export.sh && bash export.sh
          ebguard audit --from-aws-cli ebguard-export
          ebguard controls            # the catalog
          ebguard explain EB-RUN-001  # one control, its rationale, fix and examples

        Fix and keep watch:
          ebguard plan --environment shop-prod --format json --output plan.json
          ebguard apply plan.json     # validate → record → update → wait → verify
          ebguard rollback CHANGE-ID  # restore the recorded values
          ebguard history / ebguard diff / ebguard reviews / ebguard except add …
        """,
        version: EBGuardVersion.current,
        subcommands: [AuditCommand.self, CollectCommand.self, ScanCommand.self, PlanCommand.self, ApplyCommand.self, RollbackCommand.self,
                      HistoryCommand.self, DiffCommand.self, ExceptCommand.self, ReviewsCommand.self,
                      ControlsCommand.self, ExplainCommand.self, ExportCommandsCommand.self, PolicyCommand.self]
    )

    /// Runs the command; usage errors exit 2 (the documented code), not ArgumentParser's 64.
    static func main() async {
        AllocatorSettings.apply()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
