import Controls
import Foundation

/// An accepted risk: one control on one resource (or every resource), owned by someone, with a
/// reason and an expiry date. An exception turns a failing finding into a visible `suppressed`
/// one until it expires; then the finding fails again, saying so.
public struct ExceptionRecord: Sendable, Codable, Hashable {
    /// `exc-` and 8 hex digits.
    public var id: String
    /// A control id (`EB-NET-004`), matched without regard to case.
    public var control: String
    /// A finding's resource id, resource name or environment name; `*` covers every resource.
    public var resource: String
    public var owner: String
    public var reason: String
    /// The last second (23:59:59 UTC) of the day the exception is valid through.
    public var expires: Date
    public var createdAt: Date
    /// Where the exception is declared: `store`, or `ebguard.yml:LINE`.
    public var origin: String

    public init(id: String, control: String, resource: String, owner: String, reason: String, expires: Date, createdAt: Date,
                origin: String) {
        self.id = id
        self.control = control
        self.resource = resource
        self.owner = owner
        self.reason = reason
        self.expires = expires
        self.createdAt = createdAt
        self.origin = origin
    }

    /// The expiry day, `YYYY-MM-DD` (UTC).
    public var expiryDay: String { Civil.day(expires) }

    /// Whether the exception still holds at `now` (through the whole of its expiry day, UTC).
    public func isActive(at now: Date) -> Bool {
        now < Civil.endOfDay(expires).addingTimeInterval(1)
    }

    /// Whether the exception names this finding's control and resource (expired or not).
    public func matches(_ finding: Finding) -> Bool {
        control.caseInsensitiveCompare(finding.control) == .orderedSame && covers(finding.resource)
    }

    func covers(_ resource: ResourceRef) -> Bool {
        self.resource == "*" || self.resource == resource.id || self.resource == resource.name || self.resource == resource.environment
    }
}

/// Applying the exceptions register to a run's findings, as a pure function.
public enum Exceptions {
    /// Suppresses the failing findings an unexpired exception covers, and notes in the evidence
    /// of a failing finding that the exception covering it has expired.
    ///
    /// Suppressed findings stay in the result (reports show them, with who accepted the risk and
    /// until when). Findings that do not fail are returned unchanged: an exception never turns a
    /// `not-assessed` into anything else. When several exceptions match, the one that lasts
    /// longest is cited.
    public static func apply(_ exceptions: [ExceptionRecord], to findings: [Finding], now: Date) -> [Finding] {
        guard !exceptions.isEmpty else { return findings }
        var byControl: [String: [ExceptionRecord]] = [:]
        for exception in exceptions {
            byControl[exception.control.uppercased(), default: []].append(exception)
        }
        return findings.map { finding in
            guard finding.verdict == .fail, let candidates = byControl[finding.control.uppercased()] else { return finding }
            let matching = candidates.filter { $0.covers(finding.resource) }
            guard !matching.isEmpty else { return finding }
            var result = finding
            if let active = matching.filter({ $0.isActive(at: now) }).max(by: { $0.expires < $1.expires }) {
                result.verdict = .suppressed
                result.suppression = "exception \(active.id) by \(active.owner) until \(active.expiryDay): \(active.reason)"
            } else {
                for expired in matching.sorted(by: { $0.expires > $1.expires }) {
                    result.evidence.append("exception \(expired.id) (\(expired.owner): \(expired.reason)) expired on \(expired.expiryDay)")
                }
            }
            return result
        }
    }

    /// Parses an expiry day written `YYYY-MM-DD` and returns the last second of that day (UTC),
    /// the moment an exception dated that day stops holding.
    ///
    /// - Throws: `HistoryError.invalidDay` for any other shape (`2025-6-1`, `01/06/2025`, a time)
    ///   or an impossible day (`2025-02-30`).
    public static func parseDay(_ text: String) throws -> Date {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = StoreDate.number(bytes, 0, 4), let month = StoreDate.number(bytes, 5, 2),
              let day = StoreDate.number(bytes, 8, 2) else {
            throw HistoryError.invalidDay(text: text, detail: "write the year, month and day as digits, e.g. 2025-06-30")
        }
        guard (1...12).contains(month) else {
            throw HistoryError.invalidDay(text: text, detail: "there is no month \(month)")
        }
        guard year >= 1970, (1...Civil.daysInMonth(year: year, month: month)).contains(day) else {
            throw HistoryError.invalidDay(text: text, detail: year < 1970 ? "the year is before 1970" : "month \(month) of \(year) has no day \(day)")
        }
        let days = Civil.days(fromYear: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days) * 86_400 + 86_399)
    }
}
