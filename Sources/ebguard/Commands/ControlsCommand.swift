import ArgumentParser
import Controls
import Foundation

/// `ebguard controls`: the catalog, generated from the control declarations.
struct ControlsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controls",
        abstract: "List the control catalog (id, layer, severity, title).",
        discussion: """
        `--format json` lists every control with its full metadata: rationale,
        references, remediation and examples.
        """)

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(help: "text or json.")
    var format: Format = .text

    @Option(help: "Only this layer: identity, network, data, runtime, detection.")
    var layer: Layer?

    func run() async throws {
        let controls = Catalog.standard.controls.filter { layer == nil || $0.layer == layer }
        switch format {
        case .json:
            let data = try JSONSerialization.data(withJSONObject: controls.map(ControlDescription.json), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            FileHandle.standardOutput.write(data)
            print()
        case .text:
            var current: Layer?
            for control in controls {
                if control.layer != current {
                    if current != nil { print() }
                    print(control.layer.title)
                    current = control.layer
                }
                print("  \(control.id.padding(toLength: 12, withPad: " ", startingAt: 0)) \(control.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(control.title)")
            }
            print("\n\(controls.count) controls. `ebguard explain ID` for one in full.")
        }
    }
}

extension Layer: ExpressibleByArgument {}

/// The JSON and text descriptions of a control, generated from its declaration.
enum ControlDescription {
    static func json(_ control: Control) -> [String: Any] {
        var remediation: [String: Any] = ["summary": control.remediation.summary, "commands": control.remediation.commands,
                                          "optionSettings": control.remediation.optionSettings.map { ["namespace": $0.namespace, "optionName": $0.optionName, "value": $0.value] }]
        if let cli = control.remediation.cli { remediation["cli"] = cli }
        if let snippet = control.remediation.ebextensions { remediation["ebextensions"] = snippet }
        return [
            "id": control.id, "layer": control.layer.rawValue, "severity": control.severity.rawValue, "title": control.title,
            "rationale": control.rationale,
            "references": control.references.map { ["kind": $0.kind.rawValue, "text": $0.text] },
            "remediation": remediation,
            "examples": control.examples.map { ["description": $0.description, "verdict": $0.expected.rawValue] },
        ]
    }
}
