import Foundation

extension SigV4Signer {
    /// The longest validity AWS accepts for a presigned URL (7 days).
    public static let maximumPresignExpiry = 604_800

    /// Returns a presigned URL string for `request`, valid for `expires` seconds from `date`.
    ///
    /// The operation's query parameters come first in the caller's order, then `X-Amz-Algorithm`,
    /// `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`, the session
    /// token if any, and last `X-Amz-Signature`. S3 signs `UNSIGNED-PAYLOAD`; other services the
    /// body hash. `expires` is clamped to 1…604800 seconds. The result carries a live signature:
    /// treat it as a secret.
    public func presignedURLString(for request: SignableRequest, date: Date, expires: Int = 3600) -> String {
        var request = request
        let timestamp = SigV4Timestamp(date)
        if request.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8" {
            request.headers.remove("Content-Type")
        }
        let headers = Self.headersToSign(request)
        let signedHeaders = headers.map(\.name).joined(separator: ";")
        // A later parameter with the same name replaces an earlier one, keeping the first position.
        var operation: [(name: String, value: String)] = []
        for item in request.query {
            if let index = operation.firstIndex(where: { $0.name == item.name }) {
                operation[index].value = item.value
            } else {
                operation.append(item)
            }
        }
        var auth: [(name: String, value: String)] = [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(credentials.accessKeyId)/\(credentialScope(timestamp))"),
            ("X-Amz-Date", timestamp.amzDate),
            ("X-Amz-Expires", String(min(max(expires, 1), Self.maximumPresignExpiry))),
            ("X-Amz-SignedHeaders", signedHeaders),
        ]
        if let token = credentials.sessionToken { auth.append(("X-Amz-Security-Token", token)) }
        let all = operation + auth
        let encoded = all.map { (SigV4Encoding.encode($0.name), SigV4Encoding.encode($0.value)) }
        let payloadHash = flavor == .s3 ? Self.unsignedPayload : Self.payloadHash(of: request)
        let canonical = canonicalRequest(request, headers: headers, canonicalQuery: Self.sortedPairs(encoded), payloadHash: payloadHash)
        let signature = signature(canonicalRequest: canonical, timestamp: timestamp)
        let authority = request.port.map { "\(request.host):\($0)" } ?? request.host
        let query = encoded.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return "\(request.scheme)://\(authority)\(request.path)?\(query)&X-Amz-Signature=\(signature)"
    }

    /// The presigned URL as a `URL` (see `presignedURLString(for:date:expires:)`).
    public func presign(_ request: SignableRequest, date: Date, expires: Int = 3600) -> URL? {
        URL(string: presignedURLString(for: request, date: date, expires: expires))
    }
}
