import Foundation
import Inventory
import Secrets

/// A fast front for `SecretScanner.classify` when walking thousands of scalars.
///
/// Two facts make most calls unnecessary: whether a key names something sensitive depends only on
/// the key (cached process-wide: templates repeat the same few hundred keys), and every recognised
/// token format and high-entropy token is at least 20 characters long, except JWTs (`eyJ…`) and
/// passwords in URLs (`…://user:pass@…`). A short value under a non-sensitive key is skipped.
enum SecretProbe {
    private static let cache = KeyCache()

    /// True when `SecretScanner` treats values under `key` as sensitive (`DB_PASSWORD`, `SecretKey`).
    static func isSensitive(_ key: String) -> Bool {
        if let known = cache.get(key) { return known }
        let sensitive = SecretScanner.classify(value: "zqxprobevaluezqx", key: key) != nil
        cache.set(key, sensitive)
        return sensitive
    }

    /// True when `value` is long enough, or shaped, to match a token format or the entropy rule.
    static func mightHoldToken(_ value: String) -> Bool {
        let utf8 = value.utf8
        if utf8.count >= 20 { return true }
        if utf8.starts(with: "eyJ".utf8) { return true }
        return utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "@")) } ?? utf8.contains(UInt8(ascii: "@"))
    }

    /// True when `value` could match one of `SecretScanner`'s token formats: it mentions a private
    /// key, a Slack webhook or a URL with user info, or (after leading quotes and spaces) starts
    /// with a known token prefix. Mirrors `TokenFormats` in the Secrets module; the tests check
    /// that every format's sample still passes this filter.
    static func mightMatchFormat(_ value: String) -> Bool {
        if let answer = value.utf8.withContiguousStorageIfAvailable(mightMatchFormat(bytes:)) { return answer }
        return Array(value.utf8).withUnsafeBufferPointer(mightMatchFormat(bytes:))
    }

    private static func mightMatchFormat(bytes utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < utf8.count, utf8[start] == 0x20 || utf8[start] == 0x22 || utf8[start] == 0x27 || utf8[start] == 0x09 { start += 1 }
        if start < utf8.count, tokenPrefixStarts.contains(utf8[start]) {
            let head = utf8[start...]
            for prefix in tokenPrefixes where head.starts(with: prefix) { return true }
        }
        var sawScheme = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "@"): if sawScheme { return true }
            case UInt8(ascii: "/"): if previous == (UInt8(ascii: ":"), UInt8(ascii: "/")) { sawScheme = true } // "://"
            case UInt8(ascii: "-"): if previous == (UInt8(ascii: "-"), UInt8(ascii: "-")) { return true } // "-----BEGIN"
            case UInt8(ascii: "."): if previous == (UInt8(ascii: "k"), UInt8(ascii: "s")) { return true } // "hooks.slack"
            default: break
            }
            previous = (previous.1, byte)
        }
        return false
    }

    /// `SecretScanner.classify` (a pure function of value and key), remembered for short values:
    /// templates repeat the same values under sensitive keys (tag `Key`s, parameter references),
    /// and the classification trims, lowercases and matches every token format each time.
    private static func remembered(value: String, key: String?) -> SecretHit? {
        guard value.utf8.count <= rememberedValueLength else { return SecretScanner.classify(value: value, key: key) }
        return answers.answer(Question(value: value, key: key)) { SecretScanner.classify(value: value, key: key) }
    }

    private struct Question: Hashable, Sendable {
        var value: String
        var key: String?
    }

    private static let rememberedValueLength = 256
    private static let answers = BoundedMemo<Question, SecretHit?>(capacity: 20_000)

    /// The first bytes of `tokenPrefixes`: most values start with none of them.
    private static let tokenPrefixStarts = ByteSet(String(decoding: tokenPrefixes.compactMap(\.first), as: UTF8.self))

    private static let tokenPrefixes: [[UInt8]] = ["AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xoxb-", "xoxp-", "xoxa-",
                                                  "xoxr-", "xoxs-", "sk_live_", "rk_live_", "sk_test_", "AIza", "eyJ"].map { Array($0.utf8) }

    /// `SecretScanner.classify`, skipped when it cannot find anything. Without `entropy`, values under
    /// a non-sensitive key are judged by token formats only (the key is still recorded in the hit).
    static func classify(value: String, key: String?, entropy: Bool = true) -> SecretHit? {
        let sensitive = key.map(isSensitive) ?? false
        if sensitive || (entropy && key != nil) {
            guard sensitive || mightHoldToken(value) else { return nil }
            return remembered(value: value, key: key)
        }
        guard mightHoldToken(value), mightMatchFormat(value), var hit = remembered(value: value, key: nil) else { return nil }
        hit.key = key
        return hit
    }
}

/// A lock-protected dictionary: read far more often than written.
private final class KeyCache: @unchecked Sendable {
    private var values: [String: Bool] = [:]
    private let lock = NSLock()

    func get(_ key: String) -> Bool? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    func set(_ key: String, _ value: Bool) {
        lock.lock()
        values[key] = value
        lock.unlock()
    }
}
