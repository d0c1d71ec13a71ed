import ArgumentParser
import Collect
import Foundation
import Reporting

/// `ebguard collect`: normalize a source into a snapshot file.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Write a snapshot: the normalized inventory, for audits without credentials and as evidence.",
        discussion: """
        The snapshot records every fact that was seen (and, for each fact that was not, why), with
        secret-looking values already redacted. Its SHA-256 is printed so it can be quoted as evidence.

        Example:
          ebguard collect --from-aws-cli ./ebguard-export -o fleet.json
          ebguard audit --snapshot fleet.json
        """)

    @Option(name: .customLong("from-aws-cli"), help: ArgumentHelp("Folder of AWS CLI JSON outputs.", valueName: "dir"))
    var fromAWSCLI: String

    @Option(name: [.short, .long], help: ArgumentHelp("Snapshot file to write.", valueName: "file"))
    var output: String

    func run() async throws {
        do {
            var inventory = try SourceLoader.load(fromAWSCLI: fromAWSCLI, snapshot: nil)
            inventory.source.toolVersion = EBGuardVersion.current
            let hash = try Snapshot.write(inventory, to: output)
            for problem in inventory.inputProblems { Console.error("skipped \(problem.file): \(problem.message)") }
            Console.error("wrote \(output): \(inventory.environments.count) environment(s), sha256 \(hash)")
        } catch let error as CollectError {
            Console.error("ebguard: \(error)")
            throw ExitCode(2)
        } catch let error as InputError {
            Console.error("ebguard: \(error)")
            throw ExitCode(2)
        }
    }
}
