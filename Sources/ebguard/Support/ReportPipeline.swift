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
        let exceptions = ExceptionsStep.load(config: options.config, recorder: recorder)
        // A JSON report is streamed: only the stored form of the findings is kept, for the store.
        if options.format == .json {
            let scope = RunRecorder.scope(inventory, environments: environments, controls: options.control)
            let code = try streamJSON(inventory, settings: settings, only: only, options: options, exceptions: exceptions,
                                      record: recorder?.store == nil ? nil : { stored in
                guard let recorded = recorder?.record(stored: stored, scope: scope) else { return }
                Console.error(ExceptionsStep.regressionText(recorded.drift), newline: false)
                Console.error("recorded run #\(recorded.run.id) in \(recorder?.store?.path ?? "the history store")")
            })
            if let problem = recorder?.problem { Console.error("ebguard: history not recorded: \(problem)") }
            return recorder?.failed == true ? ExitCode(2) : code
        }
        let evaluated = Catalog.standard.evaluate(inventory, settings: settings, only: only)
        let findings = ExceptionsStep.apply(exceptions, to: evaluated)
        let regressions = recorder.flatMap { $0.record(findings, scope: RunRecorder.scope(inventory, environments: environments, controls: options.control)) }
        let report = Report(findings: findings, inventory: inventory)
        let data: Data
        switch options.format {
        case .json: data = try JSONReport.render(report)
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

    /// The JSON report, written as the findings are evaluated: each batch of environments is
    /// rendered on the worker that evaluated it and written out in order, so neither the findings
    /// nor the report bytes of a large fleet are ever held whole. The bytes are those of
    /// `JSONReport.render`.
    ///
    /// With `record`, the stored form of every finding (no remediation text) is kept as the
    /// batches go by and handed over once the report is written.
    static func streamJSON(_ inventory: Inventory, settings: AuditSettings, only: Set<String>?, options: ReportOptions,
                           exceptions: [ExceptionRecord],
                           record: (([StoredFinding]) -> Void)? = nil) throws -> ExitCode {
        // Indented for people on a terminal; compact for files and pipes, where reports of large
        // fleets run to hundreds of megabytes.
        let stream = JSONReportStream(pretty: options.output == nil && Console.stdoutIsTerminal)
        let file = try ReportFile(path: options.output)
        file.write(stream.head())
        var tally = FindingTally()
        var wroteFindings = false
        let now = Date()
        let keep = record != nil
        var stored: [StoredFinding] = []
        Catalog.standard.evaluate(inventory, settings: settings, only: only, transform: { batch in
            var findings = consume batch
            if !exceptions.isEmpty { findings = Exceptions.apply(exceptions, to: findings, now: now) }
            // The stored form first: the fragment then takes the findings over (see `fragment`).
            let stored = keep ? findings.map(StoredFinding.init) : []
            return (stream.fragment(consume findings), stored)
        }, consume: { (fragment: JSONReportStream.Fragment, batchStored: [StoredFinding]) in
            stored.append(contentsOf: batchStored)
            tally.add(fragment.tally)
            guard !fragment.isEmpty else { return }
            if wroteFindings { file.write(stream.separator) }
            fragment.withBytes { file.write($0) }
            wroteFindings = true
        }, keep: { ProcessExit.keepUntilExit($0) })
        var report = Report(findings: [], inventory: inventory)
        report.summary = Summary(tally: tally, environments: inventory.environments.count)
        file.write(stream.tail(report, findingsWritten: wroteFindings))
        try file.finish()
        record?(stored)
        if inventory.environments.isEmpty { Console.error("ebguard: the source describes no Elastic Beanstalk environment") }
        ProcessExit.keepUntilExit(inventory)
        return ExitCode(ExitStatus.of(gaps: report.gaps, failing: tally.hasFailure(atOrAbove: options.failOn)).rawValue)
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

/// Values left for the operating system to reclaim when the process exits.
///
/// Why: the command ends right after its report is written; freeing the inventory of 10,000
/// environments (millions of strings and settings) one object at a time took a noticeable share
/// of the run and served nothing.
enum ProcessExit {
    private static let kept = KeptValues()

    static func keepUntilExit(_ value: Any) { kept.append(value) }

    private final class KeptValues: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Any] = []

        func append(_ value: Any) {
            lock.lock()
            values.append(value)
            lock.unlock()
        }
    }
}
