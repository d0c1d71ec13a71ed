import Foundation
import Testing
@testable import Collect

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-11-19T08:00:00Z", 1_795_075_200.0),
        ("2026-11-19T08:00:00+00:00", 1_795_075_200.0),
        ("2026-11-19 08:00:00+00:00", 1_795_075_200.0),
        ("2026-11-19T10:00:00+02:00", 1_795_075_200.0),
        ("2026-11-19T08:00:00.5Z", 1_795_075_200.5),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
        ("1795075200", 1_795_075_200.0),
    ])
    func parsesTheFormsTheAWSCLIPrints(text: String, epoch: Double) throws {
        let date = try #require(Timestamps.parse(text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 0.001)
        #expect(Array(text.utf8).withUnsafeBufferPointer { Timestamps.parse(utf8: $0) } == date, "read from its bytes alike")
    }

    @Test(arguments: ["", "yesterday", "2026-13-01T00:00:00Z", "2026-11-19T08:00", "2026-11-19T08:00:00X"])
    func rejectsWhatIsNotATimestamp(text: String) {
        #expect(Timestamps.parse(text) == nil)
        #expect(Array(text.utf8).withUnsafeBufferPointer { Timestamps.parse(utf8: $0) } == nil)
    }

    /// Numbers in any form `Double` reads are epoch seconds, from a `String` or from bytes.
    @Test(arguments: ["1e9", "-5", " 12", "0x10", "1795075200.25", "inf", "2026"])
    func readsNumbersFromBytesAsFromText(text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { Timestamps.parse(utf8: $0) } == Timestamps.parse(text))
    }

    @Test func agreesWithFoundationOnRandomDates() throws {
        var generator = SystemRandomNumberGenerator()
        let formatter = ISO8601DateFormatter()
        for _ in 0..<500 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &generator)))
            #expect(Timestamps.parse(formatter.string(from: date)) == date)
        }
    }
}
