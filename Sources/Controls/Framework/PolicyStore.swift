import Foundation
import Inventory

/// Parses each IAM role's policies once per audit and shares the result across environments and
/// threads (many environments share one role).
final class PolicyStore: @unchecked Sendable {
    private let lock = NSLock()
    private var roleCache: [String: RolePolicies] = [:]
    let iam: IAMInventory?

    init(iam: IAMInventory?) {
        self.iam = iam
    }

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
