import Foundation
import SigV4

/// A source of AWS credentials.
///
/// Providers are asked for credentials before every signed attempt; wrap expensive ones in
/// `CachedCredentialProvider`. `name` says where credentials come from, for messages
/// ("profile prod: assume role arn:…"); it never includes secrets.
public protocol CredentialProvider: Sendable {
    /// Where the credentials come from.
    var name: String { get }
    /// Returns credentials, or throws `CredentialSourceUnavailable` when this source is not
    /// configured (so a chain moves on) or `AWSError.credentials` when it is but fails.
    func credentials() async throws -> AWSCredentials
}

/// Thrown by a provider whose source is absent (no variables, no metadata service), as opposed
/// to present but failing. Chains skip such providers.
public struct CredentialSourceUnavailable: Error, Sendable, CustomStringConvertible {
    /// Why the source is absent.
    public let reason: String
    /// Creates the error.
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Fixed credentials (tests, or keys read once from a file).
public struct StaticCredentialProvider: CredentialProvider {
    public let name: String
    let value: AWSCredentials

    /// Wraps fixed credentials.
    public init(_ credentials: AWSCredentials, name: String = "static") {
        self.value = credentials
        self.name = name
    }

    public func credentials() async throws -> AWSCredentials { value }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`
/// (`AWS_SECURITY_TOKEN` as a legacy alias) and `AWS_CREDENTIAL_EXPIRATION`.
public struct EnvironmentCredentialProvider: CredentialProvider {
    public let name = "environment"
    let environment: [String: String]

    /// Reads from the given environment.
    public init(environment: [String: String]) { self.environment = environment }

    /// Whether the environment has an access key id.
    public var isConfigured: Bool { !(environment["AWS_ACCESS_KEY_ID"] ?? "").isEmpty }

    public func credentials() async throws -> AWSCredentials {
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty else {
            throw CredentialSourceUnavailable("AWS_ACCESS_KEY_ID is not set")
        }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
            throw AWSError.credentials("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        let token = environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"]
        let expiration = environment["AWS_CREDENTIAL_EXPIRATION"].flatMap(AWSDateParser.iso8601)
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token?.isEmpty == true ? nil : token, expiration: expiration)
    }
}

/// Parses the timestamps credential sources return.
enum AWSDateParser {
    /// ISO 8601 with or without fractional seconds (`2024-05-01T12:00:00Z`, `…:00.000Z`, `+00:00`).
    static func iso8601(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let plain = ISO8601DateFormatter()
        if let d = plain.date(from: trimmed) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: trimmed)
    }
}
