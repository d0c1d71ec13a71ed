import Foundation

/// Parsed policy documents by their text, shared by the threads of one audit.
///
/// Why: a fleet repeats the same documents across thousands of roles (trust policies above all,
/// and policies stamped out by templates); each text is parsed once. Parse errors are remembered
/// too, so a document gives the same answer every time.
public final class PolicyDocumentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: Result<PolicyDocument, PolicyParseError>] = [:]

    public init() {}

    /// `PolicyDocument(json:)`, once per distinct text.
    public func document(json: String) throws(PolicyParseError) -> PolicyDocument {
        lock.lock()
        let known = parsed[json]
        lock.unlock()
        let result: Result<PolicyDocument, PolicyParseError>
        if let known {
            result = known
        } else {
            do { result = .success(try PolicyDocument(json: json)) } catch { result = .failure(error) }
            lock.lock()
            parsed[json] = result
            lock.unlock()
        }
        return try result.get()
    }
}
