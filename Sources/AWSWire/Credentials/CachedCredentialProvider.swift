import Foundation
import SigV4

/// Caches credentials and refreshes them before they expire, one refresh at a time.
///
/// Credentials are refreshed when they expire within `refreshMargin` (5 minutes by default),
/// so no request is signed with credentials about to lapse. Concurrent callers during a refresh
/// all wait for the same refresh. If a refresh fails while the old credentials are still valid,
/// the old ones are used and the next call tries again.
public actor CachedCredentialProvider: CredentialProvider {
    public nonisolated let name: String
    let base: any CredentialProvider
    let refreshMargin: TimeInterval
    let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var refreshing: Task<AWSCredentials, any Error>?
    private(set) var refreshCount = 0

    /// Wraps `base`.
    public init(_ base: any CredentialProvider, refreshMargin: TimeInterval = 300, now: @escaping @Sendable () -> Date = Date.init) {
        self.base = base
        self.name = base.name
        self.refreshMargin = refreshMargin
        self.now = now
    }

    public func credentials() async throws -> AWSCredentials {
        if let cached, !cached.expires(within: refreshMargin, of: now()) { return cached }
        if let refreshing {
            do {
                return try await refreshing.value
            } catch {
                if let cached, !cached.expires(within: 0, of: now()) { return cached }
                throw error
            }
        }
        let base = self.base
        let task = Task { try await base.credentials() }
        refreshing = task
        refreshCount += 1
        defer { refreshing = nil }
        do {
            let fresh = try await task.value
            cached = fresh
            return fresh
        } catch {
            if let cached, !cached.expires(within: 0, of: now()) { return cached }
            throw error
        }
    }

    /// Drops the cached credentials (after the service rejected them, for example).
    public func invalidate() {
        cached = nil
    }
}
