import SigV4

/// A REST-XML request (S3, S3 Control) described by its parts, not a URL, so the client can
/// choose virtual-host or path-style addressing and encode the key exactly once.
public struct RESTRequest: Sendable {
    /// The HTTP method (read-only clients allow GET and HEAD).
    public var method: String
    /// The S3 bucket, if the operation addresses one.
    public var bucket: String?
    /// The raw (unencoded) object key or resource path after the bucket, e.g. `logs/2024/a.json`,
    /// or for S3 Control the whole path, e.g. `/v20180820/configuration/publicAccessBlock`.
    public var path: String
    /// Query parameters (`policy` with an empty value selects a sub-resource).
    public var query: [(name: String, value: String)]
    /// Extra headers.
    public var headers: HTTPHeaderList
    /// S3 Control: the account id, sent as `x-amz-account-id` and as host prefix on AWS endpoints.
    public var accountId: String?

    /// Creates a REST request.
    public init(method: String = "GET", bucket: String? = nil, path: String = "", query: [(name: String, value: String)] = [],
                headers: HTTPHeaderList = HTTPHeaderList(), accountId: String? = nil) {
        self.method = method
        self.bucket = bucket
        self.path = path
        self.query = query
        self.headers = headers
        self.accountId = accountId
    }
}

extension AWSClient {
    /// Calls a REST-XML operation (S3 `GetBucketPolicy`, S3 Control `GetPublicAccessBlock`, …).
    ///
    /// Buckets use virtual-host addressing on AWS endpoints when the name allows it (lower-case,
    /// no dots), and path style with custom endpoints or when `s3ForcePathStyle` is set.
    public func rest(_ operation: AWSOperation, _ input: RESTRequest) async throws -> AWSResponse {
        let (request, signingRegion) = try restRequest(operation, input)
        return try await send(operation, request, signingRegion: signingRegion)
    }

    func restRequest(_ operation: AWSOperation, _ input: RESTRequest) throws -> (SignableRequest, String) {
        let endpoint = try configuration.endpoints.resolve(operation.service, region: configuration.region)
        var host = endpoint.host
        var path = endpoint.basePath
        let encodedPath = SigV4Encoding.encodePath(input.path)
        if let bucket = input.bucket {
            let virtual = !endpoint.isCustom && !configuration.s3ForcePathStyle && Self.isVirtualHostable(bucket)
            if virtual {
                host = "\(bucket).\(host)"
                path += "/" + Self.trimLeadingSlash(encodedPath)
            } else {
                path += "/" + SigV4Encoding.encode(bucket) + (input.path.isEmpty ? "" : "/" + Self.trimLeadingSlash(encodedPath))
            }
        } else {
            path += encodedPath.hasPrefix("/") ? encodedPath : "/" + encodedPath
        }
        var headers = input.headers
        if let account = input.accountId {
            headers.replace("x-amz-account-id", account)
            if operation.service.id == "s3control" && !endpoint.isCustom { host = "\(account).\(host)" }
        }
        let request = SignableRequest(method: input.method.uppercased(), scheme: endpoint.scheme, host: host, port: endpoint.port,
                                      path: path, query: input.query, headers: headers)
        return (request, endpoint.signingRegion)
    }

    /// Lower-case DNS label of 3–63 characters without dots (dots break TLS wildcard certificates).
    static func isVirtualHostable(_ bucket: String) -> Bool {
        guard (3...63).contains(bucket.count), !bucket.hasPrefix("-"), !bucket.hasSuffix("-") else { return false }
        return bucket.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
    }

    static func trimLeadingSlash(_ s: String) -> String { s.hasPrefix("/") ? String(s.dropFirst()) : s }
}
