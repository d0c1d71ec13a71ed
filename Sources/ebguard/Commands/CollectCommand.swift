import ArgumentParser
import Collect
import Foundation
import Inventory
import LiveCollect
import Reporting

/// `ebguard collect`: normalize a source (live AWS APIs by default) into a snapshot file.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Write a snapshot: the normalized inventory, for audits without credentials and as evidence.",
        discussion: """
        The snapshot records every fact that was seen (and, for each fact that was
        not, why), with secret-looking values already redacted. Its SHA-256 is printed
        so it can be quoted as evidence. Without --from-aws-cli it reads the account
        live, read-only.

        Examples:
          ebguard collect --region us-east-1 --region eu-west-1 -o fleet.json
          ebguard collect --from-aws-cli ./ebguard-export -o fleet.json
          ebguard audit --snapshot fleet.json
        """)

    @Option(name: .customLong("from-aws-cli"), help: ArgumentHelp("Folder of AWS CLI JSON outputs.", valueName: "dir"))
    var fromAWSCLI: String?

    @OptionGroup var live: LiveOptions

    @Option(name: .long, parsing: .upToNextOption, help: "Live only: only these environments (names, repeatable).")
    var environment: [String] = []

    @Option(name: .long, help: "Live only: CloudTrail look-back window in days.")
    var lookbackDays: Int = 90

    @Option(name: [.short, .long], help: ArgumentHelp("Snapshot file to write.", valueName: "file"))
    var output: String

    func validate() throws {
        if fromAWSCLI != nil && (!live.region.isEmpty || live.profile != nil || !environment.isEmpty) {
            throw ValidationError("--region, --profile and --environment apply to live collection only (not with --from-aws-cli)")
        }
        if lookbackDays < 1 { throw ValidationError("--lookback-days must be at least 1") }
    }

    func run() async throws {
        do {
            var inventory: Inventory
            if let fromAWSCLI {
                inventory = try SourceLoader.load(fromAWSCLI: fromAWSCLI, snapshot: nil)
            } else {
                inventory = try await LiveSource.collect(live, environments: environment, lookbackDays: lookbackDays)
            }
            inventory.source.toolVersion = EBGuardVersion.current
            let hash = try Snapshot.write(inventory, to: output)
            for problem in inventory.inputProblems { Console.error("skipped \(problem.file): \(problem.message)") }
            for gap in inventory.gaps where gap.reason != .notProvided { Console.error("could not read: \(gap.summary)") }
            Console.error("wrote \(output): \(inventory.environments.count) environment(s), sha256 \(hash)")
            if inventory.gaps.contains(where: { $0.reason != .notProvided }) { throw ExitCode(3) }
        } catch {
            throw CommandFailure.report(error)
        }
    }
}
