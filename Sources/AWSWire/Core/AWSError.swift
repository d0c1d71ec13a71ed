/// Why an AWS call failed, typed so that audits can say *what* they could not see and why.
///
/// Every case names the operation (`iam:GetRolePolicy`); none carries credentials, signatures
/// or request bodies. `findingReason` is the short form controls use: "iam:GetRolePolicy denied".
public enum AWSError: Error, Sendable, Hashable {
    /// The caller is not allowed (`AccessDenied`, `AccessDeniedException`, `UnauthorizedOperation`, …).
    case accessDenied(operation: AWSOperation, code: String, message: String?)
    /// The service kept throttling after all retries (`Throttling`, `RequestLimitExceeded`, `SlowDown`, …).
    case throttled(operation: AWSOperation, code: String, attempts: Int)
    /// The resource does not exist (`NoSuch*`, `*NotFound*`, or HTTP 404 without a code).
    case notFound(operation: AWSOperation, code: String, message: String?)
    /// The credentials were rejected (`InvalidClientTokenId`, `SignatureDoesNotMatch`, `ExpiredToken`, …).
    case authenticationFailed(operation: AWSOperation, code: String, message: String?)
    /// Any other service error, with its code, message and HTTP status.
    case service(operation: AWSOperation, code: String, message: String?, status: Int)
    /// The read-only guard refused to send a call that is not Describe/Get/List/Lookup.
    case readOnlyViolation(operation: AWSOperation)
    /// The request never got an answer (connection refused, reset, timed out) after all retries.
    case transport(operation: AWSOperation, reason: String, attempts: Int)
    /// The answer could not be understood (malformed XML/JSON, missing fields).
    case invalidResponse(operation: AWSOperation, reason: String)
    /// No usable credentials, or a credential source failed (no secrets in the reason).
    case credentials(String)
    /// Bad configuration: unknown profile, missing region, malformed endpoint URL.
    case configuration(String)

    /// The operation the error belongs to, if any.
    public var operation: AWSOperation? {
        switch self {
        case .accessDenied(let op, _, _), .throttled(let op, _, _), .notFound(let op, _, _), .authenticationFailed(let op, _, _),
             .service(let op, _, _, _), .readOnlyViolation(let op), .transport(let op, _, _), .invalidResponse(let op, _):
            return op
        case .credentials, .configuration:
            return nil
        }
    }

    /// The AWS error code, if the service sent one.
    public var code: String? {
        switch self {
        case .accessDenied(_, let c, _), .throttled(_, let c, _), .notFound(_, let c, _), .authenticationFailed(_, let c, _), .service(_, let c, _, _):
            return c
        default:
            return nil
        }
    }

    /// A short reason for a `not-assessed` finding: "iam:GetRolePolicy denied".
    public var findingReason: String {
        switch self {
        case .accessDenied(let op, _, _): return "\(op) denied"
        case .throttled(let op, _, let n): return "\(op) throttled (\(n) attempts)"
        case .notFound(let op, let code, _): return "\(op) not found (\(code))"
        case .authenticationFailed(let op, let code, _): return "\(op) credentials rejected (\(code))"
        case .service(let op, let code, _, let status): return "\(op) failed: \(code) (HTTP \(status))"
        case .readOnlyViolation(let op): return "\(op) refused by read-only mode"
        case .transport(let op, let reason, _): return "\(op) unreachable: \(reason)"
        case .invalidResponse(let op, let reason): return "\(op) returned an invalid response: \(reason)"
        case .credentials(let reason): return "no usable credentials: \(reason)"
        case .configuration(let reason): return "configuration error: \(reason)"
        }
    }
}

extension AWSError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .accessDenied(_, let code, let message), .notFound(_, let code, let message), .authenticationFailed(_, let code, let message):
            return "\(findingReason) [\(code)]\(message.map { ": \($0)" } ?? "")"
        case .service(_, _, let message, _):
            return findingReason + (message.map { ": \($0)" } ?? "")
        default:
            return findingReason
        }
    }
}
