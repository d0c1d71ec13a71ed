import Foundation

extension ActionCatalog {
    /// Whether a grant's resources can reach an action at all.
    ///
    /// False when every resource pattern is an ARN of a service that none of the action's resource
    /// types belong to, e.g. `arn:aws:s3:::bucket` for `iam:CreatePolicyVersion` (an `Allow` +
    /// `NotAction` scoped to a bucket grants no IAM action). `sts:AssumeRole` resolves to IAM role
    /// ARNs through its resource types. True whenever the catalog cannot tell (unknown action, no
    /// resource types, wildcards in the service, `NotResource`, non-ARN patterns).
    public func mayApply(_ grant: Grant, to actionName: String) -> Bool {
        guard !grant.resourcesNegated else { return true }
        guard let services = scopes.answer(actionName, compute: { resourceServices(of: actionName) }) else { return true }
        return grant.resources.contains { pattern in
            guard pattern.hasPrefix("arn:") else { return true }
            let segments = pattern.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard segments.count > 2 else { return true }
            let named = segments[2]
            return named.contains("*") || named.contains("?") || services.contains(Substring(named.lowercased()))
        }
    }

    /// The services whose ARNs an action's resource types belong to; `nil` when the catalog cannot
    /// tell (unknown action, no resource types, a type without ARN pattern).
    func resourceServices(of actionName: String) -> Set<Substring>? {
        let prefix = actionName.split(separator: ":").first.map(String.init) ?? actionName
        guard let known = action(actionName), let service = service(prefix) else { return nil }
        var services = Set<Substring>()
        for type in known.resourceTypes {
            guard let arn = service.resourceTypes[type] else { return nil }
            let segments = arn.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard segments.count > 2 else { return nil }
            services.insert(Substring(segments[2].lowercased()))
        }
        return services.isEmpty ? nil : services
    }
}
