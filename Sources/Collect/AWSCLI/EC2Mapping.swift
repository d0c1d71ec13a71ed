import Foundation
import Inventory

/// EC2 outputs → inventory.
enum EC2Mapping {
    static func securityGroups(_ json: JSONObject, origin: Origin) -> [SecurityGroup] {
        json.objects("SecurityGroups").compactMap { item in
            guard let id = item.string("GroupId") else { return nil }
            return SecurityGroup(id: id, name: item.string("GroupName"), vpcId: item.string("VpcId"),
                                 ingress: rules(item.objects("IpPermissions")), egress: rules(item.objects("IpPermissionsEgress")),
                                 tags: item.tags(), origin: origin)
        }
    }

    /// One normalized rule per source (CIDR, IPv6 CIDR, group, prefix list).
    static func rules(_ permissions: [JSONObject]) -> [SecurityGroupRule] {
        var rules: [SecurityGroupRule] = []
        for permission in permissions {
            let proto = permission.string("IpProtocol") ?? "-1"
            let from = permission.int("FromPort")
            let to = permission.int("ToPort")
            for range in permission.objects("IpRanges") {
                rules.append(SecurityGroupRule(ipProtocol: proto, fromPort: from, toPort: to, cidr: range.string("CidrIp"), description: range.string("Description")))
            }
            for range in permission.objects("Ipv6Ranges") {
                rules.append(SecurityGroupRule(ipProtocol: proto, fromPort: from, toPort: to, cidr: range.string("CidrIpv6"), description: range.string("Description")))
            }
            for pair in permission.objects("UserIdGroupPairs") {
                rules.append(SecurityGroupRule(ipProtocol: proto, fromPort: from, toPort: to, sourceSecurityGroupId: pair.string("GroupId"), description: pair.string("Description")))
            }
            for list in permission.objects("PrefixListIds") {
                rules.append(SecurityGroupRule(ipProtocol: proto, fromPort: from, toPort: to, prefixListId: list.string("PrefixListId"), description: list.string("Description")))
            }
        }
        return rules
    }

    static func subnets(_ json: JSONObject, origin: Origin) -> [Subnet] {
        json.objects("Subnets").compactMap { item in
            guard let id = item.string("SubnetId") else { return nil }
            var subnet = Subnet(id: id)
            subnet.vpcId = item.string("VpcId")
            subnet.availabilityZone = item.string("AvailabilityZone")
            subnet.mapPublicIpOnLaunch = item.bool("MapPublicIpOnLaunch")
            subnet.origin = origin
            return subnet
        }
    }

    static func routeTables(_ json: JSONObject, origin: Origin) -> [RouteTable] {
        json.objects("RouteTables").compactMap { item in
            guard let id = item.string("RouteTableId") else { return nil }
            let associations = item.objects("Associations")
            var table = RouteTable(id: id, vpcId: item.string("VpcId"), isMain: associations.contains { $0.bool("Main") == true },
                                   subnetIds: associations.compactMap { $0.string("SubnetId") })
            table.routes = item.objects("Routes").compactMap { route in
                guard let destination = route.string("DestinationCidrBlock") ?? route.string("DestinationIpv6CidrBlock") ?? route.string("DestinationPrefixListId") else { return nil }
                let target = route.string("GatewayId") ?? route.string("NatGatewayId") ?? route.string("TransitGatewayId")
                    ?? route.string("VpcPeeringConnectionId") ?? route.string("NetworkInterfaceId") ?? route.string("InstanceId")
                return Route(destination: destination, target: target)
            }
            table.origin = origin
            return table
        }
    }

    static func vpcs(_ json: JSONObject, origin: Origin) -> [VPC] {
        json.objects("Vpcs").compactMap { item in
            guard let id = item.string("VpcId") else { return nil }
            var vpc = VPC(id: id, isDefault: item.bool("IsDefault"))
            vpc.cidrBlock = item.string("CidrBlock")
            vpc.origin = origin
            return vpc
        }
    }

    static func vpcEndpoints(_ json: JSONObject, origin: Origin) -> [VPCEndpoint] {
        json.objects("VpcEndpoints").compactMap { item in
            guard let id = item.string("VpcEndpointId"), let vpc = item.string("VpcId"), let service = item.string("ServiceName") else { return nil }
            return VPCEndpoint(id: id, vpcId: vpc, serviceName: service, origin: origin)
        }
    }

    static func launchTemplateVersions(_ json: JSONObject, origin: Origin) -> [LaunchTemplate] {
        json.objects("LaunchTemplateVersions").compactMap { item in
            guard let id = item.string("LaunchTemplateId") else { return nil }
            var template = LaunchTemplate(id: id)
            template.name = item.string("LaunchTemplateName")
            template.version = item.int("VersionNumber")
            template.isDefaultVersion = item.bool("DefaultVersion")
            let data = item.object("LaunchTemplateData") ?? [:]
            template.metadataOptions = metadata(data.object("MetadataOptions"))
            var groups = data.strings("SecurityGroupIds") + data.strings("SecurityGroups")
            for interface in data.objects("NetworkInterfaces") {
                groups += interface.strings("Groups")
                if let associate = interface.bool("AssociatePublicIpAddress") { template.associatePublicIpAddress = associate }
            }
            template.securityGroupIds = groups
            template.iamInstanceProfile = data.object("IamInstanceProfile").flatMap { $0.string("Name") ?? $0.string("Arn") }
            template.blockDevices = data.objects("BlockDeviceMappings").compactMap { mapping in
                guard let ebs = mapping.object("Ebs") else { return nil }
                return BlockDevice(deviceName: mapping.string("DeviceName"), encrypted: ebs.bool("Encrypted") ?? false, kmsKeyId: ebs.string("KmsKeyId"))
            }
            template.keyName = data.string("KeyName")
            template.origin = origin
            return template
        }
    }

    static func metadata(_ json: JSONObject?) -> MetadataOptions? {
        guard let json else { return nil }
        return MetadataOptions(httpTokens: json.string("HttpTokens"), httpEndpoint: json.string("HttpEndpoint"), httpPutResponseHopLimit: json.int("HttpPutResponseHopLimit"))
    }

    static func instances(_ json: JSONObject, origin: Origin) -> [Instance] {
        json.objects("Reservations").flatMap { $0.objects("Instances") }.compactMap { item in
            guard let id = item.string("InstanceId") else { return nil }
            var instance = Instance(id: id)
            instance.state = item.object("State")?.string("Name")
            instance.subnetId = item.string("SubnetId")
            instance.vpcId = item.string("VpcId")
            instance.publicIpAddress = item.string("PublicIpAddress")
            instance.securityGroupIds = item.objects("SecurityGroups").compactMap { $0.string("GroupId") }
            instance.metadataOptions = metadata(item.object("MetadataOptions"))
            instance.iamInstanceProfileArn = item.object("IamInstanceProfile")?.string("Arn")
            instance.tags = item.tags()
            instance.origin = origin
            return instance
        }
    }
}

/// Auto Scaling outputs → inventory.
enum ComputeMapping {
    static func autoScalingGroups(_ json: JSONObject, origin: Origin) -> [AutoScalingGroup] {
        json.objects("AutoScalingGroups").compactMap { item in
            guard let name = item.string("AutoScalingGroupName") else { return nil }
            var group = AutoScalingGroup(name: name)
            let template = item.object("LaunchTemplate") ?? item.object("MixedInstancesPolicy")?.object("LaunchTemplate")?.object("LaunchTemplateSpecification")
            group.launchTemplateId = template?.string("LaunchTemplateId")
            group.launchTemplateName = template?.string("LaunchTemplateName")
            group.launchTemplateVersion = template?.string("Version")
            group.launchConfigurationName = item.string("LaunchConfigurationName")
            group.instanceIds = item.objects("Instances").compactMap { $0.string("InstanceId") }
            group.subnetIds = subnetIds(item.string("VPCZoneIdentifier") ?? "")
            group.tags = item.tags()
            group.origin = origin
            return group
        }
    }

    /// The subnets a `VPCZoneIdentifier` lists: split at commas, each trimmed of whitespace, empty ones dropped.
    ///
    /// An ASCII list (every export's) is read by its bytes, where `.whitespaces` is a space or a
    /// tab; Foundation's trimming, through `NSString`, cost more than the rest of the group's mapping.
    static func subnetIds(_ list: String) -> [String] {
        var list = list
        if let ids = list.withUTF8({ bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var ids: [String] = []
            func blank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            for part in bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                var start = part.startIndex, end = part.endIndex
                while start < end, blank(bytes[start]) { start += 1 }
                while end > start, blank(bytes[end - 1]) { end -= 1 }
                guard start < end else { continue }
                ids.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            return ids
        }) { return ids }
        return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
