/// A small counting semaphore for async code: bounds concurrent calls per service.
///
/// Waiters are resumed in FIFO order. A cancelled waiter still takes its turn and then sees the
/// cancellation when its call starts, which keeps the bookkeeping simple and leak-free.
public actor AsyncSemaphore {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Creates a semaphore with `limit` permits (at least 1).
    public init(limit: Int) {
        available = max(1, limit)
    }

    /// Takes a permit, waiting if none is free.
    public func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Returns a permit, handing it straight to the oldest waiter if there is one.
    public func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Runs `body` while holding a permit.
    public func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }
}
