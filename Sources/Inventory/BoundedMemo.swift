import Foundation

/// A small thread-safe memo of a pure function's answers, shared by the importers and the
/// controls (files are mapped and environments evaluated concurrently). Bounded, so hostile input
/// cannot grow it without limit: when full it starts again.
public final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Key: Value] = [:]
    private let capacity: Int

    public init(capacity: Int = 50_000) { self.capacity = capacity }

    /// The remembered answer for `key`, or `compute()`'s (computed outside the lock).
    public func answer(_ key: Key, compute: () -> Value) -> Value {
        lock.lock()
        if let known = answers[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let value = compute()
        lock.lock()
        if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
        answers[key] = value
        lock.unlock()
        return value
    }
}
