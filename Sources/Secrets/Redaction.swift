/// Redaction: the one way a secret value is ever shown.
public enum Redaction {
    /// Redacts a value, keeping just enough to recognise it: `AKIAIOSFODNN7EXAMPLE` → `AKIA****MPLE`.
    ///
    /// Values under 20 characters keep at most a 4-character prefix (under 12, nothing), so that a
    /// short password is never mostly revealed.
    public static func redact(_ value: String) -> String {
        let characters = Array(value)
        if characters.count >= 20 {
            return String(characters.prefix(4)) + "****" + String(characters.suffix(4))
        }
        if characters.count >= 12 {
            return String(characters.prefix(4)) + "****"
        }
        return "****"
    }

    /// Redacts a private key block, keeping its header line.
    static func redactPrivateKey(_ value: String) -> String {
        if let header = value.split(separator: "\n").first, header.hasPrefix("-----BEGIN") {
            return String(header) + " ****"
        }
        return "-----BEGIN PRIVATE KEY----- ****"
    }
}
