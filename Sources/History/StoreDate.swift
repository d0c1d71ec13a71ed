import Controls
import Foundation

/// Dates as the store writes them: UTC text with millisecond precision
/// (`2025-03-01T09:30:00.000Z`), readable with the `sqlite3` shell and sortable as text.
///
/// Values handed back by the store are `normalized`, so a record returned by a write equals the
/// same record read back later.
enum StoreDate {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date at the precision the store keeps.
    static func normalized(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    static func text(_ date: Date) -> String {
        let ms = milliseconds(date)
        let (days, msOfDay) = floorDivide(ms, 86_400_000)
        let (y, m, d) = CivilDate.of(daysSince1970: Int(days))
        let seconds = Int(msOfDay / 1000)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2)
            + ":" + pad(seconds % 60, 2) + "." + pad(Int(msOfDay % 1000), 3) + "Z"
    }

    /// Parses what `text` writes; nil for anything else.
    static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
              bytes[16] == 0x3A, bytes[19] == 0x2E, bytes[23] == 0x5A,
              let y = number(bytes, 0, 4), let m = number(bytes, 5, 2), let d = number(bytes, 8, 2),
              let h = number(bytes, 11, 2), let min = number(bytes, 14, 2), let s = number(bytes, 17, 2),
              let ms = number(bytes, 20, 3) else { return nil }
        let days = Int64(Civil.days(fromYear: y, month: m, day: d))
        let total = days * 86_400_000 + Int64(h * 3_600_000 + min * 60_000 + s * 1000 + ms)
        return Date(timeIntervalSince1970: Double(total) / 1000)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a >= 0 ? a / b : -((-a + b - 1) / b)
        return (q, a - q * b)
    }
}

/// Calendar days in UTC (proleptic Gregorian), without Foundation's calendars: exceptions expire
/// at the end of a UTC day, and reports print the day the same way everywhere.
enum Civil {
    /// `YYYY-MM-DD` of the UTC day holding `date`.
    static func day(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let (y, m, d) = CivilDate.of(daysSince1970: days)
        return StoreDate.pad(y, 4) + "-" + StoreDate.pad(m, 2) + "-" + StoreDate.pad(d, 2)
    }

    /// The last second (23:59:59) of the UTC day holding `date`.
    static func endOfDay(_ date: Date) -> Date {
        let days = (date.timeIntervalSince1970 / 86_400).rounded(.down)
        return Date(timeIntervalSince1970: days * 86_400 + 86_399)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    static func days(fromYear year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
