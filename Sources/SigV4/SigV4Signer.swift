import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4 (header signing and presigned URLs).
///
/// One signer holds one set of credentials for one region and service; the derived signing key
/// is cached per date/region/service so a busy audit does four HMACs per day, not per request.
/// The signer never does I/O and never logs: canonical requests contain the session token.
public struct SigV4Signer: Sendable {
    /// The signing rules that differ between services.
    public enum Flavor: Sendable, Hashable {
        /// Every service but S3: the path is normalized and encoded a second time.
        case standard
        /// S3 (and S3 Control, which signs as `s3`): the path is used exactly as sent, and
        /// `x-amz-content-sha256` is always added and signed.
        case s3
    }

    /// The credentials requests are signed with.
    public let credentials: AWSCredentials
    /// The region in the credential scope (`us-east-1` for global IAM).
    public let region: String
    /// The signing name in the credential scope (`s3`, `iam`, `elasticbeanstalk`, …).
    public let service: String
    /// The path and payload rules; derived from `service` unless given.
    public let flavor: Flavor

    let keyCache: SigningKeyCache

    /// Creates a signer. `flavor` defaults to `.s3` for the `s3` signing name, else `.standard`.
    public init(credentials: AWSCredentials, region: String, service: String, flavor: Flavor? = nil) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.flavor = flavor ?? (service == "s3" || service == "s3-object-lambda" || service == "s3-outposts" ? .s3 : .standard)
        self.keyCache = SigningKeyCache(secretAccessKey: credentials.secretAccessKey)
    }

    /// Headers that proxies and clients rewrite, so they are never signed.
    static let unsignableHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The literal payload hash of a request whose body is not signed.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of the empty string.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Signs `request` in place for `date`: sets `X-Amz-Date`, `X-Amz-Security-Token` (temporary
    /// credentials), `X-Amz-Content-SHA256` (S3, or unsigned payloads) and `Authorization`,
    /// replacing any earlier values so a retried request can be signed again. A `Date` header is
    /// removed: the signature always uses `X-Amz-Date` (botocore would sign `Date` instead).
    public func sign(_ request: inout SignableRequest, date: Date) {
        let timestamp = SigV4Timestamp(date)
        request.headers.remove("Authorization")
        request.headers.remove("Date")
        request.headers.replace("X-Amz-Date", timestamp.amzDate)
        if let token = credentials.sessionToken {
            request.headers.replace("X-Amz-Security-Token", token)
        }
        switch flavor {
        case .s3:
            request.headers.replace("X-Amz-Content-SHA256", Self.payloadHash(of: request))
        case .standard:
            if case .unsigned = request.payloadSigning {
                request.headers.replace("X-Amz-Content-SHA256", Self.unsignedPayload)
            }
        }
        let headers = Self.headersToSign(request)
        let payloadHash = request.headers["X-Amz-Content-SHA256"] ?? Self.payloadHash(of: request)
        let canonical = canonicalRequest(request, headers: headers, canonicalQuery: Self.canonicalQuery(request.query), payloadHash: payloadHash)
        let signature = signature(canonicalRequest: canonical, timestamp: timestamp)
        let signed = headers.map(\.name).joined(separator: ";")
        request.headers.add(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(credentialScope(timestamp)), SignedHeaders=\(signed), Signature=\(signature)")
    }

    /// The scope `yyyyMMdd/region/service/aws4_request`.
    func credentialScope(_ timestamp: SigV4Timestamp) -> String {
        "\(timestamp.dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// The hex signature of a canonical request.
    func signature(canonicalRequest: String, timestamp: SigV4Timestamp) -> String {
        let stringToSign = stringToSign(canonicalRequest: canonicalRequest, timestamp: timestamp)
        let key = keyCache.key(dateStamp: timestamp.dateStamp, region: region, service: service)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return Self.hex(mac)
    }

    /// `AWS4-HMAC-SHA256 \n timestamp \n scope \n hex(sha256(canonical request))`.
    func stringToSign(canonicalRequest: String, timestamp: SigV4Timestamp) -> String {
        let hash = Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8)))
        return "AWS4-HMAC-SHA256\n\(timestamp.amzDate)\n\(credentialScope(timestamp))\n\(hash)"
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex<D: Digest>(_ digest: D) -> String { hex(Array(digest)) }
    static func hex(_ code: HashedAuthenticationCode<SHA256>) -> String { hex(Array(code)) }
}
