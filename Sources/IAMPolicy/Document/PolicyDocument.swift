import Foundation

/// An IAM policy document: identity, resource, trust, permissions boundary or SCP shaped.
///
/// The one type every analysis reads. Construction validates the grammar (so evaluation never
/// meets a half-understood statement) and accepts documents as the IAM API returns them
/// (URL-encoded) as well as plain JSON.
public struct PolicyDocument: Sendable, Hashable {
    /// `2012-10-17` or `2008-10-17`; nil when the document omits it (IAM then assumes 2008-10-17).
    public var version: String?
    public var id: String?
    public var statements: [PolicyStatement]

    public init(version: String? = "2012-10-17", id: String? = nil, statements: [PolicyStatement]) {
        self.version = version
        self.id = id
        self.statements = statements
    }

    /// Parses JSON text, or URL-encoded JSON text as returned by `GetRolePolicy` and friends.
    ///
    /// - Throws: `PolicyParseError` saying what is wrong and where.
    public init(json: String) throws(PolicyParseError) {
        try self.init(text: json)
    }

    /// Parses UTF-8 bytes holding JSON or URL-encoded JSON.
    public init(data: Data) throws(PolicyParseError) {
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyParseError(.invalidJSON("not UTF-8 text"), at: "")
        }
        try self.init(text: text)
    }

    init(text: String) throws(PolicyParseError) {
        var bytes = Array(text.utf8)
        let firstContent = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        if let firstContent, bytes[firstContent] == UInt8(ascii: "%") {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let decoded = trimmed.removingPercentEncoding else { throw PolicyParseError(.invalidURLEncoding, at: "") }
            bytes = Array(decoded.utf8)
        }
        if let document = PolicyDocument(wellFormed: bytes) {
            self = document
        } else {
            try self.init(tree: bytes)
        }
    }

    /// Parses through a `JSONValue` tree: the path that reports what is wrong with a text.
    init(tree bytes: [UInt8]) throws(PolicyParseError) {
        try self.init(value: try JSONValue.parse(bytes))
    }
}
