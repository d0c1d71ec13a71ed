import SigV4

/// A successful AWS answer: status, headers, raw body and the parsed tree.
///
/// XML services fill `xml` (and `result`, the part that holds the fields); JSON services fill
/// `json`. The body is bounded by the client's `maxResponseBytes`.
public struct AWSResponse: Sendable {
    /// The operation that was called.
    public let operation: AWSOperation
    /// The HTTP status.
    public let status: Int
    /// The response headers.
    public let headers: HTTPHeaderList
    /// The raw body.
    public let body: [UInt8]
    /// The parsed XML root (Query, EC2, REST-XML), if the body was XML.
    public let xml: AWSXMLNode?
    /// The parsed JSON (JSON 1.1), if the body was JSON.
    public let json: JSONValue?

    /// Creates a response (used by the client and by tests).
    public init(operation: AWSOperation, status: Int, headers: HTTPHeaderList, body: [UInt8], xml: AWSXMLNode?, json: JSONValue?) {
        self.operation = operation
        self.status = status
        self.headers = headers
        self.body = body
        self.xml = xml
        self.json = json
    }

    /// The element holding the fields: `<OperationResult>` for Query, the root for EC2 and REST-XML.
    public var result: AWSXMLNode? {
        guard let xml else { return nil }
        return xml["\(operation.name)Result"] ?? xml
    }

    /// The AWS request id (for support cases; not secret).
    public var requestId: String? {
        headers["x-amzn-RequestId"] ?? headers["x-amz-request-id"] ?? xml?.string("ResponseMetadata", "RequestId") ?? xml?.string("requestId")
    }

    /// The next-page token by the paginator's rules, or `nil` on the last page.
    public func nextToken(_ paginator: AWSPaginator) -> String? {
        if let more = paginator.moreResults {
            let flag = result?.bool(more) ?? json?[more]?.bool ?? false
            if !flag { return nil }
        }
        let token = result?.string(paginator.outputToken) ?? json?[paginator.outputToken]?.string ?? headers[paginator.outputToken]
        guard let token, !token.isEmpty else { return nil }
        return token
    }
}
