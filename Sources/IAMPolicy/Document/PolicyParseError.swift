/// Why a policy document could not be read, and where.
///
/// Policies come from AWS APIs, CLI exports and IaC files written by hand; a malformed one must
/// turn into a `not-assessed` verdict with a precise reason, never a crash and never a pass.
/// `path` is a JSONPath-like location (`Statement[2].Condition.StringEquals`), or a
/// `line:column` position for JSON syntax errors.
public struct PolicyParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The text is not JSON (or not valid UTF-8, or nested too deeply).
        case invalidJSON(String)
        /// The text looked URL-encoded but could not be decoded.
        case invalidURLEncoding
        /// An element had the wrong JSON type.
        case wrongType(expected: String, found: String)
        /// A required element is absent (for example `Effect`).
        case missingElement(String)
        /// Two elements that exclude each other are both present (for example `Action` and `NotAction`).
        case conflictingElements(String, String)
        /// An element IAM does not define.
        case unknownElement(String)
        /// An element has a value IAM does not accept (for example `Effect: "Permit"`).
        case invalidValue(String)
    }

    public var kind: Kind
    /// Where in the document, for example `Statement[1].Effect`.
    public var path: String

    public init(_ kind: Kind, at path: String) {
        self.kind = kind
        self.path = path
    }

    public var description: String {
        let location = path.isEmpty ? "document" : path
        switch kind {
        case let .invalidJSON(detail): return "invalid JSON at \(location): \(detail)"
        case .invalidURLEncoding: return "policy text looks URL-encoded but does not decode"
        case let .wrongType(expected, found): return "\(location): expected \(expected), found \(found)"
        case let .missingElement(name): return "\(location): missing \(name)"
        case let .conflictingElements(a, b): return "\(location): \(a) and \(b) cannot both be present"
        case let .unknownElement(name): return "\(location): unknown element \(name)"
        case let .invalidValue(detail): return "\(location): \(detail)"
        }
    }
}
