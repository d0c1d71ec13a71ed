import ArgumentParser
import Collect
import Foundation
import IAMPolicy
import Inventory
import LiveCollect

/// `ebguard audit`: evaluate the catalog over live AWS APIs, an AWS CLI export folder or a snapshot.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit Elastic Beanstalk environments and report every control's verdict.",
        discussion: """
        Sources (default: live AWS APIs):
          (none)               read the account live, read-only
                               (Describe/Get/List/Lookup calls only), with the
                               standard credential chain; --region (repeatable, or
                               `all`), --profile. AWS_ENDPOINT_URL points it at
                               another endpoint.
          --from-aws-cli DIR   a folder of `aws ... --output json` outputs; each file
                               is recognised by its content. `ebguard export-commands`
                               prints the read-only commands that make one.
          --snapshot FILE      an inventory written by `ebguard collect`.

        A fact the source does not carry, or that AWS refused (access denied,
        throttled), is reported as not-assessed with the reason (for example
        "iam:GetAccountAuthorizationDetails denied"), never as a pass; the run then
        exits 3.

        Every run is recorded in the history store (--store; default
        ~/.local/share/ebguard/history.sqlite; --no-store to skip): regressions since
        the previous run of the same scope are printed first, and exceptions from the
        store and ebguard.yml turn matching failures into `suppressed` findings that
        stay in the report.

        Examples:
          ebguard audit --region us-east-1 --region eu-west-1
          ebguard audit --profile audit --region all --format json -o report.json
          ebguard audit --from-aws-cli ./ebguard-export
          ebguard audit --snapshot fleet.json --fail-on high --environment shop-prod
        """)

    @Option(name: .customLong("from-aws-cli"), help: ArgumentHelp("Folder of AWS CLI JSON outputs.", valueName: "dir"))
    var fromAWSCLI: String?

    @Option(name: .long, help: ArgumentHelp("Snapshot file written by `ebguard collect`.", valueName: "file"))
    var snapshot: String?

    @OptionGroup var live: LiveOptions

    @Option(name: .long, parsing: .upToNextOption, help: "Only these environments (names, repeatable).")
    var environment: [String] = []

    @OptionGroup var report: ReportOptions

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .customLong("no-store"), help: "Do not record this run in the history store (no regressions shown).")
    var noStore = false

    func validate() throws {
        if fromAWSCLI != nil && snapshot != nil { throw ValidationError("choose one source: --from-aws-cli or --snapshot") }
        if (fromAWSCLI != nil || snapshot != nil) && (!live.region.isEmpty || live.profile != nil) {
            throw ValidationError("--region and --profile apply to live audits only (not with --from-aws-cli or --snapshot)")
        }
    }

    func run() async throws {
        // The action catalog and the AWS managed policies that the IAM controls share load on a
        // spare thread while the source is read: loaded when the evaluation starts, they kept the
        // evaluation's threads waiting for one core to parse them.
        DispatchQueue.global(qos: .userInitiated).async { PolicyAnalysis.loadSharedData() }
        do {
            let inventory: Inventory
            var snapshotHash: String?
            let source: String
            if fromAWSCLI == nil && snapshot == nil {
                let settings = try ConfigFile.settings(path: report.config)
                inventory = try await LiveSource.collect(live, environments: environment, lookbackDays: settings.lookbackDays)
                source = "live " + (inventory.source.regions ?? live.region).joined(separator: ",")
            } else if let snapshot {
                // The hash ties a stored run to its evidence; without a store it is not worth reading twice.
                if noStore { inventory = try Snapshot.readInventory(snapshot) } else { (inventory, snapshotHash) = try Snapshot.read(snapshot) }
                source = "snapshot \(snapshot)"
            } else {
                inventory = try SourceLoader.load(fromAWSCLI: fromAWSCLI, snapshot: nil)
                source = "aws-cli \(fromAWSCLI ?? "")"
            }
            let recorder = RunRecorder(options: storeOptions, disabled: noStore, source: source, snapshotHash: snapshotHash)
            throw try ReportPipeline.run(inventory, options: report, environments: environment, recorder: recorder)
        } catch {
            throw CommandFailure.report(error, liveHint: "to audit without AWS access: --from-aws-cli DIR or --snapshot FILE")
        }
    }
}

/// Reads an inventory from one of the offline sources, with progress on a terminal.
enum SourceLoader {
    static func load(fromAWSCLI folder: String?, snapshot: String?) throws -> Inventory {
        if let folder {
            // Every command ends soon after reading its source: what the import no longer needs is
            // left for the process's exit to reclaim.
            let inventory = try AWSCLIImporter().importFolder(folder, progress: { done, total in
                Console.progress("reading \(folder): \(done)/\(total) files")
            }, keepingScratch: ProcessExit.keepUntilExit)
            Console.endProgress()
            return inventory
        }
        if let snapshot { return try Snapshot.readInventory(snapshot) }
        throw InputError("no source")
    }
}
