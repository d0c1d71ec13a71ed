import Inventory

/// Recognisers for token formats that identify themselves by prefix and shape.
enum TokenFormats {
    static func kind(of value: String) -> SecretHit.Kind? {
        if TextSearch.contains(value, "-----BEGIN"), value.contains("PRIVATE KEY") { return .privateKey }
        let bytes = Array(value.utf8)
        if isAWSAccessKeyId(bytes) { return .awsAccessKeyId }
        if hasPrefix(bytes, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]), bytes.count >= 40, allAlphanumeric(bytes.dropFirst(4)) { return .githubToken }
        if hasPrefix(bytes, ["github_pat_"]), bytes.count >= 50 { return .githubToken }
        if hasPrefix(bytes, ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"]), bytes.count >= 20 { return .slackToken }
        if TextSearch.contains(value, "hooks.slack.com/services/T") { return .slackToken }
        if hasPrefix(bytes, ["sk_live_", "rk_live_", "sk_test_"]), bytes.count >= 24 { return .stripeKey }
        if hasPrefix(bytes, ["AIza"]), bytes.count == 39 { return .googleAPIKey }
        if isJWT(value) { return .jwt }
        return nil
    }

    /// 20 characters, upper-case letters and digits, with a credential prefix (AKIA long-term, ASIA temporary).
    static func isAWSAccessKeyId(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 20, hasPrefix(bytes, ["AKIA", "ASIA"]) else { return false }
        return bytes.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }
    }

    static func isJWT(_ value: String) -> Bool {
        guard value.hasPrefix("eyJ") else { return false }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].hasPrefix("eyJ"), parts.allSatisfy({ $0.count >= 2 }) else { return false }
        return parts.allSatisfy { part in part.utf8.allSatisfy { isBase64URL($0) } }
    }

    /// Compared in place: copying each prefix and each candidate into arrays cost more than the
    /// rest of a value's classification.
    static func hasPrefix(_ bytes: [UInt8], _ prefixes: [StaticString]) -> Bool {
        prefixes.contains { prefix in
            bytes.starts(with: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        }
    }

    static func allAlphanumeric<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 {
        bytes.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
    }

    static func isBase64URL(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 45 || byte == 95 || byte == 61
    }
}

/// Passwords embedded in URLs: `postgres://app:s3cret@db.example.com/app`.
enum URLCredentials {
    /// The password part, or `nil` when the value holds none (or only a placeholder).
    static func password(in value: String) -> String? {
        guard TextSearch.mayContain(value, "://"), TextSearch.mayContain(value, "@"), let scheme = TextSearch.range(of: "://", in: value) else { return nil }
        let rest = value[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return nil }
        let userInfo = rest[rest.startIndex..<at]
        // Foundation's search only where the byte is there: no other text is equivalent to "/".
        // In ASCII text every byte is a character of its own, so the byte answers alone.
        let slash = userInfo.utf8.contains(UInt8(ascii: "/")) && (userInfo.utf8.allSatisfy { $0 < 0x80 } || userInfo.contains("/"))
        guard !slash, let colon = userInfo.firstIndex(of: ":") else { return nil }
        let password = String(userInfo[userInfo.index(after: colon)...])
        guard !password.isEmpty, !SecretScanner.isPlaceholder(password) else { return nil }
        return password
    }
}

/// Key names that say the value is sensitive.
public enum KeyNames {
    static let sensitiveWords = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATE_KEY",
                                 "PRIVATEKEY", "ACCESS_KEY", "ACCESSKEY", "CREDENTIAL", "AUTH_KEY", "SIGNING_KEY", "ENCRYPTION_KEY",
                                 "CLIENT_SECRET", "CONNECTION_STRING", "DSN"]

    /// `RDS_PASSWORD`, `*_PASSWORD`, `*_SECRET`, `*_TOKEN`, `*_KEY` (but not `*_KEY_ID`, `*_KEY_NAME`, `*_KEY_ARN`).
    ///
    /// A key named just `Key` is not sensitive: in templates and policies it names things (a tag's
    /// `Key: team`, an S3 object key). A secret stored under it is still found by its format or
    /// its entropy.
    public static func isSensitive(_ key: String) -> Bool {
        answers.answer(key) { judge(key) }
    }

    /// Answers are remembered (bounded): an import asks about the same few property names in
    /// every environment.
    private static let answers = BoundedMemo<String, Bool>()

    private static func judge(_ key: String) -> Bool {
        let upper = key.uppercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
        if upper.hasSuffix("_ID") || upper.hasSuffix("_NAME") || upper.hasSuffix("_ARN") || upper.hasSuffix("_PATH")
            || upper.hasSuffix("_FILE") || upper.hasSuffix("_URL") && !upper.contains("DATABASE") || upper.hasSuffix("_TTL")
            || upper.hasSuffix("_LENGTH") || upper.hasSuffix("_EXPIRY") || upper.hasSuffix("_HEADER") {
            return false
        }
        if sensitiveWords.contains(where: { upper.contains($0) }) { return true }
        if upper.hasSuffix("_KEY") || upper == "PWD" || upper.hasSuffix("_PWD") || upper == "PASS" || upper.hasSuffix("_PASS") {
            return true
        }
        return false
    }

    /// Whether the upper-cased name holds `SECRET_ACCESS_KEY` or `SECRETACCESSKEY`, or both
    /// `SECRET_KEY` and `AWS`.
    ///
    /// Asked of every value classified with a key: an ASCII name (nearly all) is upper-cased and
    /// searched byte by byte, in place; only another name is upper-cased as Unicode (where, say,
    /// `ſ` becomes `S`) and searched by Foundation.
    static func isAWSSecretKey(_ key: String) -> Bool {
        var name = key
        let ascii = name.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { upper -> Bool in
                for index in bytes.indices { upper[index] = bytes[index] >= 0x61 && bytes[index] <= 0x7A ? bytes[index] - 0x20 : bytes[index] }
                let text = UnsafeBufferPointer(rebasing: upper[..<bytes.count])
                func holds(_ word: StaticString) -> Bool {
                    TextSearch.firstOffset(of: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount), in: text) != nil
                }
                return holds("SECRET_ACCESS_KEY") || holds("SECRETACCESSKEY") || holds("SECRET_KEY") && holds("AWS")
            }
        }
        if let ascii { return ascii }
        let upper = key.uppercased()
        return upper.contains("SECRET_ACCESS_KEY") || upper.contains("SECRETACCESSKEY") || upper.contains("SECRET_KEY") && upper.contains("AWS")
    }
}
