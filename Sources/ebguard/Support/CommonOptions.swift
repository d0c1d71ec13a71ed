import ArgumentParser
import Controls
import Foundation

/// Output formats of finding reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}

extension Severity: ExpressibleByArgument {}

/// Options shared by every command that reports findings.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text (grouped, coloured on a terminal) or json (stable schema, see docs/json-report.md).")
    var format: ReportFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the run exit 1: info, low, medium, high, critical.")
    var failOn: Severity = .low

    @Flag(name: .shortAndLong, help: "Text format: also list passing and not-applicable controls.")
    var verbose = false

    @Option(name: .long, help: "Organisation settings (ebguard.yml): production patterns, operator roles, naming scheme, allow-lists.")
    var config: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Only these controls (ids, repeatable).")
    var control: [String] = []
}

/// A failure to report to the user with exit code 2 (usage or input error).
struct InputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes to standard error.
enum Console {
    static func error(_ text: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A progress line on standard error, only on a terminal (rewritten in place).
    static func progress(_ text: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    }

    static func endProgress() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
