import Controls
import Inventory

/// How one control is fixed with option settings, beyond the values its declaration names:
/// the inputs it needs, what must be true first, and what can go wrong.
///
/// One recipe per control keeps the knowledge of a fix next to its risks, the way the seed
/// procedure pairs every enforcement step with its rollback signal.
struct FixRecipe: Sendable {
    let control: String
    let prerequisites: [String]
    let risks: [String]
    /// The option values to reach; `nil` values remove the option.
    let target: @Sendable (RecipeContext) -> RecipeTarget
}

/// What a recipe decided for one environment.
enum RecipeTarget: Sendable {
    /// Reach these values (only the options that differ become changes).
    case values([(OptionKey, String?)], notes: [String] = [])
    /// An input is missing: why, and the flag that provides it.
    case needs(String, flag: String)
    /// Option settings cannot fix this environment in place.
    case notPlannable(String)
}

/// The facts a recipe reads.
struct RecipeContext: Sendable {
    let environment: Environment
    let inputs: PlanInputs
    /// Controls failing in this environment (other recipes depend on them: no port-80 close without HTTPS).
    let failing: Set<String>
    /// Controls the plan includes so far.
    let planned: Set<String>

    func value(_ namespace: String, _ option: String, resource: String? = nil) -> String? {
        environment.optionSettings?.value(namespace, option, resource: resource)
    }

    func key(_ namespace: String, _ option: String) -> OptionKey { OptionKey(namespace: namespace, optionName: option) }

    /// The load balancer type, `nil` for single-instance environments.
    var loadBalancerType: String? {
        let type = value("aws:elasticbeanstalk:environment", "EnvironmentType") ?? "LoadBalanced"
        guard type.lowercased() != "singleinstance" else { return nil }
        return (value("aws:elasticbeanstalk:environment", "LoadBalancerType") ?? "classic").lowercased()
    }

    /// Listener namespaces (`aws:elbv2:listener:PORT`) whose protocol is HTTPS.
    var httpsListenerNamespaces: [String] {
        let namespaces = Set((environment.optionSettings?.all ?? []).map(\.namespace).filter { $0.hasPrefix("aws:elbv2:listener:") && $0 != "aws:elbv2:listener:default" })
        return namespaces.filter { value($0, "Protocol")?.uppercased() == "HTTPS" && value($0, "ListenerEnabled")?.lowercased() != "false" }.sorted()
    }
}
