import Crypto

extension SigV4Signer {
    /// The canonical request: method, canonical path, canonical query, canonical headers,
    /// signed header names and payload hash, separated by newlines.
    func canonicalRequest(_ request: SignableRequest, headers: [(name: String, value: String)], canonicalQuery: String, payloadHash: String) -> String {
        var lines: [String] = []
        lines.append(request.method.uppercased())
        lines.append(canonicalPath(request.path))
        lines.append(canonicalQuery)
        lines.append(headers.map { "\($0.name):\($0.value)" }.joined(separator: "\n") + "\n")
        lines.append(headers.map(\.name).joined(separator: ";"))
        lines.append(payloadHash)
        return lines.joined(separator: "\n")
    }

    /// S3 signs the wire path as is; other services remove dot segments and empty segments and
    /// then encode the (already encoded) path a second time, so `%20` becomes `%2520`.
    func canonicalPath(_ path: String) -> String {
        switch flavor {
        case .s3: return path
        case .standard: return SigV4Encoding.encode(SigV4Encoding.normalizePath(path), keepSlash: true)
        }
    }

    /// Query pairs encoded, then sorted by encoded name and, for repeated names, by encoded value.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        let encoded = query.map { (SigV4Encoding.encode($0.name), SigV4Encoding.encode($0.value)) }
        return sortedPairs(encoded)
    }

    /// Sorts already-encoded pairs byte-wise (name, then value) and joins them.
    static func sortedPairs(_ pairs: [(String, String)]) -> String {
        pairs.sorted { a, b in
            if a.0 != b.0 { return a.0.utf8.lexicographicallyPrecedes(b.0.utf8) }
            return a.1.utf8.lexicographicallyPrecedes(b.1.utf8)
        }
        .map { "\($0.0)=\($0.1)" }
        .joined(separator: "&")
    }

    /// The headers that are signed, lower-cased and sorted; repeated names are joined with commas
    /// in order, each value trimmed and with runs of white space folded to one space. `host` is
    /// added from the URL when the request has none.
    static func headersToSign(_ request: SignableRequest) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for entry in request.headers {
            let name = entry.name.lowercased()
            if unsignableHeaders.contains(name) { continue }
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(entry.value)
        }
        if values["host"] == nil {
            order.append("host")
            values["host"] = [request.hostHeaderValue]
        }
        return order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            (name: name, value: values[name, default: []].map(trimAll).joined(separator: ","))
        }
    }

    /// Trims white space at both ends and folds inner runs of white space into one space.
    static func trimAll(_ value: String) -> String {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value) {
                if !current.isEmpty {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words.joined(separator: " ")
    }

    /// The payload hash for the request's payload-signing mode.
    static func payloadHash(of request: SignableRequest) -> String {
        switch request.payloadSigning {
        case .unsigned: return unsignedPayload
        case .precomputed(let hash): return hash
        case .signed: return request.body.isEmpty ? emptyPayloadHash : hex(SHA256.hash(data: request.body))
        }
    }
}
