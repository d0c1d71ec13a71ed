import ArgumentParser
import Controls
import Foundation

/// `ebguard explain ID`: one control in full.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one control: why it matters, how to fix it, and what passes or fails it.",
        discussion: "Example: ebguard explain EB-RUN-001")

    @Argument(help: "A control id, e.g. EB-RUN-001.")
    var id: String

    func run() async throws {
        guard let control = Catalog.standard.control(id: id) else {
            let close = Catalog.standard.controls.map(\.id).filter { $0.hasPrefix(String(id.uppercased().prefix(6))) }
            Console.error("ebguard: no control \(id)" + (close.isEmpty ? "" : "; did you mean \(close.prefix(5).joined(separator: ", "))?") + " (see `ebguard controls`)")
            throw ExitCode(2)
        }
        var lines = ["\(control.id) — \(control.title)", "Layer: \(control.layer.title)    Severity: \(control.severity.rawValue)", "", wrap(control.rationale), "", "Fix: " + control.remediation.summary]
        if let cli = control.remediation.cli { lines += ["", "  " + cli] }
        for command in control.remediation.commands { lines += ["  " + command] }
        if let snippet = control.remediation.ebextensions {
            lines += ["", "  .ebextensions/ebguard-\(control.id.lowercased()).config:"] + snippet.split(separator: "\n").map { "    " + $0 }
        }
        lines += ["", "Examples:"] + control.examples.map { "  \($0.expected.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \($0.description)" }
        lines += ["", "References:"] + control.references.map { "  \($0.kind.rawValue): \($0.text)" }
        print(lines.joined(separator: "\n"))
    }

    func wrap(_ text: String, width: Int = 96) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
