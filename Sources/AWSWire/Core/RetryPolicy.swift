import Foundation

/// How failed calls are retried: full-jitter exponential backoff, bounded in attempts and time.
///
/// Throttling, HTTP 5xx/429 and connection failures are retried; access denied and validation
/// errors are not. Only read operations (and STS credential calls) are retried unless
/// `retryNonIdempotent` is set, because a retried write could be applied twice.
public struct RetryPolicy: Sendable {
    /// Total attempts including the first (default 5).
    public var maxAttempts: Int
    /// The backoff base: attempt n waits a random time in 0…min(maxDelay, base·2ⁿ⁻¹).
    public var baseDelay: TimeInterval
    /// The cap of one wait, also applied to `Retry-After`.
    public var maxDelay: TimeInterval
    /// The cap of the whole call including waits; no retry starts after it.
    public var maxTotalTime: TimeInterval
    /// Whether operations that are not Describe/Get/List/Lookup are retried too.
    public var retryNonIdempotent: Bool
    /// The random source in [0, 1) (injectable for deterministic tests).
    public var random: @Sendable () -> Double

    /// Creates a policy.
    public init(maxAttempts: Int = 5, baseDelay: TimeInterval = 0.2, maxDelay: TimeInterval = 20, maxTotalTime: TimeInterval = 120,
                retryNonIdempotent: Bool = false, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalTime = maxTotalTime
        self.retryNonIdempotent = retryNonIdempotent
        self.random = random
    }

    /// The defaults: 5 attempts, 0.2 s base, 20 s cap, 2 minutes in total.
    public static let standard = RetryPolicy()

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1` (attempt counts from 1). `Retry-After` raises the
    /// wait to at least what the server asked, still capped by `maxDelay`.
    public func delay(afterAttempt attempt: Int, retryAfter: TimeInterval? = nil) -> TimeInterval {
        let exponent = min(attempt - 1, 30)
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(exponent)))
        let jittered = random() * ceiling
        if let retryAfter { return min(maxDelay, max(jittered, retryAfter)) }
        return jittered
    }

    /// Parses `Retry-After`: delta seconds or an HTTP date.
    public static func parseRetryAfter(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
