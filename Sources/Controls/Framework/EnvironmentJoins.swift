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
    var instanceProfile: InstanceProfile??
    var instanceRole: Role??
    var serviceRole: Role??
    var instanceRolePolicies: Result<InstanceRolePolicies, RoleProblem>?
    var elasticBeanstalkBucketName: String??
}

extension EnvironmentContext {
    /// Works a join out and keeps it in its slot: `joins.x ?? remember(\.x) { … }`.
    func remember<Value>(_ slot: WritableKeyPath<EnvironmentJoins, Value?>, _ compute: () -> Value) -> Value {
        let value = compute()
        joins[keyPath: slot] = value
        return value
    }
}
