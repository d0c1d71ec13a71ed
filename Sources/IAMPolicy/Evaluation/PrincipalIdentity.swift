/// A principal recognised by the parsed documents it is made of, not by their contents: two
/// principals are the same key when they name the same policies (names, ARNs) and each policy,
/// the permissions boundary and every SCP is the same parsed document.
///
/// Why: a fleet's roles are stamped from a few templates — every administrator instance role is
/// `AdministratorAccess` alone, every operator role the same inline policy — and a parsed document
/// is shared by everything that reads the same text (`PolicyDocumentCache`, the bundled AWS managed
/// policies). Keyed this way, the analyses of a principal are worked out once per distinct set of
/// documents, and a key costs a pointer per statement to hash and compare where comparing contents
/// would walk every pattern. Equal contents parsed twice make two keys: a share missed, never a
/// wrong answer. A key holds the statements it compares, so their identities are never reused
/// for other contents while it exists.
public struct PrincipalIdentity: Hashable, Sendable {
    /// One document as compared: its statements by identity, plus the fields beside them.
    private struct Document: Sendable {
        var statements: [PolicyStatement]
        var version: String?
        var id: String?

        init(_ document: PolicyDocument) {
            statements = document.statements
            version = document.version
            id = document.id
        }

        static func same(_ lhs: Document, _ rhs: Document) -> Bool {
            guard lhs.version == rhs.version, lhs.id == rhs.id, lhs.statements.count == rhs.statements.count else { return false }
            for index in lhs.statements.indices where lhs.statements[index].box !== rhs.statements[index].box { return false }
            return true
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(statements.count)
            for statement in statements { hasher.combine(ObjectIdentifier(statement.box)) }
        }
    }

    private struct Policy: Sendable {
        var name: String
        var arn: String?
        var document: Document
    }

    private let policies: [Policy]
    private let boundary: Document?
    private let serviceControlPolicies: [Document]
    private let unresolvedPolicyArns: [String]
    /// Worked out once: a memo looks a key up and then stores it.
    private let hash: Int

    public init(_ principal: PrincipalPolicies) {
        policies = principal.policies.map { Policy(name: $0.name, arn: $0.arn, document: Document($0.document)) }
        boundary = principal.permissionsBoundary.map(Document.init)
        serviceControlPolicies = principal.serviceControlPolicies.map(Document.init)
        unresolvedPolicyArns = principal.unresolvedPolicyArns
        var hasher = Hasher()
        hasher.combine(policies.count)
        for policy in policies {
            hasher.combine(policy.name)
            hasher.combine(policy.arn)
            policy.document.hash(into: &hasher)
        }
        hasher.combine(boundary != nil)
        boundary?.hash(into: &hasher)
        hasher.combine(serviceControlPolicies.count)
        for document in serviceControlPolicies { document.hash(into: &hasher) }
        hasher.combine(unresolvedPolicyArns)
        hash = hasher.finalize()
    }

    public static func == (lhs: PrincipalIdentity, rhs: PrincipalIdentity) -> Bool {
        guard lhs.hash == rhs.hash, lhs.policies.count == rhs.policies.count, lhs.serviceControlPolicies.count == rhs.serviceControlPolicies.count,
              lhs.unresolvedPolicyArns == rhs.unresolvedPolicyArns else { return false }
        for (left, right) in zip(lhs.policies, rhs.policies) {
            guard left.name == right.name, left.arn == right.arn, Document.same(left.document, right.document) else { return false }
        }
        switch (lhs.boundary, rhs.boundary) {
        case (nil, nil): break
        case let (left?, right?): guard Document.same(left, right) else { return false }
        default: return false
        }
        for (left, right) in zip(lhs.serviceControlPolicies, rhs.serviceControlPolicies) where !Document.same(left, right) { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
