import Foundation

/// Times as findings print them.
enum Timestamp {
    /// `date.formatted(.iso8601)`, e.g. `2026-11-18T10:00:00Z`.
    ///
    /// Why: EB-DET-007 labels each unexpected control-plane event with its time, and Foundation's
    /// format style works each one out through a calendar and a time zone. For whole seconds from
    /// 1970 through 9999 (CloudTrail's times) the fields are worked out by arithmetic on the
    /// proleptic Gregorian calendar in UTC, as the format style does; any other date takes
    /// Foundation's path.
    static func iso8601(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < latest, interval.rounded(.down) == interval else { return date.formatted(.iso8601) }
        let seconds = Int(interval)
        let (year, month, day) = CivilDate.of(daysSince1970: seconds / 86_400)
        let time = seconds % 86_400
        let fields = [(year, 4, UInt8(ascii: "-")), (month, 2, UInt8(ascii: "-")), (day, 2, UInt8(ascii: "T")),
                      (time / 3600, 2, UInt8(ascii: ":")), (time / 60 % 60, 2, UInt8(ascii: ":")), (time % 60, 2, UInt8(ascii: "Z"))]
        return String(unsafeUninitializedCapacity: 20) { buffer in
            var offset = 0
            for (value, width, separator) in fields {
                var rest = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                buffer[offset + width] = separator
                offset += width + 1
            }
            return offset
        }
    }

    /// 10000-01-01T00:00:00Z: later years no longer fit four digits.
    private static let latest: Double = 253_402_300_800
}

/// Calendar dates of day counts, in the proleptic Gregorian calendar of UTC, without Foundation's
/// calendars: findings print event times with it (`Timestamp`), and the history store prints and
/// parses the days exceptions expire on.
public enum CivilDate {
    /// Year, month and day of a day counted from 1970-01-01 (negative before it), after Howard
    /// Hinnant's `civil_from_days`.
    public static func of(daysSince1970 count: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = count + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
