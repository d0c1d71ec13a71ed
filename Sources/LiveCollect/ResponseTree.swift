import AWSWire
import Foundation

/// Turns a wire answer into the `[String: Any]` tree the AWS CLI prints for it, so the export
/// importer's mappers read live answers unchanged.
///
/// JSON services already answer in that shape. Query services differ only in list wrappers
/// (`member`, and RDS's named members such as `<DBInstance>`). EC2 answers in lower-camel
/// wire names (`securityGroupInfo`, `ipPermissions`, `tagSet`), renamed here to botocore's
/// member names (`SecurityGroups`, `IpPermissions`, `Tags`).
enum ResponseTree {
    static func object(_ response: AWSResponse) -> [String: Any] {
        if let json = response.json { return (foundation(json) as? [String: Any]) ?? [:] }
        guard let node = response.result else { return [:] }
        switch response.operation.service.protocol {
        case .ec2: return (convert(node, rules: .ec2, name: node.name, context: nil) as? [String: Any]) ?? [:]
        case .restXML: return restObject(node)
        default: return (convert(node, rules: .query, name: node.name, context: nil) as? [String: Any]) ?? [:]
        }
    }

    /// `JSONValue` → Foundation objects, as `JSONSerialization` would produce them.
    static func foundation(_ value: JSONValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let flag): return NSNumber(value: flag)
        case .number(let number):
            if number == number.rounded(), abs(number) < 9.0e15 { return NSNumber(value: Int(number)) }
            return NSNumber(value: number)
        case .string(let text): return text
        case .array(let items): return items.map(foundation)
        case .object(let members): return members.mapValues(foundation)
        }
    }

    /// S3 answers: the document root is the CLI's top-level key; flattened `Rule` lists become `Rules`.
    static func restObject(_ root: AWSXMLNode) -> [String: Any] {
        if root.name == "ServerSideEncryptionConfiguration" {
            let rules = root.children(named: "Rule").map { convert($0, rules: .query, name: nil, context: nil) }
            return ["ServerSideEncryptionConfiguration": ["Rules": rules]]
        }
        return [root.name: convert(root, rules: .query, name: root.name, context: nil)]
    }

    struct Rules: Sendable {
        /// Element names (as renamed) that are always lists, whatever their children are called.
        var lists: Set<String>
        var rename: @Sendable (String, String?) -> String

        static let query = Rules(lists: ["DBInstances", "VpcSecurityGroups", "DBParameterGroups", "Subnets", "TagList", "Parameters",
                                         "DBSecurityGroups", "OptionGroupMemberships", "DomainMemberships"],
                                 rename: { name, _ in name })
        static let ec2 = Rules(lists: EC2Names.lists, rename: EC2Names.rename)
    }

    /// Elements to objects, lists to arrays, leaves to strings (the mappers accept "true"/"80").
    /// `name` is the element's (renamed) key, `nil` for a list entry; `context` is the enclosing
    /// list or object, which decides renames such as EC2's `groupSet`.
    static func convert(_ node: AWSXMLNode, rules: Rules, name: String?, context: String?) -> Any {
        let scope = name ?? context
        if let name, rules.lists.contains(name) {
            return node.children.map { convert($0, rules: rules, name: nil, context: name) }
        }
        if node.children.isEmpty { return node.text }
        if node.children.allSatisfy({ $0.name == "member" || $0.name == "item" }) {
            return node.children.map { convert($0, rules: rules, name: nil, context: scope) }
        }
        var object: [String: Any] = [:]
        var repeated: Set<String> = []
        for child in node.children {
            let key = rules.rename(child.name, scope)
            let value = convert(child, rules: rules, name: key, context: scope)
            if let existing = object[key] {
                if repeated.contains(key), var items = existing as? [Any] {
                    items.append(value)
                    object[key] = items
                } else {
                    object[key] = [existing, value]
                    repeated.insert(key)
                }
            } else {
                object[key] = value
            }
        }
        return object
    }
}

/// EC2 wire names → botocore member names, for the operations the collector calls.
enum EC2Names {
    static let table: [String: String] = [
        "securityGroupInfo": "SecurityGroups", "groups": "UserIdGroupPairs", "tagSet": "Tags",
        "subnetSet": "Subnets", "routeTableSet": "RouteTables", "associationSet": "Associations", "routeSet": "Routes",
        "vpcSet": "Vpcs", "vpcEndpointSet": "VpcEndpoints", "routeTableIdSet": "RouteTableIds", "subnetIdSet": "SubnetIds",
        "launchTemplateVersionSet": "LaunchTemplateVersions", "launchTemplates": "LaunchTemplates",
        "securityGroupIdSet": "SecurityGroupIds", "securityGroupSet": "SecurityGroups",
        "networkInterfaceSet": "NetworkInterfaces", "blockDeviceMappingSet": "BlockDeviceMappings", "blockDeviceMapping": "BlockDeviceMappings",
        "reservationSet": "Reservations", "instancesSet": "Instances", "instanceState": "State", "ipAddress": "PublicIpAddress",
        "regionInfo": "Regions", "cidrBlockAssociationSet": "CidrBlockAssociationSet",
    ]

    /// Lists in the answers the collector reads (renamed names).
    static let lists: Set<String> = [
        "SecurityGroups", "UserIdGroupPairs", "Tags", "Subnets", "RouteTables", "Associations", "Routes", "Vpcs", "VpcEndpoints",
        "RouteTableIds", "SubnetIds", "LaunchTemplateVersions", "LaunchTemplates", "SecurityGroupIds", "NetworkInterfaces",
        "BlockDeviceMappings", "Reservations", "Instances", "Regions", "IpPermissions", "IpPermissionsEgress", "IpRanges",
        "Ipv6Ranges", "PrefixListIds", "Groups",
    ]

    static func rename(_ name: String, _ parent: String?) -> String {
        // An instance's `groupSet` holds {groupId, groupName}; a launch template interface's holds ids.
        if name == "groupSet" { return parent == "Instances" || parent == "Reservations" ? "SecurityGroups" : "Groups" }
        if let mapped = table[name] { return mapped }
        guard let first = name.first, first.isLowercase else { return name }
        return first.uppercased() + name.dropFirst()
    }
}
