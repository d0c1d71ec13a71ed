import Foundation

/// A set of AWS credentials: the secret material every signed request depends on.
///
/// The secret key and session token are never printed: `description` and `debugDescription`
/// show only the first and last four characters of the access key id, so credentials can be
/// interpolated into logs and errors by mistake without leaking anything usable.
public struct AWSCredentials: Sendable, Hashable {
    /// The access key id (`AKIA…` for long-term keys, `ASIA…` for temporary ones).
    public var accessKeyId: String
    /// The secret access key. Never logged.
    public var secretAccessKey: String
    /// The session token of temporary credentials, sent as `X-Amz-Security-Token`. Never logged.
    public var sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-term keys.
    public var expiration: Date?

    /// Creates credentials from their parts.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Whether the credentials expire within `margin` seconds of `now` (long-term keys never do).
    ///
    /// Callers refresh ahead of expiry so that a request signed now is not rejected in flight.
    public func expires(within margin: TimeInterval, of now: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// A redacted rendering: `AWSCredentials(AKID…MPLE, session token: yes)`.
    public var description: String {
        "AWSCredentials(\(Self.redact(accessKeyId)), session token: \(sessionToken == nil ? "no" : "yes"))"
    }

    /// Same as `description`: the debugger view must not show secrets either.
    public var debugDescription: String { description }

    /// Shows the first and last four characters of an identifier, or `****` if it is too short
    /// for that to hide anything.
    public static func redact(_ identifier: String) -> String {
        guard identifier.count > 8 else { return "****" }
        return "\(identifier.prefix(4))…\(identifier.suffix(4))"
    }
}

extension AWSCredentials: CustomReflectable {
    /// Keeps `dump()` and `Mirror`-based printers from walking into the secret fields.
    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyId": Self.redact(accessKeyId), "expiration": expiration as Any], displayStyle: .struct)
    }
}
