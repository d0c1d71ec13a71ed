import Foundation
import Inventory

/// Finds secrets in values and lines of text, with the key they were assigned to as context.
///
/// Detection is hand-written (no regular expressions) because it runs over every environment
/// property of every environment in an audit. A value that references a secret store (a Secrets
/// Manager or SSM Parameter Store ARN, a CloudFormation `{{resolve:...}}` dynamic reference) is the
/// right way to pass a secret and is never reported.
public enum SecretScanner {
    /// Classifies a value assigned to `key` (an environment property, an option, a variable).
    /// Returns `nil` when the value does not look like a secret.
    public static func classify(value rawValue: String, key: String?) -> SecretHit? {
        let value = trimmed(rawValue)
        guard !value.isEmpty, !isReference(value), !isPlaceholder(value) else { return nil }
        if let hit = formatMatch(in: value, key: key) { return hit }
        if let key, KeyNames.isSensitive(key), looksLikeSecretValue(value) {
            if KeyNames.isAWSSecretKey(key) {
                return SecretHit(kind: .awsSecretAccessKey, key: key, redacted: Redaction.redact(value))
            }
            return SecretHit(kind: .sensitiveKey, key: key, redacted: Redaction.redact(value))
        }
        if key != nil, Entropy.isHighEntropyToken(value) {
            return SecretHit(kind: .highEntropy, key: key, redacted: Redaction.redact(value))
        }
        return nil
    }

    /// The value without the whitespace and quotes around it. Most values have none, and are
    /// returned as they are without asking Foundation.
    static func trimmed(_ value: String) -> String {
        func isTrimmed(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        if let first = value.utf8.first, let last = value.utf8.last, !isTrimmed(first), !isTrimmed(last) { return value }
        return value.trimmingCharacters(in: trimmedCharacters)
    }

    private static let trimmedCharacters = CharacterSet(charactersIn: " \t\r\n\"'")

    /// Scans one line of free text (a script line, a file content line): well-known token formats
    /// anywhere in it, and the value of an assignment (`KEY=value`, `KEY: value`, `"key": "value"`).
    /// Columns are 1-based offsets of the secret's first character.
    public static func scan(line: String) -> [(hit: SecretHit, column: Int)] {
        var results: [(hit: SecretHit, column: Int)] = []
        var seen = Set<String>()
        let assignment = Assignment.parse(line)
        for token in Tokenizer.tokens(in: line) {
            let key = (assignment?.valueRange.contains(token.offset) ?? false) ? assignment?.key : nil
            if let hit = formatMatch(in: token.text, key: key), seen.insert(hit.redacted).inserted {
                results.append((hit, token.offset + 1))
            }
        }
        if let assignment, results.isEmpty, let hit = classify(value: assignment.value, key: assignment.key) {
            results.append((hit, assignment.valueOffset + 1))
        }
        if line.contains("-----BEGIN"), line.contains("PRIVATE KEY"), !results.contains(where: { $0.hit.kind == .privateKey }) {
            let column = (line.range(of: "-----BEGIN").map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? 0) + 1
            results.append((SecretHit(kind: .privateKey, key: assignment?.key, redacted: "-----BEGIN PRIVATE KEY----- ****"), column))
        }
        return results
    }

    /// Returns the line with every secret found by `scan(line:)` replaced by its redacted form.
    public static func redactLine(_ line: String) -> String {
        var output = line
        let assignment = Assignment.parse(line)
        for token in Tokenizer.tokens(in: line) {
            let key = (assignment?.valueRange.contains(token.offset) ?? false) ? assignment?.key : nil
            if formatMatch(in: token.text, key: key) != nil {
                output = output.replacingOccurrences(of: token.text, with: Redaction.redact(token.text))
            }
        }
        if let assignment, classify(value: assignment.value, key: assignment.key) != nil {
            let bare = assignment.value.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            if !bare.isEmpty { output = output.replacingOccurrences(of: bare, with: Redaction.redact(bare)) }
        }
        if output.contains("PRIVATE KEY-----") {
            return Redaction.redactPrivateKey(output)
        }
        return output
    }

    /// True when the value points at a secret store instead of holding the secret.
    public static func isReference(_ value: String) -> Bool {
        let lower = value.lowercased()
        if lower.hasPrefix("{{resolve:") { return true }
        if lower.hasPrefix("arn:aws"), lower.contains(":secretsmanager:") || lower.contains(":ssm:") { return true }
        return false
    }

    /// True for obvious placeholders and interpolations: `${VAR}`, `$(cmd)`, `<password>`, `changeme`…
    static func isPlaceholder(_ value: String) -> Bool {
        if value.hasPrefix("${") || value.hasPrefix("$(") || value.hasPrefix("$") && value.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            return true
        }
        if value.hasPrefix("<"), value.hasSuffix(">") { return true }
        if value.hasPrefix("%"), value.hasSuffix("%") { return true }
        if value.hasPrefix("#{") || value.hasPrefix("{{") { return true }
        return false
    }

    /// Values under a sensitive key that are plainly not secrets: numbers, booleans, paths, very short words.
    static func looksLikeSecretValue(_ value: String) -> Bool {
        if value.count < 4 { return false }
        if value.allSatisfy({ $0.isNumber }) { return false }
        if ["true", "false", "yes", "no", "none", "null", "enabled", "disabled"].contains(value.lowercased()) { return false }
        if value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("~/") { return false }
        if value.hasPrefix("arn:aws") { return false }
        return true
    }

    /// Well-known formats, recognised without any key context.
    static func formatMatch(in value: String, key: String?) -> SecretHit? {
        if let kind = TokenFormats.kind(of: value) {
            if kind == .privateKey {
                return SecretHit(kind: kind, key: key, redacted: Redaction.redactPrivateKey(value))
            }
            return SecretHit(kind: kind, key: key, redacted: Redaction.redact(value))
        }
        if let credential = URLCredentials.password(in: value) {
            return SecretHit(kind: .passwordInURL, key: key, redacted: value.replacingOccurrences(of: credential, with: "****"))
        }
        if let key, KeyNames.isAWSSecretKey(key), value.count == 40, Entropy.isHighEntropyToken(value) {
            return SecretHit(kind: .awsSecretAccessKey, key: key, redacted: Redaction.redact(value))
        }
        return nil
    }
}
