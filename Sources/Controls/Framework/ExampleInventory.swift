import Foundation
import Inventory

/// A complete, hardened example estate: one environment (`shop-prod`) with every fact a control
/// reads, built to pass every control. Control examples change one fact of it and state the
/// verdict that change must give; tests and `ebguard explain` use the same examples.
public struct ExampleInventory: Sendable {
    public var inventory: Inventory

    public static let account = "111122223333"
    public static let region = "us-east-1"
    public static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// The environment under evaluation.
    public var environment: Environment {
        get { inventory.environments[0] }
        set { inventory.environments[0] = newValue }
    }

    public mutating func setOption(_ namespace: String, _ option: String, _ value: String?, layer: SettingLayer = .direct, origin: Origin? = nil) {
        var settings = environment.optionSettings ?? OptionSettings()
        let kept = settings.all.filter { !($0.namespace == namespace && $0.optionName == option) }
        settings = OptionSettings(kept)
        if let value {
            settings.append(OptionSetting(namespace: namespace, optionName: option, value: value, layer: layer, origin: origin))
        }
        environment.optionSettings = settings
    }

    public mutating func removeOption(_ namespace: String, _ option: String) {
        setOption(namespace, option, nil)
    }

    /// Mutates a security group in place.
    public mutating func securityGroup(_ id: String, _ change: (inout SecurityGroup) -> Void) {
        guard var group = inventory.securityGroups[id] else { return }
        change(&group)
        inventory.securityGroups[id] = group
    }

    /// Mutates an IAM role in place.
    public mutating func role(_ name: String, _ change: (inout Role) -> Void) {
        guard var role = inventory.iam?.roles[name] else { return }
        change(&role)
        inventory.iam?.roles[name] = role
    }

    /// Replaces the instance role's inline policy with this document.
    public mutating func setInstanceRolePolicy(_ json: String) {
        role(Names.instanceRole) { $0.inlinePolicies = [InlinePolicy(name: "app", document: json)] }
    }

    public mutating func database(_ change: (inout Database) -> Void) {
        guard var database = inventory.databases[Names.database] else { return }
        change(&database)
        inventory.databases[Names.database] = database
    }

    public mutating func loadBalancer(_ change: (inout LoadBalancer) -> Void) {
        guard var balancer = inventory.loadBalancers[Names.loadBalancer] else { return }
        change(&balancer)
        inventory.loadBalancers[Names.loadBalancer] = balancer
    }

    /// Names used throughout the example.
    public enum Names {
        public static let environment = "shop-prod"
        public static let environmentId = "e-hardened01"
        public static let instanceRole = "prod.shop"
        public static let serviceRole = "prod.shopService"
        public static let operatorRole = "prod.shopOperator"
        public static let instanceProfile = "prod.shop"
        public static let loadBalancer = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/awseb-shop/0123456789abcdef"
        public static let launchTemplate = "lt-0hardened"
        public static let autoScalingGroup = "awseb-e-hardened01-stack-AWSEBAutoScalingGroup"
        public static let instance = "i-0hardened000001"
        public static let database = "shop-prod-db"
        public static let bucket = "elasticbeanstalk-us-east-1-111122223333"
        public static let kmsKey = "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-2222-bbbb-3333-cccc4444dddd"
        public static let secretArn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:shop/db-AbCdEf"
        public static let certificate = "arn:aws:acm:us-east-1:111122223333:certificate/9f8e7d6c-5b4a-3210-fedc-ba9876543210"
        public static let platform = "arn:aws:elasticbeanstalk:us-east-1::platform/Docker running on 64bit Amazon Linux 2023/4.3.0"
        public static let topic = "arn:aws:sns:us-east-1:111122223333:shop-alerts"
        public static let environmentArn = "arn:aws:elasticbeanstalk:us-east-1:111122223333:environment/shop/shop-prod"
    }
}
