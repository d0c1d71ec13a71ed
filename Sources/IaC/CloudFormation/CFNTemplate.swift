/// A CloudFormation template (or the `Resources:` of an `.ebextensions` file) with what is needed
/// to evaluate intrinsic functions statically: parameters and their defaults, mappings, conditions
/// and the physical names of the resources it declares.
///
/// Evaluation never guesses: a value that depends on something unknown at scan time (a parameter
/// without a default, `Fn::ImportValue`, a pseudo parameter, an undecidable condition) evaluates to
/// `.unresolved`, which the mappers record as `unresolved: true` — never as a passing value.
struct CFNTemplate {
    struct Resource {
        var logicalId: String
        var type: String
        var properties: Node
        var node: Node
        /// The line of the logical id (where a suppression comment above it applies).
        var line: Int
        var column: Int
    }

    struct Parameter {
        var defaultValue: Node?
        var noEcho: Bool
    }

    let path: String
    var parameters: [String: Parameter] = [:]
    var mappings: Node?
    var conditions: [String: Node] = [:]
    var resources: [Resource] = []
    var resourcesById: [String: Int] = [:]
    /// Undeclared resources whose logical id starts with this prefix resolve to their logical id:
    /// `.ebextensions` refer to the resources Elastic Beanstalk creates (`AWSEBSecurityGroup`).
    var externalPrefix: String?
    /// Inventory names by logical id, filled in before mapping so `Ref`/`GetAtt` resolve to them.
    var names: [String: String] = [:]

    init(root: Node, path: String) {
        self.path = path
        if let params = root["Parameters"]?.entries {
            for entry in params {
                let noEcho = entry.value["NoEcho"]?.bool ?? false
                parameters[entry.key] = Parameter(defaultValue: entry.value["Default"], noEcho: noEcho)
            }
        }
        mappings = root["Mappings"]
        if let conditionEntries = root["Conditions"]?.entries {
            for entry in conditionEntries { conditions[entry.key] = entry.value }
        }
        if let resourceEntries = root["Resources"]?.entries {
            for entry in resourceEntries {
                guard let type = entry.value["Type"]?.string else { continue }
                resourcesById[entry.key] = resources.count
                resources.append(Resource(logicalId: entry.key, type: type,
                                          properties: entry.value["Properties"] ?? Node(.map([]), line: entry.keyLine, column: entry.keyColumn),
                                          node: entry.value, line: entry.keyLine, column: entry.keyColumn))
            }
        }
        for resource in resources {
            names[resource.logicalId] = physicalName(of: resource) ?? Self.localName(resource.logicalId, type: resource.type, path: path)
        }
    }

    /// The property that carries a resource's physical name, for the types ebguard keys by name.
    static let nameProperty: [String: String] = [
        "AWS::IAM::Role": "RoleName",
        "AWS::IAM::InstanceProfile": "InstanceProfileName",
        "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
        "AWS::IAM::Policy": "PolicyName",
        "AWS::S3::Bucket": "BucketName",
        "AWS::RDS::DBInstance": "DBInstanceIdentifier",
        "AWS::RDS::DBParameterGroup": "DBParameterGroupName",
        "AWS::Logs::LogGroup": "LogGroupName",
        "AWS::CloudTrail::Trail": "TrailName",
        "AWS::ElasticBeanstalk::Environment": "EnvironmentName",
        "AWS::ElasticBeanstalk::Application": "ApplicationName",
        "AWS::ElasticLoadBalancingV2::LoadBalancer": "Name",
    ]

    private func physicalName(of resource: Resource) -> String? {
        guard let property = Self.nameProperty[resource.type], let node = resource.properties[property] else { return nil }
        return resolve(node).string
    }

    /// The inventory key of a resource without a physical name: logical ids are local to their
    /// template, so they are qualified with it (`stack.yaml#AppSecurityGroup`) — two templates of
    /// a scan that both declare `InstanceProfile` must not merge. Environments keep the logical id
    /// as their name (they are listed, not keyed).
    static func localName(_ logicalId: String, type: String, path: String) -> String {
        type == "AWS::ElasticBeanstalk::Environment" ? logicalId : "\(path)#\(logicalId)"
    }

    /// The name a resource is known by in the inventory: its physical name, else its qualified logical id.
    func name(of logicalId: String) -> String { names[logicalId] ?? logicalId }

    /// The synthetic ARN given to a customer managed policy declared in a template (account unknown).
    static func managedPolicyArn(name: String) -> String { "arn:aws:iam:::policy/\(name)" }

    func resource(_ logicalId: String) -> Resource? {
        resourcesById[logicalId].map { resources[$0] }
    }
}

/// The marker for `AWS::NoValue`: the property or list element is removed.
let noValueMarker = "\u{0}AWS::NoValue"
