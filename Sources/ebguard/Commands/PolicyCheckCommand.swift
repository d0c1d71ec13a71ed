import ArgumentParser
import Controls
import Foundation
import Inventory
import Reporting

/// `ebguard policy check FILE...`: the Layer 1 analyses over loose IAM policy JSON files, for CI.
struct PolicyCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check IAM policy JSON files: admin access, wildcards, escalation paths, secret reads, trust, unknown actions.",
        discussion: """
        Each file holds one policy document (plain or URL-encoded JSON). Identity
        policies get EB-IAM-003 (administrative access), EB-IAM-004 (service-wide
        wildcards on *), EB-IAM-005 (privilege-escalation paths) and EB-IAM-011
        (secret reads on *). A document with Principal or NotPrincipal is a trust or
        resource policy: it gets EB-IAM-007 (trust) and EB-POLICY-002 (granted to
        everyone). Every document gets EB-POLICY-001 (unknown services or actions,
        which IAM silently ignores). Folders are searched for *.json files (hidden
        folders skipped).

        Files that are not valid policies are listed with the file, line and JSON path
        and skipped; the run exits 2 only when no file could be read at all.

        Examples:
          ebguard policy check iam/policies --fail-on high
          ebguard policy check role.json trust.json --account 111122223333 --format json
        """)

    @Argument(help: "Policy files and folders.")
    var paths: [String]

    @Option(name: .long, help: "Output format: text, json (docs/json-report.md) or sarif.")
    var format: ReportFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the run exit 1: info, low, medium, high, critical.")
    var failOn: Severity = .low

    @Flag(name: .shortAndLong, help: "Text format: also list passing checks.")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("The policies' own account id: trust in other accounts without a condition is flagged.", valueName: "id"))
    var account: String?

    func run() async throws {
        let (files, listingProblems) = PolicyFiles.expand(paths)
        let checker = PolicyFileChecker(ownAccount: account)
        let results = await Self.check(files, with: checker)
        var findings: [Finding] = []
        var problems = listingProblems
        for result in results {
            switch result {
            case let .success(found): findings += found
            case let .failure(problem): problems.append(problem)
            }
        }
        let readable = results.count { if case .success = $0 { true } else { false } }
        if readable == 0 || format != .text || output != nil {
            for problem in problems { Console.error("ebguard: \(Self.describe(problem))") }
        }
        guard readable > 0 else {
            Console.error("ebguard: no policy file could be read")
            throw ExitCode(2)
        }
        var inventory = Inventory(source: InventorySource(kind: "policy-files", location: paths.joined(separator: " "),
                                                          toolVersion: EBGuardVersion.current, collectedAt: Date()))
        inventory.inputProblems = problems
        let report = Report(findings: findings, inventory: inventory)
        do {
            try ReportPipeline.write(try render(report), to: output)
        } catch let error as InputError {
            Console.error("ebguard: \(error)")
            throw ExitCode(2)
        }
        throw ExitCode(ExitStatus.of(report, failOn: failOn).rawValue)
    }

    func render(_ report: Report) throws -> Data {
        switch format {
        case .json: return try JSONReport.render(report)
        case .sarif: return try SARIFReport.render(report, catalog: Catalog.standard)
        case .text:
            let colour = output == nil && Console.stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            return Data(TextReport(colour: colour, verbose: verbose).render(report).utf8)
        }
    }

    /// `file:line:column: message`.
    static func describe(_ problem: InputProblem) -> String {
        let position = [problem.line, problem.column].compactMap { $0 }.map(String.init).joined(separator: ":")
        return problem.file + (position.isEmpty ? "" : ":" + position) + ": " + problem.message
    }

    /// Reads and checks the files on every core, keeping their order.
    static func check(_ files: [String], with checker: PolicyFileChecker) async -> [Result<[Finding], InputProblem>] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, files.count))
        return await withTaskGroup(of: [(Int, Result<[Finding], InputProblem>)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    stride(from: worker, to: files.count, by: workers).map { index in
                        let file = files[index]
                        guard let data = FileManager.default.contents(atPath: file) else {
                            return (index, .failure(InputProblem(file: file, message: "cannot read the file")))
                        }
                        return (index, checker.check(file: file, data: data))
                    }
                }
            }
            var ordered = [Result<[Finding], InputProblem>?](repeating: nil, count: files.count)
            for await chunk in group {
                for (index, result) in chunk { ordered[index] = result }
            }
            return ordered.compactMap { $0 }
        }
    }
}
