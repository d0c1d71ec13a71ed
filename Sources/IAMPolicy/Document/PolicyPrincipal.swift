/// The `Principal`/`NotPrincipal` element of resource and trust policies.
///
/// Trust analysis needs to know exactly who is named (a service, an account, `*`, an identity
/// provider), so the element is kept as typed entries rather than raw JSON.
public enum PolicyPrincipal: Sendable, Hashable {
    /// `"Principal": "*"` — everyone, including anonymous callers.
    case everyone
    /// `{"AWS": ..., "Service": ..., ...}` entries.
    case entries([PrincipalEntry])

    /// All entries (empty for `.everyone`).
    public var entries: [PrincipalEntry] {
        if case let .entries(list) = self { return list }
        return []
    }

    /// True for `"*"` and for `{"AWS": "*"}`.
    public var isWildcard: Bool {
        switch self {
        case .everyone: return true
        case let .entries(list): return list.contains { $0.kind == .aws && $0.value == "*" }
        }
    }
}

/// One named principal.
public struct PrincipalEntry: Sendable, Hashable, CustomStringConvertible {
    /// The principal type (the key in the principal object).
    public enum Kind: Sendable, Hashable {
        case aws, service, federated, canonicalUser
        case other(String)

        init(_ key: String) {
            switch key {
            case "AWS": self = .aws
            case "Service": self = .service
            case "Federated": self = .federated
            case "CanonicalUser": self = .canonicalUser
            default: self = .other(key)
            }
        }

        var key: String {
            switch self {
            case .aws: return "AWS"
            case .service: return "Service"
            case .federated: return "Federated"
            case .canonicalUser: return "CanonicalUser"
            case let .other(key): return key
            }
        }
    }

    public var kind: Kind
    public var value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    public var description: String { "\(kind.key): \(value)" }

    /// The 12-digit account an `AWS` entry names (`123456789012`, `arn:aws:iam::123456789012:root`,
    /// or any IAM ARN), or nil.
    public var account: String? {
        guard kind == .aws else { return nil }
        if value.count == 12, value.allSatisfy(\.isNumber) { return value }
        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        let account = String(parts[4])
        return account.isEmpty ? nil : account
    }
}
