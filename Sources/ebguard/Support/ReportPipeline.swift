import ArgumentParser
import Controls
import Foundation
import History
import Inventory
import Reporting

/// Evaluate → render → write → exit code: the tail every finding-reporting command shares.
enum ReportPipeline {
    static func run(_ inventory: Inventory, options: ReportOptions, environments: [String] = [], recorder: RunRecorder? = nil) throws -> ExitCode {
        let settings = try ConfigFile.settings(path: options.config)
        var inventory = inventory
        if !environments.isEmpty {
            let wanted = Set(environments)
            let unknown = wanted.subtracting(inventory.environments.map(\.name))
            if !unknown.isEmpty { Console.error("ebguard: no environment named \(unknown.sorted().joined(separator: ", ")) in the source") }
            inventory.environments = inventory.environments.filter { wanted.contains($0.name) }
        }
        var only: Set<String>?
        if !options.control.isEmpty {
            let ids = Set(options.control.map { $0.uppercased() })
            let unknown = ids.filter { Catalog.standard.control(id: $0) == nil }
            if !unknown.isEmpty { throw InputError("unknown control id(s): \(unknown.sorted().joined(separator: ", ")) (see `ebguard controls`)") }
            only = ids
        }
        let evaluated = Catalog.standard.evaluate(inventory, settings: settings, only: only)
        let findings = ExceptionsStep.apply(to: evaluated, config: options.config, recorder: recorder)
        let regressions = recorder.flatMap { $0.record(findings, scope: RunRecorder.scope(inventory, environments: environments, controls: options.control)) }
        let report = Report(findings: findings, inventory: inventory)
        let data: Data
        switch options.format {
        // Indented for people on a terminal; compact for files and pipes, where reports of large
        // fleets run to hundreds of megabytes.
        case .json: data = try JSONReport.render(report, pretty: options.output == nil && Console.stdoutIsTerminal)
        case .text:
            let colour = options.output == nil && Console.stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            data = Data((ExceptionsStep.regressionText(regressions?.drift) + TextReport(colour: colour, verbose: options.verbose).render(report)).utf8)
        case .sarif: data = try SARIFReport.render(report, catalog: Catalog.standard)
        }
        if options.format != .text || options.output != nil { Console.error(ExceptionsStep.regressionText(regressions?.drift), newline: false) }
        try write(data, to: options.output)
        if let run = regressions?.run { Console.error("recorded run #\(run.id) in \(recorder?.store?.path ?? "the history store")") }
        if recorder?.failed == true { return ExitCode(2) }
        if inventory.environments.isEmpty { Console.error("ebguard: the source describes no Elastic Beanstalk environment") }
        return ExitCode(ExitStatus.of(report, failOn: options.failOn).rawValue)
    }

    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw InputError("\(path): cannot write the report: \(error.localizedDescription)")
        }
    }
}
