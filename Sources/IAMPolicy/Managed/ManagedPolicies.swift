import Foundation

/// AWS managed policies bundled with ebguard, looked up by ARN.
///
/// Why: roles get most of their power from AWS managed policies referenced only by ARN. With the
/// documents bundled (generated from moto's snapshot by `scripts/iam/gen-managed-policies.py`), an
/// offline audit can evaluate them. An ARN that is not bundled returns nil: callers must report it
/// as unknown (not-assessed), never evaluate it as an empty policy.
public enum ManagedPolicies {
    /// The policy document for an AWS managed policy ARN (any partition), or nil when not bundled.
    public static func document(arn: String) -> PolicyDocument? {
        guard isAWSManaged(arn: arn) else { return nil }
        return ManagedPolicyStore.shared.document(name: name(ofArn: arn))
    }

    /// Facts about a bundled AWS managed policy.
    public static func info(arn: String) -> ManagedPolicyInfo? {
        guard isAWSManaged(arn: arn) else { return nil }
        return ManagedPolicyStore.shared.info(name: name(ofArn: arn))
    }

    /// Whether the policy is deprecated or retired, and what replaces it. Works for retired
    /// policies whose documents are not bundled too (e.g. `AWSElasticBeanstalkFullAccess`).
    public static func deprecation(arn: String) -> Deprecation? {
        guard isAWSManaged(arn: arn) else { return nil }
        return ManagedPolicyStore.shared.deprecations[name(ofArn: arn)]
    }

    /// The ARN of a bundled AWS managed policy by name (`AdministratorAccess` →
    /// `arn:aws:iam::aws:policy/AdministratorAccess`), nil when not bundled.
    public static func arn(forName name: String, partition: String = "aws") -> String? {
        guard let info = ManagedPolicyStore.shared.info(name: name) else { return nil }
        return "arn:\(partition):iam::aws:policy\(info.path)\(info.name)"
    }

    /// Names of all bundled policies, sorted.
    public static var names: [String] { ManagedPolicyStore.shared.names }

    /// The data set the bundle was generated from (e.g. `moto 5.2.1 ...`).
    public static var dataset: String { ManagedPolicyStore.shared.dataset }

    /// Why the bundle could not be loaded, if it could not.
    public static var loadError: String? { ManagedPolicyStore.shared.loadError }

    /// Whether the ARN is an AWS managed policy ARN (`arn:<partition>:iam::aws:policy/...`).
    public static func isAWSManaged(arn: String) -> Bool {
        let parts = arn.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0].elementsEqual("arn".utf8) && parts[2].elementsEqual("iam".utf8)
            && parts[4].elementsEqual("aws".utf8) && parts[5].starts(with: "policy/".utf8)
    }

    /// The last path component of a policy ARN (the policy name), or the text itself.
    public static func name(ofArn arn: String) -> String {
        guard arn.hasPrefix("arn:"), let slash = arn.lastIndex(of: "/") else { return arn }
        return String(arn[arn.index(after: slash)...])
    }
}

/// Facts about one bundled managed policy.
public struct ManagedPolicyInfo: Sendable, Hashable {
    public var name: String
    /// IAM path, e.g. `/service-role/`.
    public var path: String
    public var defaultVersionId: String
    public var updateDate: String
}

/// A deprecated or retired managed policy and what AWS recommends instead.
public struct Deprecation: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// The replacement policy's name, when AWS names one.
    public var replacement: String?
    public var reason: String
    /// Whether the deprecated policy's document is bundled (retired ones often are not).
    public var documentBundled: Bool

    public var description: String {
        if let replacement { return "\(name) is deprecated; use \(replacement) (\(reason))" }
        return "\(name) is deprecated (\(reason))"
    }
}
