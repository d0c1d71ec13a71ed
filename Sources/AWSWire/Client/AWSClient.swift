import AsyncHTTPClient
import Foundation
import SigV4

/// Sends signed, bounded, read-only-by-default requests to AWS services.
///
/// One client serves one region and one credential source for any number of services. Every
/// call passes the read-only guard, takes a per-service concurrency permit, is signed with
/// fresh credentials, and is retried with full-jitter backoff on throttling and transient errors.
///
/// ```swift
/// let client = try AWSClient.make(region: "eu-west-1")
/// let page = try await client.call(AWSOperation(.elasticBeanstalk, "DescribeEnvironments"))
/// ```
public final class AWSClient: Sendable {
    /// Behaviour of a client.
    public struct Configuration: Sendable {
        /// The region calls go to (global services pick their own signing region).
        public var region: String
        /// Refuse anything but Describe/Get/List/Lookup (and STS credential calls). Default `true`.
        public var readOnly: Bool = true
        /// Retry behaviour.
        public var retry: RetryPolicy = .standard
        /// At most this many calls in flight per service.
        public var maxConcurrentRequestsPerService: Int = 8
        /// The timeout of one attempt, in seconds.
        public var requestTimeout: TimeInterval = 30
        /// Larger answers are refused rather than buffered.
        public var maxResponseBytes: Int = 32 << 20
        /// Endpoint resolution (custom endpoint URLs come from here).
        public var endpoints: EndpointResolver = EndpointResolver()
        /// Always address S3 buckets in the path (`/bucket/key`) rather than the host name.
        public var s3ForcePathStyle: Bool = false
        /// Called for every attempt (sending, received, failed, retrying); must be fast.
        public var hook: (@Sendable (AWSRequestEvent) -> Void)?
        /// The `User-Agent` header.
        public var userAgent: String = "ebguard"

        /// Creates a configuration for `region`.
        public init(region: String) {
            self.region = region
        }
    }

    /// The configuration.
    public let configuration: Configuration
    /// The credential source; `nil` sends unsigned requests (STS web identity only).
    public let credentialProvider: (any CredentialProvider)?
    let http: HTTPClient
    let limiters: LimiterRegistry
    let signers: SignerCache
    let sleep: @Sendable (TimeInterval) async throws -> Void

    /// Creates a client. `httpClient` defaults to the process-wide shared client, which needs no shutdown.
    public init(configuration: Configuration, credentials: (any CredentialProvider)?, httpClient: HTTPClient = .shared,
                sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) }) {
        self.configuration = configuration
        self.credentialProvider = credentials
        self.http = httpClient
        self.limiters = LimiterRegistry(limit: configuration.maxConcurrentRequestsPerService)
        self.signers = SignerCache()
        self.sleep = sleep
    }

    /// Builds a client from flags and environment the way the AWS CLI does: profile, region,
    /// endpoint overrides and the standard credential chain (cached, refreshed 5 minutes before expiry).
    public static func make(profile: String? = nil, region: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            httpClient: HTTPClient = .shared,
                            configure: (inout Configuration) -> Void = { _ in }) throws -> AWSClient {
        let settings = try AWSSettings(profile: profile, region: region, environment: environment)
        guard let region = settings.region else {
            throw AWSError.configuration("no region: pass --region or set AWS_REGION, AWS_DEFAULT_REGION or the profile's region")
        }
        var configuration = Configuration(region: region)
        configuration.endpoints = EndpointResolver(settings: settings)
        configure(&configuration)
        let chain = CredentialChain(settings: settings, httpClient: httpClient)
        return AWSClient(configuration: configuration, credentials: CachedCredentialProvider(chain), httpClient: httpClient)
    }

    /// Calls a Query, EC2 or JSON operation with parameters given as a JSON-like tree.
    ///
    /// Query/EC2: objects flatten to `A.B`, lists to `A.member.N` (Query) or `A.N` (EC2), so use
    /// wire names (`Filter`, `GroupId` for EC2). JSON: the tree is the body as is.
    public func call(_ operation: AWSOperation, _ parameters: JSONValue = [:]) async throws -> AWSResponse {
        let service = operation.service
        let endpoint = try configuration.endpoints.resolve(service, region: configuration.region)
        var request = SignableRequest(method: "POST", scheme: endpoint.scheme, host: endpoint.host, port: endpoint.port,
                                      path: endpoint.basePath.isEmpty ? "/" : endpoint.basePath + "/")
        switch service.protocol {
        case .query, .ec2:
            let pairs = QuerySerializer.pairs(action: operation.name, version: service.apiVersion, parameters: parameters, ec2: service.protocol == .ec2)
            request.body = QuerySerializer.formBody(pairs)
            request.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        case .json:
            request.body = parameters == .null ? Array("{}".utf8) : parameters.encoded()
            request.headers.add("Content-Type", "application/x-amz-json-1.1")
            request.headers.add("X-Amz-Target", "\(service.targetPrefix ?? service.id).\(operation.name)")
        case .restXML:
            throw AWSError.configuration("\(operation) is a REST-XML operation: use rest(_:_:)")
        }
        return try await send(operation, request, signingRegion: endpoint.signingRegion)
    }

    /// The region calls go to.
    public var region: String { configuration.region }
}
