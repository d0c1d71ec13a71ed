/// A platform version and its lifecycle, from `DescribePlatformVersion` / `ListPlatformBranches`.
public struct PlatformVersion: Codable, Sendable, Hashable {
    public var arn: String
    public var branchName: String?
    public var version: String?
    /// The version's own lifecycle: `Recommended` or empty.
    public var lifecycleState: String?
    /// The branch's lifecycle: `Beta`, `Supported`, `Deprecated`, `Retired`.
    public var branchLifecycleState: String?
    /// `Ready`, `Deleted`, …
    public var status: String?
    /// A newer version of the same branch, when one is known.
    public var latestVersionInBranch: String?
    public var origin: Origin?

    public init(arn: String) { self.arn = arn }
}
