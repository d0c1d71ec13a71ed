import Crypto
import Foundation

/// Caches derived signing keys per date, region and service.
///
/// Deriving the key costs four HMACs; it only changes when the UTC date changes, so one entry
/// per scope is kept (bounded, oldest dropped). A lock rather than an actor keeps `sign`
/// synchronous, which it must be to be usable from non-async code and tests.
final class SigningKeyCache: @unchecked Sendable {
    private let secret: [UInt8]
    private let lock = NSLock()
    private var keys: [String: SymmetricKey] = [:]
    private var order: [String] = []
    private static let capacity = 8

    init(secretAccessKey: String) {
        self.secret = Array("AWS4\(secretAccessKey)".utf8)
    }

    /// The signing key for a scope, derived once and then served from the cache.
    func key(dateStamp: String, region: String, service: String) -> SymmetricKey {
        let scope = "\(dateStamp)/\(region)/\(service)"
        lock.lock()
        defer { lock.unlock() }
        if let key = keys[scope] { return key }
        let key = Self.derive(secret: secret, dateStamp: dateStamp, region: region, service: service)
        keys[scope] = key
        order.append(scope)
        if order.count > Self.capacity { keys[order.removeFirst()] = nil }
        return key
    }

    /// How many keys are cached (for tests of the cache itself).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return keys.count
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    static func derive(secret: [UInt8], dateStamp: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: secret)
        for part in [dateStamp, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }
}
