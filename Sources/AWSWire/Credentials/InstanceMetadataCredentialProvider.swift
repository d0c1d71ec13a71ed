import AsyncHTTPClient
import Foundation
import SigV4

/// EC2 instance-profile credentials over IMDSv2 only.
///
/// First `PUT /latest/api/token` for a session token, then `GET` the role name and the role's
/// credentials with that token. If the token request fails there is no IMDSv1 fallback: v1 is
/// what SSRF attacks abuse, and an audit tool must not depend on it. Timeouts are short (1 s)
/// because off EC2 nothing answers. `AWS_EC2_METADATA_DISABLED=true` turns the provider off;
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` overrides the address (tests).
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    public let name = "EC2 instance metadata (IMDSv2)"
    let environment: [String: String]
    let httpClient: HTTPClient
    let timeout: TimeInterval

    /// Creates a provider.
    public init(environment: [String: String], httpClient: HTTPClient = .shared, timeout: TimeInterval = 1) {
        self.environment = environment
        self.httpClient = httpClient
        self.timeout = timeout
    }

    var endpoint: String {
        var e = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254"
        while e.hasSuffix("/") { e.removeLast() }
        return e
    }

    public func credentials() async throws -> AWSCredentials {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            throw CredentialSourceUnavailable("AWS_EC2_METADATA_DISABLED is true")
        }
        let (tokenStatus, tokenBody) = try await SimpleHTTP.request(
            httpClient, method: "PUT", url: endpoint + "/latest/api/token",
            headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], timeout: timeout, source: name)
        guard tokenStatus == 200, !tokenBody.isEmpty else {
            throw CredentialSourceUnavailable("\(name): token request answered HTTP \(tokenStatus); IMDSv1 is not used")
        }
        let token = String(decoding: tokenBody, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let auth = [("X-aws-ec2-metadata-token", token)]
        let base = endpoint + "/latest/meta-data/iam/security-credentials/"
        let (roleStatus, roleBody) = try await SimpleHTTP.request(httpClient, method: "GET", url: base, headers: auth, timeout: timeout, source: name)
        guard roleStatus == 200, let role = String(decoding: roleBody, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init),
              !role.isEmpty
        else {
            throw CredentialSourceUnavailable("\(name): no instance profile (HTTP \(roleStatus))")
        }
        let (status, body) = try await SimpleHTTP.request(
            httpClient, method: "GET", url: base + SigV4Encoding.encode(role), headers: auth, timeout: timeout, source: name)
        guard status == 200, let json = try? JSONValue.parse(body) else { throw AWSError.credentials("\(name): HTTP \(status)") }
        guard json["Code"]?.string ?? "Success" == "Success", let id = json["AccessKeyId"]?.string, let secret = json["SecretAccessKey"]?.string else {
            throw AWSError.credentials("\(name): role \(role) returned no credentials (\(json["Code"]?.string ?? "no code"))")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: json["Token"]?.string,
                              expiration: json["Expiration"]?.string.flatMap(AWSDateParser.iso8601))
    }
}
