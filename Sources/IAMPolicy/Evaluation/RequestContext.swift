/// What is known about a request: condition key values and, for resource and trust policies, the caller.
///
/// Why "known" matters: an audit usually has no real request. With `isComplete == false` (the
/// default) a key that is not given is *unknown*, so conditions on it evaluate to "maybe" and the
/// decision is marked conditional. With `isComplete == true` a key that is not given is *absent*,
/// exactly as IAM treats a request that does not carry it.
public struct RequestContext: Sendable, Hashable {
    /// The result of looking a key up.
    public enum Lookup: Sendable, Hashable {
        case present([String])
        case absent
        case unknown
    }

    /// Who makes the request, for matching `Principal`/`NotPrincipal` in resource and trust policies.
    public enum Caller: Sendable, Hashable {
        /// An IAM user, role, assumed-role session or account root, by ARN.
        case aws(arn: String)
        /// An AWS service principal such as `ec2.amazonaws.com`.
        case service(String)
        /// A web-identity or SAML provider.
        case federated(String)
        case canonicalUser(String)
        case anonymous
    }

    var storage: [String: [String]]
    /// When true, keys not given are absent from the request rather than unknown.
    public var isComplete: Bool
    /// The caller, when the policy being evaluated names principals; `nil` skips principal matching.
    public var caller: Caller?

    /// - Parameters:
    ///   - values: condition key values (multi-valued keys carry several); key names are case-insensitive.
    ///   - isComplete: whether keys not given should be treated as absent (true) or unknown (false).
    ///   - caller: the requesting principal, for resource and trust policies.
    public init(_ values: [String: [String]] = [:], isComplete: Bool = false, caller: Caller? = nil) {
        var storage: [String: [String]] = [:]
        for (key, value) in values { storage[key.lowercased(), default: []].append(contentsOf: value) }
        self.storage = storage
        self.isComplete = isComplete
        self.caller = caller
    }

    /// Convenience for single-valued keys.
    public init(single values: [String: String], isComplete: Bool = false, caller: Caller? = nil) {
        self.init(values.mapValues { [$0] }, isComplete: isComplete, caller: caller)
    }

    /// Sets (or replaces) one key.
    public mutating func set(_ key: String, _ values: [String]) {
        storage[key.lowercased()] = values
    }

    /// Looks a key up (case-insensitively).
    public func lookup(_ key: String) -> Lookup {
        if let values = storage[key.lowercased()] { return .present(values) }
        return isComplete ? .absent : .unknown
    }
}
