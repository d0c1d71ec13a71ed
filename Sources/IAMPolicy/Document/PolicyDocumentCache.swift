import Foundation

/// Parsed policy documents by their text, shared by the threads of one audit.
///
/// Why: a fleet repeats the same documents across thousands of roles (trust policies above all,
/// and policies stamped out by templates); each text is parsed once. Parse errors are remembered
/// too, so a document gives the same answer every time.
public final class PolicyDocumentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [Text: Result<PolicyDocument, PolicyParseError>] = [:]

    /// - Parameter capacity: the distinct texts expected (an audit: about one per role), reserved
    ///   up front so that the table is not rebuilt again and again as it fills.
    public init(capacity: Int = 0) {
        parsed.reserveCapacity(capacity)
    }

    /// `PolicyDocument(json:)`, once per distinct text.
    public func document(json: String) throws(PolicyParseError) -> PolicyDocument {
        let key = Text(json)
        lock.lock()
        let known = parsed[key]
        lock.unlock()
        let result: Result<PolicyDocument, PolicyParseError>
        if let known {
            result = known
        } else {
            do { result = .success(try PolicyDocument(json: json)) } catch { result = .failure(error) }
            lock.lock()
            parsed[key] = result
            lock.unlock()
        }
        return try result.get()
    }

    /// A document text with its hash worked out once: a miss looks the text up and then stores
    /// it, and policy texts run to kilobytes.
    private struct Text: Hashable {
        let text: String
        let hash: Int

        init(_ text: String) {
            self.text = text
            var hasher = Hasher()
            hasher.combine(text)
            hash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (lhs: Text, rhs: Text) -> Bool { lhs.hash == rhs.hash && lhs.text == rhs.text }
    }
}
