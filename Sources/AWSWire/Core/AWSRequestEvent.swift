import Foundation

/// One attempt of one API call, reported to the client's hook (progress, call counts, logs).
///
/// Carries no headers, bodies or credentials: only what is safe to print.
public struct AWSRequestEvent: Sendable {
    /// What happened.
    public enum Phase: Sendable, Hashable {
        /// The attempt is about to be sent.
        case sending
        /// An answer arrived with this HTTP status.
        case received(status: Int)
        /// The attempt failed before an answer (connection error, timeout).
        case failed(reason: String)
        /// The client will wait this long and try again.
        case retrying(after: TimeInterval)
    }

    /// The operation.
    public let operation: AWSOperation
    /// The attempt number, from 1.
    public let attempt: Int
    /// The phase.
    public let phase: Phase
    /// The region the call goes to.
    public let region: String
}

/// Counts API calls per service and operation: hook it into a client to show progress or to
/// prove from a run's log which calls an audit made.
public final class AWSCallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var perOperation: [String: Int] = [:]

    /// Creates an empty counter.
    public init() {}

    /// The hook to pass as `AWSClient.Configuration.hook`; counts each `.sending` attempt.
    public var hook: @Sendable (AWSRequestEvent) -> Void {
        { [self] event in
            guard case .sending = event.phase else { return }
            lock.lock()
            perOperation[event.operation.description, default: 0] += 1
            lock.unlock()
        }
    }

    /// Attempts per `service:Operation`.
    public var byOperation: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return perOperation
    }

    /// Attempts per service (IAM action prefix).
    public var byService: [String: Int] {
        var out: [String: Int] = [:]
        for (key, count) in byOperation { out[String(key.split(separator: ":").first ?? ""), default: 0] += count }
        return out
    }

    /// All attempts.
    public var total: Int { byOperation.values.reduce(0, +) }
}
