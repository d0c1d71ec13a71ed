import Foundation

/// An HTTP request in the form the signer needs: method, URL parts, ordered headers and body.
///
/// The path is kept percent-encoded exactly as it goes on the wire, and the query as decoded
/// name/value pairs in the caller's order, because SigV4's canonical form is defined on those
/// and re-parsing a `URL` would lose repeated keys, empty values and encoding choices.
public struct SignableRequest: Sendable, Hashable {
    /// How the payload takes part in the signature.
    public enum PayloadSigning: Sendable, Hashable {
        /// Hash the body with SHA-256 (the default, and the only safe choice over plain HTTP).
        case signed
        /// Sign the literal `UNSIGNED-PAYLOAD`; the body may then change without breaking the signature.
        case unsigned
        /// Use a hex SHA-256 the caller already computed (for example of a streamed file).
        case precomputed(String)
    }

    /// The HTTP method, e.g. `GET`; upper-cased in the canonical request.
    public var method: String
    /// `https` or `http`.
    public var scheme: String
    /// The host name as it appears in the URL (the signed `host` header is lower-cased).
    public var host: String
    /// The port written in the URL, if any; a default port (443/80) is left out of the `host` header.
    public var port: Int?
    /// The path, percent-encoded once, as sent on the wire. Use `SigV4Encoding.encodePath` to build it.
    public var path: String
    /// Decoded query parameters in the order they are sent; repeated and empty keys are allowed.
    public var query: [(name: String, value: String)]
    /// Headers in order; names are case-insensitive and repeated names are kept.
    public var headers: HTTPHeaderList
    /// The body bytes (empty for most read calls).
    public var body: [UInt8]
    /// How the body takes part in the signature.
    public var payloadSigning: PayloadSigning

    /// Creates a request from its parts.
    public init(
        method: String,
        scheme: String = "https",
        host: String,
        port: Int? = nil,
        path: String = "/",
        query: [(name: String, value: String)] = [],
        headers: HTTPHeaderList = HTTPHeaderList(),
        body: [UInt8] = [],
        payloadSigning: PayloadSigning = .signed
    ) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.payloadSigning = payloadSigning
    }

    /// The `host` header value SigV4 signs: lower-cased host, port only when not the scheme's default.
    public var hostHeaderValue: String {
        let lower = host.lowercased()
        guard let port else { return lower }
        let defaultPort = scheme.lowercased() == "https" ? 443 : (scheme.lowercased() == "http" ? 80 : nil)
        return port == defaultPort ? lower : "\(lower):\(port)"
    }

    /// The query string as sent: each name and value percent-encoded (RFC 3986 unreserved kept), in order.
    public var encodedQuery: String {
        query.map { "\(SigV4Encoding.encode($0.name))=\(SigV4Encoding.encode($0.value))" }.joined(separator: "&")
    }

    /// The full URL string as sent on the wire.
    public var urlString: String {
        let authority = port.map { "\(host):\($0)" } ?? host
        let q = encodedQuery
        return "\(scheme)://\(authority)\(path)\(q.isEmpty ? "" : "?" + q)"
    }

    public static func == (lhs: SignableRequest, rhs: SignableRequest) -> Bool {
        lhs.method == rhs.method && lhs.scheme == rhs.scheme && lhs.host == rhs.host && lhs.port == rhs.port
            && lhs.path == rhs.path && lhs.query.elementsEqual(rhs.query, by: { $0 == $1 })
            && lhs.headers == rhs.headers && lhs.body == rhs.body && lhs.payloadSigning == rhs.payloadSigning
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(host)
        hasher.combine(path)
        for item in query {
            hasher.combine(item.name)
            hasher.combine(item.value)
        }
    }
}
