import Foundation
import IAMPolicy
import Inventory

/// Parses each IAM role's policies once per audit and shares the result across environments and
/// threads (many environments share one role).
final class PolicyStore: @unchecked Sendable {
    private let lock = NSLock()
    private var roleCache: [String: RolePolicies] = [:]
    private var resolvedCache: [String: RolePolicies] = [:]
    let iam: IAMInventory?
    /// Policy and trust documents parsed once per distinct text.
    let documents = PolicyDocumentCache()

    init(iam: IAMInventory?) {
        self.iam = iam
    }

    private var operatorGranted: [[String]: GrantedActions] = [:]

    /// The granted actions of the operator roles' combined policies, once per list of roles.
    func granted(ofOperators names: [String], _ compute: () -> GrantedActions) -> GrantedActions {
        lock.lock()
        if let known = operatorGranted[names] { lock.unlock(); return known }
        lock.unlock()
        let computed = compute()
        lock.lock()
        operatorGranted[names] = computed
        lock.unlock()
        return computed
    }

    /// The role's policies, built once; `analyzed: false` entries skip the analyses, and an analysed
    /// entry serves both kinds of request.
    func policies(forRole name: String, analyzed: Bool, build: () -> RolePolicies) -> RolePolicies {
        lock.lock()
        if let cached = roleCache[name] ?? (analyzed ? nil : resolvedCache[name]) { lock.unlock(); return cached }
        lock.unlock()
        let built = build()
        lock.lock()
        if analyzed { roleCache[name] = built } else { resolvedCache[name] = built }
        lock.unlock()
        return built
    }
}
