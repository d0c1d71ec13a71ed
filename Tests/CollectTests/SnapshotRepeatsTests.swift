import Foundation
import Inventory
import Testing
@testable import Collect
@testable import Controls

/// Values whose bytes repeat the last ones read (origins, and option setting rows at the same place
/// in the previous environment) are taken from them: the result is still exactly `JSONDecoder`'s.
@Suite struct SnapshotRepeatsTests {
    /// Environments with the same rows, each citing its own origins by position, and with rows
    /// changed, added and removed between neighbours.
    static func neighbours() -> Inventory {
        var fixture = ExampleInventory.hardened()
        let namespace = "aws:elasticbeanstalk:application:environment"
        for number in 0..<40 {
            fixture.setOption(namespace, "KEY_\(number)", "value-\(number)", origin: number % 5 == 0 ? .file("options.config", line: number + 1) : nil)
        }
        var inventory = fixture.inventory
        let first = fixture.environment
        func neighbour(_ name: String, _ change: (inout [OptionSetting]) -> Void) -> Environment {
            var environment = first
            environment.name = name
            var settings = first.optionSettings?.all ?? []
            change(&settings)
            environment.optionSettings = OptionSettings(settings)
            return environment
        }
        inventory.environments = [
            first,
            // The same rows (the same origin indexes) with other origins in the table.
            neighbour("other-origins") { settings in
                for position in settings.indices where settings[position].origin != nil {
                    settings[position].origin = .file("elsewhere.config", line: position + 100)
                }
            },
            neighbour("changed-value") { settings in
                for position in settings.indices where settings[position].optionName == "KEY_3" { settings[position].value = "changed" }
            },
            neighbour("inserted-row") { $0.insert(OptionSetting(namespace: namespace, optionName: "EXTRA", value: "x"), at: 2) },
            neighbour("removed-rows") { $0.removeLast(10) },
            neighbour("repeated") { _ in },
            neighbour("repeated-again") { _ in },
        ]
        return inventory
    }

    @Test func repeatedRowsReadAsJSONDecoderReadsThem() throws {
        let data = try Snapshot.encode(Self.neighbours())
        try SnapshotReaderTests.expectSameAsJSONDecoder(data)
        let read = try #require(Snapshot.fastDecode(data))
        let origins = read.environments[1].optionSettings?.all.compactMap(\.origin?.file) ?? []
        #expect(!origins.isEmpty && origins.allSatisfy { $0 == "elsewhere.config" })
        #expect(read.environments[2].optionSettings?.value("aws:elasticbeanstalk:application:environment", "KEY_3") == "changed")
        #expect(read.environments[5].optionSettings == read.environments[0].optionSettings)
    }

    /// A repeated row whose origin index is outside its own environment's table is refused, as
    /// `JSONDecoder` refuses it, even though the same row was valid in the environment before.
    @Test func aRepeatedRowStillNeedsItsOrigin() throws {
        var inventory = Self.neighbours()
        inventory.environments = [inventory.environments[0], inventory.environments[0]]
        inventory.environments[1].name = "second"
        let text = String(decoding: try Snapshot.encode(inventory), as: UTF8.self)
        // The second environment's origin table, emptied: its rows repeat the first one's bytes,
        // and those citing an origin now cite none there is.
        let second = try #require(text.range(of: #""origins":["#, options: .backwards))
        #expect(text.range(of: #""origins":["#)?.lowerBound != second.lowerBound)
        let close = try #require(text[second.upperBound...].firstIndex(of: "]"))
        #expect(close != second.upperBound)
        var damaged = text
        damaged.replaceSubrange(second.upperBound..<close, with: "")
        #expect(throws: (any Error).self) { try SnapshotReaderTests.slowDecode(Data(damaged.utf8)) }
        #expect(Snapshot.fastDecode(Data(damaged.utf8)) == nil)
    }

    /// Origins that repeat the previous one, or differ from it only near their end.
    @Test func repeatedOriginsReadAsJSONDecoderReadsThem() throws {
        var fixture = ExampleInventory.hardened()
        fixture.inventory.gaps = []
        fixture.inventory.inlineSuppressions = [3, 3, 30, 3, 300, 300, nil].map { line in
            InlineSuppression(controlId: "DT-01", reason: "r", origin: .file("a.config", line: line))
        } + [InlineSuppression(controlId: "DT-01", reason: "r", origin: .file("a.config", line: 3, column: 1)),
             InlineSuppression(controlId: "DT-01", reason: "r", origin: .api("ec2:DescribeSecurityGroups"))]
        let data = try Snapshot.encode(fixture.inventory)
        try SnapshotReaderTests.expectSameAsJSONDecoder(data)
        let read = try #require(Snapshot.fastDecode(data))
        #expect(read.inlineSuppressions.map(\.origin.line) == [3, 3, 30, 3, 300, 300, nil, 3, nil])
    }
}

/// Fields are stored at their offset in the struct, or through their key path when it has none.
@Suite struct StoredPlaceTests {
    struct Sample {
        var name = "blank"
        var count: Int? = 7
        var tags: [String] = []
        var upper: String {
            get { name.uppercased() }
            set { name = newValue.lowercased() }
        }
    }

    @Test func storesAtTheOffsetOrThroughTheKeyPath() {
        var sample = Sample()
        let name = StoredPlace(\Sample.name), count = StoredPlace(\Sample.count), tags = StoredPlace(\Sample.tags)
        let upper = StoredPlace(\Sample.upper)
        #expect(name.offset != nil && count.offset != nil && tags.offset != nil)
        #expect(upper.offset == nil)
        withUnsafeMutablePointer(to: &sample) { pointer in
            name.store("a name longer than fifteen bytes", in: pointer)
            count.store(nil, in: pointer)
            tags.store(["x", "y"], in: pointer)
        }
        #expect(sample.name == "a name longer than fifteen bytes" && sample.count == nil && sample.tags == ["x", "y"])
        withUnsafeMutablePointer(to: &sample) { upper.store("SHOUT", in: $0) }
        #expect(sample.name == "shout")
    }
}
