import Foundation

/// The `yyyyMMdd'T'HHmmss'Z'` timestamp and `yyyyMMdd` date stamp of a signature.
///
/// Computed with a fixed UTC Gregorian calendar rather than a `DateFormatter`, which depends on
/// locale settings and is not safe to share between tasks.
public struct SigV4Timestamp: Sendable, Hashable {
    /// `20150830T123600Z`.
    public let amzDate: String
    /// `20150830`, the first part of the credential scope.
    public var dateStamp: String { String(amzDate.prefix(8)) }

    /// Formats `date` in UTC, dropping fractional seconds.
    public init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        func pad(_ v: Int?, _ width: Int) -> String {
            let s = String(v ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        amzDate = "\(pad(c.year, 4))\(pad(c.month, 2))\(pad(c.day, 2))T\(pad(c.hour, 2))\(pad(c.minute, 2))\(pad(c.second, 2))Z"
    }

    /// Parses an `X-Amz-Date` value back to a `Date` (for servers and tests that verify signatures).
    public static func parse(_ amzDate: String) -> Date? {
        let b = Array(amzDate.utf8)
        guard b.count == 16, b[8] == UInt8(ascii: "T"), b[15] == UInt8(ascii: "Z") else { return nil }
        func num(_ r: Range<Int>) -> Int? { Int(String(decoding: b[r], as: UTF8.self)) }
        guard let y = num(0..<4), let mo = num(4..<6), let d = num(6..<8), let h = num(9..<11), let mi = num(11..<13), let s = num(13..<15) else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))
    }
}
