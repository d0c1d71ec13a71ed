import Testing
@testable import IAMPolicy

/// Principals are shared by the identity of their parsed documents: the same documents under the
/// same names are one key; anything else that could change an analysis is another.
@Suite("Principal identity")
struct PrincipalIdentityTests {
    static let app = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}"#
    static let admin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    @Test("the same parsed documents under the same names are one key")
    func sameDocuments() throws {
        let cache = PolicyDocumentCache()
        let first = PrincipalPolicies(policies: [NamedPolicy(name: "app", document: try cache.document(json: Self.app))])
        let second = PrincipalPolicies(policies: [NamedPolicy(name: "app", document: try cache.document(json: Self.app))])
        #expect(PrincipalIdentity(first) == PrincipalIdentity(second))
        #expect(PrincipalIdentity(first).hashValue == PrincipalIdentity(second).hashValue)
        #expect(Set([PrincipalIdentity(first), PrincipalIdentity(second)]).count == 1)
    }

    @Test("another name, ARN, document, boundary or unresolved policy is another key")
    func differences() throws {
        let cache = PolicyDocumentCache()
        let app = try cache.document(json: Self.app), admin = try cache.document(json: Self.admin)
        let base = PrincipalPolicies(policies: [NamedPolicy(name: "app", document: app)])
        let variants = [
            PrincipalPolicies(policies: [NamedPolicy(name: "other", document: app)]),
            PrincipalPolicies(policies: [NamedPolicy(name: "app", arn: "arn:aws:iam::111122223333:policy/app", document: app)]),
            PrincipalPolicies(policies: [NamedPolicy(name: "app", document: admin)]),
            PrincipalPolicies(policies: [NamedPolicy(name: "app", document: app), NamedPolicy(name: "app", document: app)]),
            PrincipalPolicies(policies: [NamedPolicy(name: "app", document: app)], permissionsBoundary: app),
            PrincipalPolicies(policies: [NamedPolicy(name: "app", document: app)], serviceControlPolicies: [app]),
            PrincipalPolicies(policies: [NamedPolicy(name: "app", document: app)], unresolvedPolicyArns: ["arn:aws:iam::111122223333:policy/gone"]),
        ]
        for variant in variants { #expect(PrincipalIdentity(variant) != PrincipalIdentity(base)) }
        #expect(Set(variants.map(PrincipalIdentity.init)).count == variants.count)
    }

    @Test("equal texts parsed apart, or a changed statement, are not taken for the same documents")
    func identityNotContents() throws {
        let parsed = try doc(Self.app)
        let again = try doc(Self.app)
        #expect(parsed == again)
        let key = PrincipalIdentity(PrincipalPolicies(policies: [NamedPolicy(name: "app", document: parsed)]))
        #expect(key != PrincipalIdentity(PrincipalPolicies(policies: [NamedPolicy(name: "app", document: again)])))
        var changed = parsed
        changed.statements[0].effect = .deny
        #expect(key != PrincipalIdentity(PrincipalPolicies(policies: [NamedPolicy(name: "app", document: changed)])))
    }
}
