/// A policy document with the name (and ARN, for managed policies) findings cite.
public struct NamedPolicy: Sendable, Hashable {
    public var name: String
    public var arn: String?
    public var document: PolicyDocument

    public init(name: String, arn: String? = nil, document: PolicyDocument) {
        self.name = name
        self.arn = arn
        self.document = document
    }

    /// Parses an inline policy document.
    public init(name: String, arn: String? = nil, json: String) throws(PolicyParseError) {
        self.init(name: name, arn: arn, document: try PolicyDocument(json: json))
    }

    /// The bundled AWS managed policy with this ARN, or nil when it is not in the bundled set
    /// (report it as unknown: never evaluate it as empty).
    public static func managed(arn: String) -> NamedPolicy? {
        guard let document = ManagedPolicies.document(arn: arn) else { return nil }
        return NamedPolicy(name: ManagedPolicies.name(ofArn: arn), arn: arn, document: document)
    }
}

/// Everything that decides what one principal (a role or user) may do.
///
/// The identity policies are unioned; a permissions boundary and service control policies, when
/// present, intersect with them (IAM's evaluation logic for a single account).
public struct PrincipalPolicies: Sendable, Hashable {
    public var policies: [NamedPolicy]
    public var permissionsBoundary: PolicyDocument?
    /// Organization SCPs that apply to the account, each of which must allow the action.
    public var serviceControlPolicies: [PolicyDocument]
    /// Managed policy ARNs attached but not resolvable (customer managed without document, or not
    /// bundled): analyses over this principal are incomplete and must say so.
    public var unresolvedPolicyArns: [String]

    public init(policies: [NamedPolicy], permissionsBoundary: PolicyDocument? = nil,
                serviceControlPolicies: [PolicyDocument] = [], unresolvedPolicyArns: [String] = []) {
        self.policies = policies
        self.permissionsBoundary = permissionsBoundary
        self.serviceControlPolicies = serviceControlPolicies
        self.unresolvedPolicyArns = unresolvedPolicyArns
    }

    /// Builds a principal from inline policies plus attached managed policy ARNs, looking the ARNs
    /// up in the bundled AWS managed set (and in `customerManaged`, keyed by ARN). ARNs found in
    /// neither land in `unresolvedPolicyArns`.
    public static func resolving(inline: [NamedPolicy] = [], managedArns: [String],
                                 customerManaged: [String: PolicyDocument] = [:],
                                 permissionsBoundary: PolicyDocument? = nil) -> PrincipalPolicies {
        var policies = inline
        var unresolved: [String] = []
        for arn in managedArns {
            if let document = customerManaged[arn] {
                policies.append(NamedPolicy(name: ManagedPolicies.name(ofArn: arn), arn: arn, document: document))
            } else if let managed = NamedPolicy.managed(arn: arn) {
                policies.append(managed)
            } else {
                unresolved.append(arn)
            }
        }
        return PrincipalPolicies(policies: policies, permissionsBoundary: permissionsBoundary, unresolvedPolicyArns: unresolved)
    }

    /// True when every attached policy could be read, so "not allowed" really means not allowed.
    public var isComplete: Bool { unresolvedPolicyArns.isEmpty }
}
