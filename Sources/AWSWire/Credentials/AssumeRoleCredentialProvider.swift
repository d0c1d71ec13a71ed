import AsyncHTTPClient
import Foundation
import SigV4

/// STS `AssumeRole` with credentials from a source provider (`role_arn` + `source_profile`
/// or `credential_source` in a profile).
public struct AssumeRoleCredentialProvider: CredentialProvider {
    public let name: String
    let source: any CredentialProvider
    let roleArn: String
    let sessionName: String
    let externalId: String?
    let durationSeconds: Int?
    let sts: STSEndpointSettings

    /// Creates a provider. `durationSeconds` is sent only if given (STS defaults to 1 hour).
    public init(source: any CredentialProvider, roleArn: String, sessionName: String, externalId: String? = nil,
                durationSeconds: Int? = nil, sts: STSEndpointSettings, name: String? = nil) {
        self.source = source
        self.roleArn = roleArn
        self.sessionName = sessionName
        self.externalId = externalId
        self.durationSeconds = durationSeconds
        self.sts = sts
        self.name = name ?? "assume role \(roleArn)"
    }

    public func credentials() async throws -> AWSCredentials {
        var parameters: [String: JSONValue] = ["RoleArn": .string(roleArn), "RoleSessionName": .string(sessionName)]
        if let externalId { parameters["ExternalId"] = .string(externalId) }
        if let durationSeconds { parameters["DurationSeconds"] = .number(Double(durationSeconds)) }
        let client = sts.client(credentials: source)
        let response: AWSResponse
        do {
            response = try await client.call(AWSOperation(.sts, "AssumeRole"), .object(parameters))
        } catch let error as AWSError {
            throw AWSError.credentials("\(name): \(error.findingReason)")
        }
        return try STSEndpointSettings.decodeCredentials(response, source: name)
    }
}

/// STS `AssumeRoleWithWebIdentity` with a token file (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`,
/// or `web_identity_token_file` + `role_arn` in a profile). The call is unsigned; the token file
/// is re-read on every refresh because orchestrators rotate it.
public struct WebIdentityCredentialProvider: CredentialProvider {
    public let name: String
    let tokenFile: String
    let roleArn: String
    let sessionName: String
    let sts: STSEndpointSettings

    /// Creates a provider.
    public init(tokenFile: String, roleArn: String, sessionName: String, sts: STSEndpointSettings) {
        self.tokenFile = tokenFile
        self.roleArn = roleArn
        self.sessionName = sessionName
        self.sts = sts
        self.name = "web identity \(roleArn)"
    }

    public func credentials() async throws -> AWSCredentials {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw AWSError.credentials("\(name): cannot read token file \(tokenFile)")
        }
        let client = sts.client(credentials: nil)
        let response: AWSResponse
        do {
            response = try await client.call(AWSOperation(.sts, "AssumeRoleWithWebIdentity"),
                                             ["RoleArn": .string(roleArn), "RoleSessionName": .string(sessionName), "WebIdentityToken": .string(token)])
        } catch let error as AWSError {
            throw AWSError.credentials("\(name): \(error.findingReason)")
        }
        return try STSEndpointSettings.decodeCredentials(response, source: name)
    }
}

/// How credential providers reach STS: region, endpoint overrides and HTTP client.
public struct STSEndpointSettings: Sendable {
    /// The region STS is called in (`us-east-1` when none is configured).
    public var region: String
    /// Endpoint resolution (so `AWS_ENDPOINT_URL_STS` applies to credential calls too).
    public var endpoints: EndpointResolver
    /// The HTTP client.
    public var httpClient: HTTPClient
    /// The retry policy of STS calls.
    public var retry: RetryPolicy

    /// Creates settings.
    public init(region: String?, endpoints: EndpointResolver, httpClient: HTTPClient = .shared, retry: RetryPolicy = RetryPolicy(maxAttempts: 3)) {
        self.region = region ?? "us-east-1"
        self.endpoints = endpoints
        self.httpClient = httpClient
        self.retry = retry
    }

    func client(credentials: (any CredentialProvider)?) -> AWSClient {
        var configuration = AWSClient.Configuration(region: region)
        configuration.endpoints = endpoints
        configuration.retry = retry
        configuration.requestTimeout = 10
        return AWSClient(configuration: configuration, credentials: credentials, httpClient: httpClient)
    }

    /// Reads `…Result/Credentials` from an STS answer.
    static func decodeCredentials(_ response: AWSResponse, source: String) throws -> AWSCredentials {
        guard let c = response.result?["Credentials"], let id = c.string("AccessKeyId"), let secret = c.string("SecretAccessKey") else {
            throw AWSError.credentials("\(source): STS answer has no credentials")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: c.string("SessionToken"),
                              expiration: c.string("Expiration").flatMap(AWSDateParser.iso8601))
    }
}
