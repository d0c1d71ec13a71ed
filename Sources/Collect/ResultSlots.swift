import Foundation

/// Results of work spread over threads, one slot per item, read back in item order: the order
/// of an import's results must not depend on thread timing.
final class ResultSlots<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Value?]
    /// The slots a waiting `take` needs set before it goes on (`nil`: no one waits).
    private var awaited: (first: Int, last: Int)?

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        condition.lock()
        slots[index] = value
        if let awaited, index == awaited.first || index == awaited.last { condition.signal() }
        condition.unlock()
    }

    /// Every slot, `nil` where no result was set.
    func all() -> [Value?] {
        condition.lock()
        defer { condition.unlock() }
        return slots
    }

    /// Slot `index`'s value, waiting until it is set, and the slot emptied: one consumer takes
    /// the results in item order while later items are still being worked on.
    ///
    /// When it has to wait, it waits for the `batch - 1` slots after `index` too (as far as there
    /// are): work is handed out in item order, so those are then mostly set as well, and a consumer
    /// faster than the workers wakes once per batch instead of once per item.
    func take(_ index: Int, batch: Int = 1) -> Value {
        condition.lock()
        defer { condition.unlock() }
        if slots[index] == nil {
            let last = min(index + max(1, batch), slots.count) - 1
            awaited = (index, last)
            while slots[index] == nil || slots[last] == nil { condition.wait() }
            awaited = nil
        }
        return slots[index].take()!
    }
}
