import Controls
import LiveCollect

/// Verifies with a fresh live collection of the one environment, read-only, through the same
/// collector and catalog as `ebguard audit`: a fix counts only when the audit would now pass it.
public struct LiveControlVerifier: ControlVerifier {
    public var options: LiveCollectOptions
    public var settings: AuditSettings
    public var catalog: Catalog

    /// `options` gives credentials, endpoint and retries; regions and environment names are set per call.
    public init(options: LiveCollectOptions, settings: AuditSettings, catalog: Catalog = .standard) {
        self.options = options
        self.settings = settings
        self.catalog = catalog
    }

    public func findings(environment: PlanEnvironment, controls: [String]) async throws -> [Finding] {
        var options = self.options
        options.environmentNames = [environment.name]
        if let region = environment.region, !region.isEmpty { options.regions = [region] }
        options.progress = nil
        let collection = try await LiveCollector(options: options).collect()
        var inventory = collection.inventory
        inventory.environments = inventory.environments.filter { $0.name == environment.name }
        return catalog.evaluate(inventory, settings: settings, only: Set(controls))
    }
}
