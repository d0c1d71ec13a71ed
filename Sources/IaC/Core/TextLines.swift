import Inventory
import Secrets

/// Line-oriented helpers for free text: scripts, hook files, `files:` contents, bundle files.
enum TextLines {
    /// Splits text into lines without their terminators (`\n` or `\r\n`).
    static func split(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
    }

    /// Scans a line for secrets, appending located ones; `column` is where the line's text starts.
    static func scanSecrets(_ line: Substring, file: String, line number: Int, column: Int = 1, into secrets: inout [LocatedSecret]) {
        guard mayHoldSecret(line) else { return }
        for (hit, offset) in SecretScanner.scan(line: String(line)) {
            secrets.append(LocatedSecret(hit: hit, origin: .file(file, line: number, column: column + offset - 1)))
        }
    }

    /// A `CodeLine` with secrets redacted.
    static func codeLine(_ line: Substring, context: String, file: String, line number: Int, column: Int = 1) -> CodeLine {
        let text = String(line)
        return CodeLine(text: mayHoldSecret(line) ? SecretScanner.redactLine(text) : text, context: context,
                        origin: .file(file, line: number, column: column))
    }

    /// A cheap pre-filter: lines too short to hold any recognised secret are skipped.
    static func mayHoldSecret(_ line: Substring) -> Bool {
        line.utf8.count >= 8
    }
}
