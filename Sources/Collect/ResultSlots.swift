import Foundation

/// Results of work spread over threads, one slot per item, read back in item order once all
/// the work is done: the order of an import's results must not depend on thread timing.
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// Every slot, `nil` where no result was set.
    func all() -> [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
