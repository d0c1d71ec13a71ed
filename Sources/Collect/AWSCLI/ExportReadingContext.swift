import Foundation
import Inventory

/// What one thread keeps from file to file while it reads an export: the interner its texts are
/// shared through, the option settings it already mapped, and the storage of its documents' nodes.
///
/// Why: an export holds tens of thousands of small files that repeat the same texts and the same
/// option objects; what one file taught a thread saves work on the next. Used by one thread at a
/// time (lent by `ExportReadingContexts`).
final class ExportReadingContext {
    let interner: StringInterner
    /// Option settings by the bytes of their option object.
    let optionSettings: ByteSpanMemo<OptionSetting?>
    let nodes = JSONTape.NodeStore()

    /// `internerSlotLimit`: the interner's table stays within the processor's caches (see
    /// `StringInterner`); an export's texts that repeat are few, those met once are many.
    init(internerCapacity: Int = 1 << 14, internerSlotLimit: Int = JSONInput.internerSlotLimit, optionSettingLimit: Int = 1 << 15) {
        interner = StringInterner(capacity: internerCapacity, slotLimit: internerSlotLimit)
        optionSettings = ByteSpanMemo(limit: optionSettingLimit)
    }
}

/// Contexts lent to the threads that read an export's files at once, one at a time each; the
/// next thread to borrow one reuses what it learned. They go away with the import.
final class ExportReadingContexts: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [ExportReadingContext] = []

    /// Runs `body` with a context no other thread uses meanwhile.
    func withContext<Result>(_ body: (ExportReadingContext) throws -> Result) rethrows -> Result {
        lock.lock()
        let context = idle.popLast() ?? ExportReadingContext()
        lock.unlock()
        defer {
            lock.lock()
            idle.append(context)
            lock.unlock()
        }
        return try body(context)
    }
}
