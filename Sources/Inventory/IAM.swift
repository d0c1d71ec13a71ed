/// IAM state relevant to Elastic Beanstalk: roles, instance profiles, managed policies, users.
///
/// Policy documents are kept as JSON text (decoded, not URL-encoded) so that a snapshot records
/// exactly what was seen; the `IAMPolicy` module parses them.
public struct IAMInventory: Codable, Sendable, Hashable {
    /// Roles by name.
    public var roles: [String: Role]
    /// Instance profiles by name.
    public var instanceProfiles: [String: InstanceProfile]
    /// Managed policies (customer and AWS) by ARN, when the source listed them.
    public var managedPolicies: [String: ManagedPolicy]
    /// Users by name; `nil` when not collected.
    public var users: [String: User]?
    public var origin: Origin?

    public init(roles: [String: Role] = [:], instanceProfiles: [String: InstanceProfile] = [:],
                managedPolicies: [String: ManagedPolicy] = [:], users: [String: User]? = nil, origin: Origin? = nil) {
        self.roles = roles
        self.instanceProfiles = instanceProfiles
        self.managedPolicies = managedPolicies
        self.users = users
        self.origin = origin
    }
}

/// A policy embedded in a role or user.
public struct InlinePolicy: Codable, Sendable, Hashable {
    public var name: String
    /// The policy document as JSON text; `nil` when it could not be read.
    public var document: String?
    public var origin: Origin?

    public init(name: String, document: String?, origin: Origin? = nil) {
        self.name = name
        self.document = document
        self.origin = origin
    }
}

public struct Role: Codable, Sendable, Hashable {
    public var name: String
    public var arn: String?
    public var path: String?
    /// The trust (assume-role) policy document as JSON text.
    public var trustPolicy: String?
    /// Inline policies; `nil` when not collected.
    public var inlinePolicies: [InlinePolicy]?
    /// Attached managed policy ARNs; `nil` when not collected.
    public var attachedPolicyArns: [String]?
    public var permissionsBoundaryArn: String?
    public var tags: [String: String]
    public var origin: Origin?

    public init(name: String, arn: String? = nil) {
        self.name = name
        self.arn = arn
        tags = [:]
    }
}

public struct InstanceProfile: Codable, Sendable, Hashable {
    public var name: String
    public var arn: String?
    /// Names of the roles in the profile (IAM allows at most one).
    public var roleNames: [String]
    public var origin: Origin?

    public init(name: String, arn: String? = nil, roleNames: [String] = [], origin: Origin? = nil) {
        self.name = name
        self.arn = arn
        self.roleNames = roleNames
        self.origin = origin
    }
}

public struct ManagedPolicy: Codable, Sendable, Hashable {
    public var arn: String
    public var name: String
    /// The default version's document as JSON text; `nil` when not collected.
    public var document: String?
    public var origin: Origin?

    public init(arn: String, name: String, document: String? = nil, origin: Origin? = nil) {
        self.arn = arn
        self.name = name
        self.document = document
        self.origin = origin
    }

    /// True for AWS managed policies (`arn:aws:iam::aws:policy/...`).
    public var isAWSManaged: Bool { arn.contains(":iam::aws:policy/") }
}

public struct User: Codable, Sendable, Hashable {
    public var name: String
    public var arn: String?
    public var inlinePolicies: [InlinePolicy]?
    public var attachedPolicyArns: [String]?
    public var origin: Origin?

    public init(name: String, arn: String? = nil) {
        self.name = name
        self.arn = arn
    }
}
