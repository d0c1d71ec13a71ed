import Foundation
import IAMPolicy
import Inventory

/// Parses each IAM role's policies once per audit and shares the result across environments and
/// threads (many environments share one role).
final class PolicyStore: @unchecked Sendable {
    private let lock = NSLock()
    private var roleCache: [String: RolePolicies] = [:]
    private var principals: [PrincipalIdentity: PrincipalAnalyses] = [:]
    let iam: IAMInventory?
    /// `iam`'s roles and instance profiles, `nil` when IAM was not collected: held on their own
    /// so that a lookup, made by several controls per environment, does not copy the whole
    /// inventory value.
    let roles: [String: Role]?
    let instanceProfiles: [String: InstanceProfile]?
    /// `iam`'s customer managed policies, held on their own likewise (every role's policies read them).
    let managedPolicies: [String: ManagedPolicy]
    /// Policy and trust documents parsed once per distinct text.
    let documents: PolicyDocumentCache

    init(iam: IAMInventory?) {
        self.iam = iam
        roles = iam?.roles
        instanceProfiles = iam?.instanceProfiles
        managedPolicies = iam?.managedPolicies ?? [:]
        // (Tables sized for one entry per role: an audit resolves nearly every role, and most
        // roles carry a policy text of their own.)
        documents = PolicyDocumentCache(capacity: roles?.count ?? 0)
        // Roles to analyse: the action catalog and the AWS managed policies load on a spare thread
        // while the audit prepares its other joins, not in the first analysis.
        if let roles, !roles.isEmpty {
            principals.reserveCapacity(roles.count)
            roleCache.reserveCapacity(roles.count)
            DispatchQueue.global(qos: .userInitiated).async { PolicyAnalysis.loadSharedData() }
        }
    }

    /// The analyses of a principal, one value per distinct set of parsed documents (roles stamped
    /// from one template share it; see `PrincipalIdentity`).
    func analyses(of principal: PrincipalPolicies) -> PrincipalAnalyses {
        let key = PrincipalIdentity(principal)
        lock.lock()
        defer { lock.unlock() }
        if let known = principals[key] { return known }
        let made = PrincipalAnalyses(principal)
        principals[key] = made
        return made
    }

    private var trustIssues: [TrustQuestion: Result<[TrustIssue], PolicyParseError>] = [:]

    /// One trust-policy question: the same text judged against the same expectations gets the same
    /// answer (a fleet's instance roles nearly all carry one trust policy text).
    struct TrustQuestion: Hashable {
        var json: String
        var services: Set<String>
        var externalId: String?
        var account: String?
    }

    /// `TrustAnalysis.analyze` of the parsed trust policy, once per distinct question; a parse
    /// error is remembered like an answer.
    func trustIssues(_ question: TrustQuestion) throws(PolicyParseError) -> [TrustIssue] {
        lock.lock()
        let known = trustIssues[question]
        lock.unlock()
        if let known { return try known.get() }
        let result: Result<[TrustIssue], PolicyParseError>
        do {
            let document = try documents.document(json: question.json)
            result = .success(TrustAnalysis.analyze(document, expectedServices: question.services,
                                                    requiredExternalId: question.externalId, ownAccount: question.account))
        } catch {
            result = .failure(error)
        }
        lock.lock()
        trustIssues[question] = result
        lock.unlock()
        return try result.get()
    }

    private var passRoleScopes: [String: PassRoleScope?] = [:]

    /// `PolicyAnalysis.passRoleResources` over the role's customer-written policies (AWS managed
    /// ones left out), once per role name (the principal behind a name is itself built once).
    func authoredPassRoleScope(ofRole name: String, _ compute: () -> PassRoleScope?) -> PassRoleScope? {
        lock.lock()
        if let known = passRoleScopes[name] { lock.unlock(); return known }
        lock.unlock()
        let computed = compute()
        lock.lock()
        passRoleScopes[name] = computed
        lock.unlock()
        return computed
    }

    /// The role's policies if they were built already.
    func knownPolicies(forRole name: String) -> RolePolicies? {
        lock.lock()
        defer { lock.unlock() }
        return roleCache[name]
    }

    /// The role's policies, built once.
    func policies(forRole name: String, build: () -> RolePolicies) -> RolePolicies {
        lock.lock()
        if let cached = roleCache[name] { lock.unlock(); return cached }
        lock.unlock()
        let built = build()
        lock.lock()
        roleCache[name] = built
        lock.unlock()
        return built
    }
}
