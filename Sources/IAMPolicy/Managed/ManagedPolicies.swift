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
        return ManagedPolicyStore.shared.document(name: nameSlice(ofArn: arn))
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
        return ManagedPolicyStore.shared.deprecations[nameSlice(ofArn: arn)]
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
    /// (Checked on the bytes without splitting: every role's attached ARNs pass through here.)
    public static func isAWSManaged(arn: String) -> Bool {
        var text = arn
        return text.withUTF8 { bytes in
            // Field starts: 0 "arn", 1 partition, 2 "iam", 3 region, 4 account, 5 resource.
            var starts = (0, 0, 0, 0, 0, 0)
            var field = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: ":") {
                field += 1
                switch field {
                case 1: starts.1 = index + 1
                case 2: starts.2 = index + 1
                case 3: starts.3 = index + 1
                case 4: starts.4 = index + 1
                case 5: starts.5 = index + 1
                default: break
                }
                if field == 5 { break }
            }
            guard field == 5 else { return false }
            func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
                guard range.count == literal.utf8CodeUnitCount else { return false }
                let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
                return bytes[range].elementsEqual(expected)
            }
            let policy: StaticString = "policy/"
            let resource = starts.5..<bytes.count
            return equals(0..<(starts.1 - 1), "arn") && equals(starts.2..<(starts.3 - 1), "iam") && equals(starts.4..<(starts.5 - 1), "aws")
                && resource.count >= policy.utf8CodeUnitCount
                && equals(starts.5..<(starts.5 + policy.utf8CodeUnitCount), policy)
        }
    }

    /// The last path component of a policy ARN (the policy name), or the text itself.
    public static func name(ofArn arn: String) -> String {
        String(nameSlice(ofArn: arn))
    }

    /// `name(ofArn:)` as a part of the ARN: the bundle's tables are looked up with it as it is
    /// (every role's attached ARNs are, for its documents and deprecations), with no name made.
    static func nameSlice(ofArn arn: String) -> Substring {
        let utf8 = arn.utf8
        guard utf8.starts(with: "arn:".utf8), let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return arn[...] }
        return arn[utf8.index(after: slash)...]
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
