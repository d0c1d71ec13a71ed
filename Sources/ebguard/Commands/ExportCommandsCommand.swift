import ArgumentParser
import Collect
import Foundation

/// `ebguard export-commands`: the read-only AWS CLI commands that produce an export folder.
struct ExportCommandsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-commands",
        abstract: "Print a bash script of read-only AWS CLI commands that export what `audit --from-aws-cli` reads.",
        discussion: """
        Every command is a Describe/Get/List/Lookup call. Run the script where the AWS
        CLI has credentials; it writes one sub-folder per region and reports (and
        skips) any call that fails.

        Example:
          ebguard export-commands --region us-east-1 --region eu-west-1 > export.sh
          bash export.sh ./ebguard-export && ebguard audit --from-aws-cli
          ./ebguard-export
        """)

    @Option(name: .long, help: "Region to export (repeatable).")
    var region: [String] = []

    @Option(name: .long, help: "AWS CLI profile to use.")
    var profile: String?

    @Option(name: .long, help: "CloudTrail look-back window in days.")
    var lookbackDays: Int = 90

    func run() async throws {
        let regions = region.isEmpty ? [ProcessInfo.processInfo.environment["AWS_REGION"] ?? ProcessInfo.processInfo.environment["AWS_DEFAULT_REGION"] ?? "us-east-1"] : region
        for name in regions where !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            Console.error("ebguard: '\(name)' is not a region name")
            throw ExitCode(2)
        }
        print(ExportCommands.script(regions: regions, profile: profile, lookbackDays: lookbackDays), terminator: "")
    }
}
