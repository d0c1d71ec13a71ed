/// How an operation pages: which request parameter carries the token, which response field
/// returns it, and (for IAM/S3/KMS) which flag says more results follow.
///
/// Names are the wire names (EC2 answers `nextToken`, S3 takes `continuation-token`).
public struct AWSPaginator: Sendable, Hashable {
    /// The request parameter that carries the token.
    public let inputToken: String
    /// The response field that returns the next token.
    public let outputToken: String
    /// A response flag (`IsTruncated`, `Truncated`) that must be `true` for another page.
    public let moreResults: String?
    /// The response lists the pages hold (informational, for callers that aggregate).
    public let resultKeys: [String]

    /// Creates a paginator description.
    public init(inputToken: String, outputToken: String, moreResults: String? = nil, resultKeys: [String] = []) {
        self.inputToken = inputToken
        self.outputToken = outputToken
        self.moreResults = moreResults
        self.resultKeys = resultKeys
    }

    /// The paginator botocore declares for `operation`, if any.
    public static func forOperation(_ operation: AWSOperation) -> AWSPaginator? {
        catalog["\(operation.service.id):\(operation.name)"]
    }
}
