import ArgumentParser
import Foundation
import IaC

/// `ebguard scan`: infrastructure-as-code, `.ebextensions`, platform hooks and source bundles.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan CloudFormation, Terraform, .ebextensions, platform hooks, saved configs and source bundles.",
        discussion: """
        Folders are walked, hidden ones included (.ebextensions, .platform and
        .elasticbeanstalk live there). Each finding carries the file, line and column
        of the fact that decided it. Where several sources set one option for an
        environment, Elastic Beanstalk's precedence applies (settings applied directly
        > saved configurations > .ebextensions > defaults) and the finding says which
        one won. Values that cannot be resolved statically are not-assessed, never a
        pass.

        Suppress a finding on a line or resource with a reason:
          # ebguard:ignore EB-NET-010 reason: bastion-only
        A suppression without a reason suppresses nothing and is itself reported.

        Examples:
          ebguard scan infra/ app/
          ebguard scan . --format sarif --output ebguard.sarif --fail-on high
        """)

    @Argument(help: "Files and folders to scan.")
    var paths: [String]

    @OptionGroup var report: ReportOptions

    func run() async throws {
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            Console.error("ebguard: \(path): no such file or folder")
            throw ExitCode(2)
        }
        do {
            var inventory = IaCScanner().scan(paths: paths)
            inventory.source.location = paths.joined(separator: " ")
            throw try ReportPipeline.run(inventory, options: report)
        } catch let error as InputError {
            Console.error("ebguard: \(error)")
            throw ExitCode(2)
        }
    }
}
