/// Decides which operations a read-only client may send.
///
/// Audits must not change anything even through a bug, so the client checks every call before
/// it is signed: the name must start with Describe, Get, List or Lookup followed by an upper-case
/// letter (so a name like `Listing` does not pass), or be an STS credential call. REST calls must
/// also use GET or HEAD (`Head*` names are allowed only with HEAD), since the method, not the
/// name, is what S3 acts on.
public enum ReadOnlyGuard {
    /// The read prefixes.
    public static let readPrefixes = ["Describe", "Get", "List", "Lookup"]
    /// Non-read calls a read-only client still needs (credentials, identity).
    public static let allowedExceptions: Set<String> = ["sts:GetCallerIdentity", "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"]

    /// Whether `operation` is a read by name.
    public static func isReadOperation(_ operation: AWSOperation) -> Bool {
        if allowedExceptions.contains("\(operation.service.id):\(operation.name)") { return true }
        return readPrefixes.contains { hasWordPrefix(operation.name, $0) }
    }

    /// Whether a read-only client may send `operation` with HTTP `method`.
    public static func allows(_ operation: AWSOperation, method: String) -> Bool {
        let method = method.uppercased()
        if operation.service.protocol == .restXML {
            if method == "HEAD" { return hasWordPrefix(operation.name, "Head") || isReadOperation(operation) }
            return method == "GET" && isReadOperation(operation)
        }
        return isReadOperation(operation)
    }

    static func hasWordPrefix(_ name: String, _ prefix: String) -> Bool {
        guard name.hasPrefix(prefix) else { return false }
        let rest = name.dropFirst(prefix.count)
        return rest.first.map { $0.isUppercase } ?? true
    }
}
