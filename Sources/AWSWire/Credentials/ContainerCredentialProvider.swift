import AsyncHTTPClient
import Foundation
import SigV4

/// ECS / EKS Pod Identity container credentials.
///
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is fetched from `http://169.254.170.2`;
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` must be HTTPS or point at a loopback or the ECS/EKS
/// link-local address, so credentials are never fetched in clear text across a network. The
/// `Authorization` header comes from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read each
/// time) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
public struct ContainerCredentialProvider: CredentialProvider {
    public let name = "container credentials"
    let environment: [String: String]
    let httpClient: HTTPClient
    let timeout: TimeInterval

    /// Creates a provider.
    public init(environment: [String: String], httpClient: HTTPClient = .shared, timeout: TimeInterval = 2) {
        self.environment = environment
        self.httpClient = httpClient
        self.timeout = timeout
    }

    /// Whether either container variable is set.
    public var isConfigured: Bool {
        !(environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] ?? "").isEmpty || !(environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] ?? "").isEmpty
    }

    /// The URL to fetch, validated.
    func url() throws -> String {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            return "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else {
            throw CredentialSourceUnavailable("no container credentials variables")
        }
        guard let components = URLComponents(string: full), let scheme = components.scheme?.lowercased(), let host = components.host else {
            throw AWSError.credentials("\(name): AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
        }
        let allowedHTTPHosts: Set<String> = ["localhost", "169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "::1", "[::1]"]
        if scheme == "https" || (scheme == "http" && (host.hasPrefix("127.") || allowedHTTPHosts.contains(host.lowercased()))) {
            return full
        }
        throw AWSError.credentials("\(name): refusing \(scheme)://\(host): only HTTPS, loopback or the ECS/EKS address are allowed")
    }

    public func credentials() async throws -> AWSCredentials {
        let url = try url()
        var headers: [(String, String)] = []
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
            guard let token = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw AWSError.credentials("\(name): cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
            }
            headers.append(("Authorization", token.trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
            headers.append(("Authorization", token))
        }
        let (status, body) = try await SimpleHTTP.request(httpClient, method: "GET", url: url, headers: headers, timeout: timeout, source: name)
        guard status == 200 else { throw AWSError.credentials("\(name): HTTP \(status)") }
        guard let json = try? JSONValue.parse(body), let id = json["AccessKeyId"]?.string, let secret = json["SecretAccessKey"]?.string else {
            throw AWSError.credentials("\(name): answer lacks AccessKeyId or SecretAccessKey")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: json["Token"]?.string,
                              expiration: json["Expiration"]?.string.flatMap(AWSDateParser.iso8601))
    }
}

/// Plain HTTP calls for metadata endpoints, with a hard timeout and a small body limit.
enum SimpleHTTP {
    static func request(_ client: HTTPClient, method: String, url: String, headers: [(String, String)], timeout: TimeInterval,
                        source: String) async throws -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let body = try await response.body.collect(upTo: 256 << 10)
            return (Int(response.status.code), Array(body.readableBytesView))
        } catch let error as CancellationError {
            throw error
        } catch {
            throw CredentialSourceUnavailable("\(source): \(AWSClient.transportReason(error))")
        }
    }
}
