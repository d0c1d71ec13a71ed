import Foundation

/// Maps an array on a bounded number of threads and returns the results in input order.
///
/// `scan(paths:)` is synchronous (callers need not be async), so parallelism uses
/// `DispatchQueue.concurrentPerform` over `concurrency` stripes rather than a task group.
enum ConcurrentMap {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], concurrency: Int,
                                                       _ transform: @Sendable (Input) -> Output) -> [Output] {
        guard inputs.count > 1, concurrency > 1 else { return inputs.map(transform) }
        let results = ResultSlots<Output>(count: inputs.count)
        let stripes = min(concurrency, inputs.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: stripes) { _ in
            while true {
                let index = next.increment()
                guard index < inputs.count else { return }
                results.set(index, transform(inputs[index]))
            }
        }
        return results.values()
    }
}

/// A lock-protected array of optional results, written once per slot.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// A lock-protected counter handing out work indices.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let current = value
        value += 1
        return current
    }
}
