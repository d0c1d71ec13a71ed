import Inventory

/// Reads `.platform/hooks/**` and `.platform/confighooks/**` scripts: every non-blank line is
/// privileged code run as root on the instances (EB-RUN-004), and is scanned for secrets (EB-RUN-005).
enum HookReader {
    static func read(text: String, path: String, app: AppRoot?, kind: CodeArtifact.Kind) -> FileOutput {
        var output = FileOutput()
        if let app { output.app = AppContribution(root: app.display, folderName: app.folderName) }
        var lines: [CodeLine] = []
        var secrets: [LocatedSecret] = []
        for (index, line) in TextLines.split(text).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.isEmpty else { continue }
            let column = line.count - trimmed.count + 1
            lines.append(TextLines.codeLine(trimmed, context: "hook", file: path, line: index + 1, column: column))
            TextLines.scanSecrets(trimmed, file: path, line: index + 1, column: column, into: &secrets)
        }
        output.addArtifact(CodeArtifact(path: path, kind: kind, lines: lines, secrets: secrets))
        return output
    }
}
