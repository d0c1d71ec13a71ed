import Foundation

/// A small thread-safe memo of a pure function's answers.
///
/// Why: an audit of thousands of roles meets the same few hundred action patterns (mostly from
/// AWS managed policies) over and over; classifying, scoping and matching each once keeps the
/// analyses cheap. Bounded, so hostile input cannot grow it without limit: when full it starts
/// again. (The policy engine has no dependencies, so it keeps its own copy of the memo the
/// importers and controls share from `Inventory`.)
final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Key: Value] = [:]
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The remembered answer for `key`, or `compute()`'s (computed outside the lock).
    func answer(_ key: Key, compute: () -> Value) -> Value {
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

/// Lower-cased pattern bytes as a dictionary key, hashed as one block.
///
/// Why: `[UInt8]`'s own hashing feeds the hasher one byte at a time; the memos above look up
/// several patterns for every statement of every role, so the key is hashed in bulk instead.
struct ByteKey: Hashable, Sendable {
    let bytes: [UInt8]
    /// Separates keyspaces that share one memo (0 unless the owner says otherwise).
    let space: UInt8

    init(_ bytes: [UInt8], space: UInt8 = 0) {
        self.bytes = bytes
        self.space = space
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(space)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
        lhs.space == rhs.space && lhs.bytes == rhs.bytes
    }
}
