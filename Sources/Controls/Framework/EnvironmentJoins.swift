import Inventory

/// The joins an environment's context works out once and every control reads again: its Auto
/// Scaling groups, launch templates, instances, load balancers, databases, security groups, listeners,
/// properties, CloudTrail events, roles and bucket name (see the getters on `EnvironmentContext`).
///
/// Why typed slots: these are read a few hundred times per environment; a dictionary of `Any` keyed
/// by name cost a string hash and a dynamic cast at every read. A slot is `nil` until worked out
/// (for a join that may itself be `nil`, the slot holds an optional).
struct EnvironmentJoins {
    var autoScalingGroups: [AutoScalingGroup]?
    var launchTemplates: [LaunchTemplate]?
    var launchConfigurations: [LaunchConfiguration]?
    var instances: [Instance]?
    var databases: [Database]?
    var environmentProperties: [OptionSetting]??
    var cloudTrailEvents: [CloudTrailEvent]?
    var listenerViews: [ListenerView]??
    var instanceSecurityGroupIds: [String]??
    var loadBalancers: [LoadBalancer]?
    var loadBalancerSecurityGroupIds: [String]?
    var allSecurityGroupIds: [String]?
    var allSecurityGroups: (found: [SecurityGroup], missing: [String])?
    var instanceProfile: Held<InstanceProfile>??
    var instanceRole: Held<Role>??
    var serviceRole: Held<Role>??
    var instanceRolePolicies: Result<InstanceRolePolicies, RoleProblem>?
    var elasticBeanstalkBucketName: String??
}

/// An inventory value held behind a reference, read in place.
///
/// Why: a role or an instance profile is a large value (names, ARNs, policy texts, tags, origin),
/// and the identity controls of every environment read a field or two of it. Reading it out of a
/// join copied the whole value, retaining each of its strings and lists (some of them, like the
/// origin, shared by every role of the audit and so retained from both evaluation threads);
/// `held.value.name` copies the name alone.
final class Held<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

extension EnvironmentContext {
    /// Works a join out and keeps it in its slot: `joins.x ?? remember(\.x) { … }`.
    func remember<Value>(_ slot: WritableKeyPath<EnvironmentJoins, Value?>, _ compute: () -> Value) -> Value {
        let value = compute()
        joins[keyPath: slot] = value
        return value
    }
}
