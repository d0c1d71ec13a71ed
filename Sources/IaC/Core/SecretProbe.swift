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
        return utf8.contains(UInt8(ascii: "@"))
    }

    /// `SecretScanner.classify`, skipped when it cannot find anything. Without `entropy`, values under
    /// a non-sensitive key are judged by token formats only (the key is still recorded in the hit).
    static func classify(value: String, key: String?, entropy: Bool = true) -> SecretHit? {
        let sensitive = key.map(isSensitive) ?? false
        if sensitive || (entropy && key != nil) {
            guard sensitive || mightHoldToken(value) else { return nil }
            return SecretScanner.classify(value: value, key: key)
        }
        guard mightHoldToken(value), var hit = SecretScanner.classify(value: value, key: nil) else { return nil }
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
