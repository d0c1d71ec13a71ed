extension AWSError {
    /// Codes meaning "slow down"; retried with backoff (botocore's standard retry list).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    /// Codes of transient server-side failures; retried like 5xx.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "ServiceUnavailable", "ServiceUnavailableException", "IDPCommunicationError",
    ]

    /// Codes meaning the caller lacks permission for this call.
    public static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "AuthorizationError",
        "Forbidden", "AllAccessDisabled", "NotAuthorized", "InsufficientPrivilegesException",
    ]

    /// Codes meaning the credentials themselves were not accepted.
    public static let authenticationCodes: Set<String> = [
        "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException",
        "AuthFailure", "InvalidAccessKeyId", "IncompleteSignature", "MissingAuthenticationToken", "RequestExpired",
        "InvalidToken", "TokenRefreshRequired",
    ]

    /// Maps a decoded error code and status to a typed error.
    static func classify(operation: AWSOperation, code: String?, message: String?, status: Int, attempts: Int) -> AWSError {
        let code = code ?? defaultCode(forStatus: status)
        if throttlingCodes.contains(code) || status == 429 { return .throttled(operation: operation, code: code, attempts: attempts) }
        if accessDeniedCodes.contains(code) { return .accessDenied(operation: operation, code: code, message: message) }
        if authenticationCodes.contains(code) { return .authenticationFailed(operation: operation, code: code, message: message) }
        if code.hasPrefix("NoSuch") || code.contains("NotFound") || (status == 404 && code == "NotFound") {
            return .notFound(operation: operation, code: code, message: message)
        }
        return .service(operation: operation, code: code, message: message, status: status)
    }

    /// Whether an HTTP status and code are worth retrying.
    static func isRetryable(code: String?, status: Int) -> Bool {
        if let code, throttlingCodes.contains(code) || transientCodes.contains(code) { return true }
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504
    }

    /// A code for bodies without one (S3 HEAD answers have no body).
    static func defaultCode(forStatus status: Int) -> String {
        switch status {
        case 403: return "AccessDenied"
        case 404: return "NotFound"
        case 429: return "TooManyRequestsException"
        case 500..<600: return "InternalError"
        default: return "HTTP\(status)"
        }
    }
}
