import ArgumentParser
import Collect
import Foundation
import Inventory

/// `ebguard audit`: evaluate the catalog over an AWS CLI export folder or a snapshot.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit Elastic Beanstalk environments and report every control's verdict.",
        discussion: """
        Sources (choose one):
          --from-aws-cli DIR   a folder of `aws ... --output json` outputs; each file is recognised by its
                               content. `ebguard export-commands` prints the read-only commands that make one.
          --snapshot FILE      an inventory written by `ebguard collect`.

        A fact the source does not carry is reported as not-assessed with the reason (for example
        "no cloudtrail describe-trails data"), never as a pass. Malformed or unrecognised files are
        listed by name and skipped.

        Examples:
          ebguard audit --from-aws-cli ./ebguard-export
          ebguard audit --snapshot fleet.json --format json --output report.json --fail-on high
          ebguard audit --from-aws-cli ./export --environment shop-prod --control EB-RUN-001
        """)

    @Option(name: .customLong("from-aws-cli"), help: ArgumentHelp("Folder of AWS CLI JSON outputs.", valueName: "dir"))
    var fromAWSCLI: String?

    @Option(name: .long, help: ArgumentHelp("Snapshot file written by `ebguard collect`.", valueName: "file"))
    var snapshot: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Only these environments (names, repeatable).")
    var environment: [String] = []

    @OptionGroup var report: ReportOptions

    func validate() throws {
        if fromAWSCLI != nil && snapshot != nil { throw ValidationError("choose one source: --from-aws-cli or --snapshot") }
        if fromAWSCLI == nil && snapshot == nil {
            throw ValidationError("name a source: --from-aws-cli DIR or --snapshot FILE (live audits against AWS APIs are not in this build; `ebguard export-commands` prints the read-only AWS CLI commands to export an account)")
        }
    }

    func run() async throws {
        do {
            let inventory = try SourceLoader.load(fromAWSCLI: fromAWSCLI, snapshot: snapshot)
            throw try ReportPipeline.run(inventory, options: report, environments: environment)
        } catch let error as InputError {
            Console.error("ebguard: \(error)")
            throw ExitCode(2)
        } catch let error as CollectError {
            Console.error("ebguard: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Reads an inventory from one of the offline sources, with progress on a terminal.
enum SourceLoader {
    static func load(fromAWSCLI folder: String?, snapshot: String?) throws -> Inventory {
        if let folder {
            let inventory = try AWSCLIImporter().importFolder(folder) { done, total in
                Console.progress("reading \(folder): \(done)/\(total) files")
            }
            Console.endProgress()
            return inventory
        }
        if let snapshot { return try Snapshot.read(snapshot).inventory }
        throw InputError("no source")
    }
}
