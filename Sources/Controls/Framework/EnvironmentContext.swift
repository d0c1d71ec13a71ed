import Inventory

/// An option as a control sees it: known (set, or Elastic Beanstalk's default) or unknown, with why.
public enum OptionValue: Sendable {
    /// The value (`nil` = no value and no default); `setting` is `nil` when the default applies.
    case known(String?, setting: OptionSource?)
    case unknown(reason: String)
}

/// An option's value without its source (see `EnvironmentContext.optionText`): known (set, or
/// Elastic Beanstalk's default; `nil` = no value) or unknown.
enum OptionText {
    case known(String?)
    case unknown
}

/// Where a set option's value came from: the parts of its `OptionSetting` that findings cite.
///
/// Controls read an option for its value and, for evidence, its layer, origin and whether it was
/// redacted; carrying only those keeps a lookup from copying (and retaining) the setting's
/// namespace, name and resource, which every environment's settings share. (Optional fields are
/// spelled out as in `ResourceRef`, so that a source is built in place.)
public struct OptionSource: Sendable {
    public var layer: SettingLayer
    public var origin: Optional<Origin>
    /// Present when the value looked like a secret (the value is then redacted).
    public var secret: Optional<SecretHit>

    public init(layer: SettingLayer, origin: Origin?, secret: SecretHit?) {
        self.layer = layer
        self.origin = origin
        self.secret = secret
    }
}

/// Everything the controls derive about one environment, computed once and shared by every control.
///
/// Joins the environment to its resources (launch templates, instances, security groups, load
/// balancers, subnets, roles, databases, bucket) through the Inventory's dictionaries, so a control
/// is a few lines of logic over named facts. Used by one evaluation task at a time.
public final class EnvironmentContext {
    /// The inventory under audit (shared by every environment's context, see `InventoryIndex`).
    public var inventory: Inventory { index.inventory }
    public let environment: Environment
    public let settings: AuditSettings
    let policies: PolicyStore
    let index: InventoryIndex

    /// True when a finding whose verdict rests on a default should point at the environment's
    /// definition: the source is files (IaC) and the environment has a file position.
    let defaultsPointAtDefinition: Bool

    init(environment: Environment, settings: AuditSettings, policies: PolicyStore, index: InventoryIndex) {
        self.environment = environment
        self.settings = settings
        self.policies = policies
        self.index = index
        defaultsPointAtDefinition = index.inventory.source.kind == "iac" && environment.origin?.file != nil
        resourceRef = ResourceRef(type: "AWS::ElasticBeanstalk::Environment", id: environment.id ?? environment.name, name: environment.name,
                                  environment: environment.name)
    }

    /// The environment as a finding's resource (most findings' resource, so made once).
    public let resourceRef: ResourceRef

    /// A resource of this environment as a finding's resource.
    public func ref(_ type: String, _ id: String, name: String? = nil) -> ResourceRef {
        ResourceRef(type: type, id: id, name: name, environment: environment.name)
    }

    public var region: String? { environment.region }

    public var accountId: String? {
        if let account = environment.accountId { return account }
        if let arn = environment.arn { return ARN.account(of: arn) }
        return nil
    }

    // MARK: Options

    /// The winning value of an option, or Elastic Beanstalk's default when absent.
    public func option(_ namespace: String, _ option: String, resource: String? = nil) -> OptionValue {
        guard let settings = environment.optionSettings else {
            return .unknown(reason: gapReason(.optionSettings, resource: environment.name,
                                              fallback: "the source has no option settings for environment \(environment.name)"))
        }
        // Only the fields needed, read in place by a closure small enough to be inlined (a larger
        // one was called with a copy of the whole setting).
        let winner = settings.withWinner(namespace, option, resource: resource) { setting in
            (unresolved: setting.unresolved, value: setting.value, source: OptionSource(layer: setting.layer, origin: setting.origin, secret: setting.secret))
        }
        guard let winner else { return .known(EBDefaults.value(namespace, option), setting: nil) }
        if winner.unresolved {
            return .unknown(reason: "\(namespace)/\(option) cannot be resolved statically" + (winner.source.origin.map { " (\($0.description))" } ?? ""))
        }
        return .known(winner.value.flatMap { $0.isEmpty ? nil : $0 }, setting: winner.source)
    }

    /// An option's value alone (as `option` reads it), for lookups that cite no evidence: the
    /// setting's layer, origin and secret are then not copied out (each option read in full
    /// retained the origin's strings, shared by every setting of the source).
    func optionText(_ namespace: String, _ option: String, resource: String? = nil) -> OptionText {
        guard let settings = environment.optionSettings else { return .unknown }
        let winner = settings.withWinner(namespace, option, resource: resource) { setting in
            (unresolved: setting.unresolved, value: setting.value)
        }
        guard let winner else { return .known(EBDefaults.value(namespace, option)) }
        if winner.unresolved { return .unknown }
        return .known(winner.value.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Evidence text for an option: `ns/Option = value (default)` or `… (set in file:line)`.
    public func describe(_ namespace: String, _ option: String, _ value: OptionValue) -> String {
        switch value {
        case .unknown(let reason): return "\(namespace)/\(option) unknown: \(reason)"
        case .known(let text, let setting):
            let shown = setting?.secret?.redacted ?? text ?? "(not set)"
            guard let setting else { return FastText.joined(namespace, "/", option, " = ", shown, " (Elastic Beanstalk default)") }
            guard let origin = setting.origin else { return FastText.joined(namespace, "/", option, " = ", shown) }
            return FastText.joined(namespace, "/", option, " = ", shown, " (", setting.layer.rawValue, ", ", originText(origin), ")")
        }
    }

    /// True when `value` is `true` (case-insensitive); `nil` when unknown.
    public func bool(_ value: OptionValue) -> Bool? {
        guard case .known(let text, _) = value else { return nil }
        return text?.lowercased() == "true"
    }

    // MARK: Shape

    /// False for single-instance environments and worker environments (no load balancer).
    public var isLoadBalanced: Bool? {
        if environment.isWorker { return false }
        if let resources = environment.resources, !resources.loadBalancers.isEmpty { return true }
        guard case .known(let type) = optionText("aws:elasticbeanstalk:environment", "EnvironmentType") else { return nil }
        return type?.lowercased() != "singleinstance"
    }

    /// `application`, `network` or `classic`.
    public var loadBalancerType: String? {
        if let balancer = loadBalancers.first, let type = balancer.type { return type.lowercased() }
        guard case .known(let type) = optionText("aws:elasticbeanstalk:environment", "LoadBalancerType") else { return nil }
        return type?.lowercased()
    }

    public var isProduction: Bool {
        let name = environment.name.lowercased()
        if settings.productionNamePatterns.contains(where: { FastText.contains(name, $0.lowercased()) }) { return true }
        let tags = environment.tags ?? [:]
        return settings.productionTagKeys.contains { key in
            guard let value = tags[key]?.lowercased() else { return false }
            return settings.productionTagValues.contains(value)
        }
    }

    // MARK: Gaps

    /// The reason a fact is missing: the recorded gap (e.g. `iam:GetRolePolicy denied`), else `fallback`.
    public func gapReason(_ fact: FactKind, resource: String? = nil, fallback: String) -> String {
        if let gap = inventory.gaps.first(where: { $0.fact == fact && ($0.resource == nil || $0.resource == resource) }) {
            return gap.summary
        }
        return fallback
    }

    // MARK: Memoized joins

    /// The joins worked out so far (see `EnvironmentJoins`).
    var joins = EnvironmentJoins()

    /// The last origin described, and its text.
    private var describedOrigin: DescribedOrigin?

    /// `origin.description`, built once for a run of options from the same place (an environment's
    /// settings mostly share one origin, and most controls describe one or two of them).
    func originText(_ origin: Origin) -> String {
        if let described = describedOrigin, described.holds(origin) { return described.text }
        let described = DescribedOrigin(origin)
        describedOrigin = described
        return described.text
    }
}

extension OptionSettings {
    /// Where the winning setting was made (`nil` when absent or without an origin), read in place:
    /// findings cite it, and copying the whole setting out would retain every one of its strings.
    func winnerOrigin(_ namespace: String, _ option: String, resource: String? = nil) -> Origin? {
        withWinner(namespace, option, resource: resource) { $0.origin } ?? nil
    }
}
