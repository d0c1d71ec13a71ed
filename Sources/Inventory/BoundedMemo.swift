import Foundation

/// A small thread-safe memo of a pure function's answers, shared by the importers and the
/// controls (files are mapped and environments evaluated concurrently). Bounded, so hostile input
/// cannot grow it without limit: when full it starts again.
///
/// `answer` is inlinable so that callers in other modules get it specialized for their key and
/// value types (generic dictionary lookups through type metadata cost more than the answers).
public final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var answers: [Key: Value] = [:]
    @usableFromInline let capacity: Int

    public init(capacity: Int = 50_000) { self.capacity = capacity }

    /// The remembered answer for `key`, or `compute()`'s (computed outside the lock).
    @inlinable public func answer(_ key: Key, compute: () -> Value) -> Value {
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
