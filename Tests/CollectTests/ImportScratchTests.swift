import Foundation
import Inventory
import Testing
@testable import Collect

/// The import merges pieces in file order while files are still being read, and hands what it no
/// longer needs to the caller who asks for it.
@Suite struct ImportScratchTests {
    /// Results set in any order, from several threads, are taken back in item order.
    @Test func resultsAreTakenInItemOrderWhateverOrderTheyAreSetIn() {
        let count = 500
        let slots = ResultSlots<Int>(count: count)
        // Later items first: the consumer has to wait for the early ones.
        let order = Array((0..<count).reversed())
        let producing = DispatchGroup()
        DispatchQueue.global().async(group: producing) {
            DispatchQueue.concurrentPerform(iterations: count) { step in
                let index = order[step]
                if index % 97 == 0 { usleep(200) }
                slots.set(index, index * 3)
            }
        }
        var taken: [Int] = []
        for index in 0..<count { taken.append(slots.take(index, batch: 16)) }
        producing.wait()
        #expect(taken == (0..<count).map { $0 * 3 })
        #expect(slots.all().allSatisfy { $0 == nil }, "a taken slot is emptied")
    }

    @Test func keepingScratchGivesTheSameInventoryAndHandsScratchOverOnce() throws {
        let plain = try AWSCLIImporter().importFolder(DemoFleetTests.folder)
        // The scratch is handed over on the calling thread, before the import returns.
        var handedOver: [Any] = []
        var kept = try AWSCLIImporter().importFolder(DemoFleetTests.folder, keepingScratch: { handedOver.append($0) })
        #expect(handedOver.count == 1)
        kept.source.collectedAt = plain.source.collectedAt
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(kept) == encoder.encode(plain))
        #expect(kept.environments.count == 7)
        #expect(kept.inputProblems == [])
    }
}
