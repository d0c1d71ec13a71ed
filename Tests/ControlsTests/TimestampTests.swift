import Foundation
import Testing
@testable import Controls

/// `Timestamp.iso8601` prints what Foundation's ISO 8601 format style prints.
@Suite struct TimestampTests {
    /// Edges of days, months, leap years (2000 is one, 2100 is not) and the range the arithmetic covers.
    static let edges: [Double] = [
        0, 1, 59, 60, 3599, 3600, 86_399, 86_400, 951_782_399, 951_782_400, 951_868_800, 1_763_460_000,
        4_107_542_399, 4_107_542_400, 4_107_628_800, 253_402_300_799,
        // Fractions, before 1970 and after 9999: Foundation's path.
        1_763_460_000.5, 0.25, -1, -86_400.5, 253_402_300_800, 300_000_000_000,
    ]

    @Test func matchesTheFormatStyle() {
        var times = Self.edges
        // Every day of four years around a leap day, at a time that moves through the day.
        for day in 0..<(4 * 366) { times.append(Double(11_016 * 86_400 + day * 86_400 + day * 61 % 86_400)) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 { times.append(Double(Int.random(in: 0..<253_402_300_800, using: &generator))) }
        for interval in times {
            let date = Date(timeIntervalSince1970: interval)
            #expect(Timestamp.iso8601(date) == date.formatted(.iso8601), "\(interval)")
        }
    }

    @Test func printsTheFields() {
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 951_868_800 - 1)) == "2000-02-29T23:59:59Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 1_763_460_000)) == "2025-11-18T10:00:00Z")
    }

    /// Day counts on both sides of 1970 (the history store prints days before it too) give the
    /// dates of Foundation's Gregorian calendar in UTC.
    @Test func civilDatesMatchTheGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for count in Array(-1_500...1_500) + [10_957, 11_016, 47_482, 2_932_896] {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(count) * 86_400))
            let date = CivilDate.of(daysSince1970: count)
            #expect(date.year == parts.year && date.month == parts.month && date.day == parts.day, "\(count)")
        }
    }
}
