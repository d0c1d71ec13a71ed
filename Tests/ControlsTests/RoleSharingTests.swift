import IAMPolicy
import Inventory
import Testing
@testable import Controls

/// Roles made of the same documents share their analyses; a role is found by name or ARN.
@Suite("Role policies shared across roles")
struct RoleSharingTests {
    static let admin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    static let narrow = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}"#

    static func role(_ name: String, inline json: String, policyName: String = "app") -> Role {
        var role = Role(name: name)
        role.inlinePolicies = [InlinePolicy(name: policyName, document: json)]
        role.attachedPolicyArns = []
        return role
    }

    static func policies(_ role: Role, in store: PolicyStore) -> RolePolicies {
        store.policies(forRole: role.name) {
            RolePolicies(role: role, iam: store.iam ?? IAMInventory(), documents: store.documents)
        }
    }

    @Test("two roles with the same policy text get one report; another text gets its own")
    func sharedReport() throws {
        var iam = IAMInventory()
        for role in [Self.role("a", inline: Self.admin), Self.role("b", inline: Self.admin), Self.role("c", inline: Self.narrow),
                     Self.role("d", inline: Self.admin, policyName: "other")] {
            iam.roles[role.name] = role
        }
        let store = PolicyStore(iam: iam)
        let a = Self.policies(try #require(iam.roles["a"]), in: store), b = Self.policies(try #require(iam.roles["b"]), in: store)
        let c = Self.policies(try #require(iam.roles["c"]), in: store), d = Self.policies(try #require(iam.roles["d"]), in: store)
        let sharedA = store.analyses(of: try #require(a.principal)), sharedB = store.analyses(of: try #require(b.principal))
        let sharedC = store.analyses(of: try #require(c.principal)), sharedD = store.analyses(of: try #require(d.principal))
        #expect(sharedA === sharedB)
        #expect(sharedA !== sharedC && sharedA !== sharedD)
        // Each analysis is the one worked out afresh for the role's own principal.
        for (policies, shared) in [(a, sharedA), (b, sharedB), (c, sharedC), (d, sharedD)] {
            let report = PolicyAnalysis.analyze(try #require(policies.principal))
            #expect(shared.administrativeAccess == report.administrativeAccess)
            #expect(shared.serviceWideWildcards == report.serviceWideWildcards)
            #expect(shared.privilegeEscalation == report.privilegeEscalation)
            #expect(shared.unscopedSecretReads == report.secretReadScope.filter(\.isUnscoped))
            #expect(shared.granted.count == PolicyAnalysis.granted(try #require(policies.principal)).count)
        }
        #expect(!sharedA.privilegeEscalation.isEmpty && sharedC.privilegeEscalation.isEmpty)
        // The policy name is part of the evidence, so another name is another principal.
        #expect(sharedD.administrativeAccess.first?.evidence.first?.statement.policyName == "other")
        #expect(sharedA.administrativeAccess.first?.evidence.first?.statement.policyName == "app")
    }

    @Test("an environment's roles are found once, by name or ARN, and share the audit's policies")
    func environmentRoles() throws {
        let example = ExampleInventory.hardened()
        let store = PolicyStore(iam: example.inventory.iam)
        let context = EnvironmentContext(environment: example.environment, settings: AuditSettings(now: ExampleInventory.now),
                                         policies: store, index: InventoryIndex(example.inventory))
        typealias N = ExampleInventory.Names
        #expect(context.heldInstanceProfile?.value.name == N.instanceProfile)
        let instance = try #require(context.heldInstanceRole)
        #expect(instance.value.name == N.instanceRole && context.instanceRole?.name == N.instanceRole)
        #expect(context.heldInstanceRole === instance, "the join is worked out once")
        #expect(context.heldServiceRole?.value.name == N.serviceRole && context.serviceRole?.name == N.serviceRole)
        // The operator role by ARN and by name: one set of policies, built once for the audit.
        let byArn = try #require(context.policies(ofRoleNamed: "arn:aws:iam::111122223333:role/\(N.operatorRole)"))
        #expect(byArn.role.name == N.operatorRole)
        #expect(context.policies(ofRoleNamed: N.operatorRole) === byArn)
        #expect(context.policies(ofRoleNamed: "no-such-role") == nil)
        // The instance role's policies are the store's, and its finding resource names the role.
        guard case .success(let resolved) = context.instanceRolePolicies() else { Issue.record("expected the instance role's policies"); return }
        #expect(resolved.policies === context.policies(of: instance))
        #expect(resolved.policies === store.knownPolicies(forRole: N.instanceRole))
        #expect(resolved.ref.type == "AWS::IAM::Role" && resolved.ref.name == N.instanceRole)
        #expect(resolved.ref.id == instance.value.arn && resolved.ref.environment == example.environment.name)
    }

    @Test("a role without collected policies has no principal")
    func notCollected() {
        let store = PolicyStore(iam: IAMInventory())
        let policies = Self.policies(Role(name: "bare"), in: store)
        #expect(policies.principal == nil && !policies.isComplete)
        #expect(policies.problems == ["policies of role bare not collected"])
    }

    @Test("a role reference by ARN gives the same name as ARN.lastName")
    func roleNames() {
        let references = [
            "app-role", "arn:aws:iam::111122223333:role/app-role", "arn:aws:iam::111122223333:role/path/to/app-role",
            "arn:aws:iam::111122223333:role/app-role/", "arn:aws:iam::111122223333:role//", "arn:aws:iam::111122223333:",
            "arn:aws:iam::111122223333:role:with:colons/x", "arn:aws:iam", "arn:", "arn:aws:iam::1:role/ä-rôle", "arn:aws:iam::1:a//b//",
            "", "role/app-role",
        ]
        for reference in references { #expect(RoleReference.name(reference) == ARN.lastName(of: reference), "\(reference)") }
    }
}
