import Foundation
import Inventory
import Testing
@testable import Controls

/// The inventory index (built in parts side by side) and the per-batch memory of findings'
/// source texts give what the plain computations give.
@Suite struct InventoryIndexTests {
    static let sessionARNs: [String?] = [
        nil, "", "arn:aws:sts::1:assumed-role/app-ec2/i-0abc", "arn:aws:sts::1:assumed-role/app-ec2", "arn:aws:sts::1:assumed-role//x/y",
        "arn:aws:sts::1:assumed-role/", "arn:aws:sts::1:assumed-role///", "arn:aws:iam::1:role/app-ec2", "arn:aws:iam::1:root",
        "arn:aws:sts::1:assumed-role/café-rôle/s", "x:assumed-role/a:assumed-role/b/c",
    ]

    /// What `roleName(ofSession:)` answers: the first non-empty piece after `:assumed-role/`.
    static func expectedRoleName(_ arn: String?) -> String? {
        guard let arn, let range = arn.range(of: ":assumed-role/") else { return nil }
        return arn[range.upperBound...].split(separator: "/").first.map(String.init)
    }

    @Test func roleNamesAreTheFirstPieceAfterAssumedRole() {
        for arn in Self.sessionARNs {
            #expect(InventoryIndex.roleName(ofSession: arn) == Self.expectedRoleName(arn), "\(arn ?? "nil")")
        }
        #expect(InventoryIndex.roleName(ofSession: "arn:aws:sts::1:assumed-role/app-ec2/i-0abc") == "app-ec2")
    }

    @Test func logGroupsBelongToTheEnvironmentTheirNameStartsWith() {
        let names: [String: String?] = [
            "/aws/elasticbeanstalk/shop-prod/var/log/eb-engine.log": "shop-prod", "/aws/elasticbeanstalk/shop-prod/": "shop-prod",
            "/aws/elasticbeanstalk//x": "", "/aws/elasticbeanstalk/shop-prod": nil, "/aws/lambda/shop-prod/x": nil, "": nil,
            "aws/elasticbeanstalk/shop-prod/x": nil, "/aws/elasticbeanstalk/café/x": "café",
        ]
        for (name, expected) in names {
            #expect(InventoryIndex.environmentName(ofLogGroup: name) == expected, "\(name)")
        }
    }

    /// Events naming an environment several ways (resources, name, id, repeated) and made by
    /// several sessions.
    static func events() -> [CloudTrailEvent] {
        var events: [CloudTrailEvent] = []
        for (number, arn) in sessionARNs.enumerated() {
            var event = CloudTrailEvent(eventName: "UpdateEnvironment")
            event.eventId = "event-\(number)"
            event.principalArn = arn
            switch number % 4 {
            case 0: event.resources = ["shop-prod", "shop-prod", "e-123"]
            case 1: event.requestParameters = ["environmentName": "shop-prod", "environmentId": "e-123"]
            case 2: event.resources = ["arn:aws:s3:::bucket"]; event.requestParameters = ["environmentName": "shop-dev"]
            default: event.resources = ["e-123"]; event.requestParameters = ["environmentId": "e-123"]
            }
            events.append(event)
        }
        return events
    }

    @Test func eventsAreFiledUnderEveryKeyOnceAndEveryRole() {
        var inventory = ExampleInventory.hardened().inventory
        inventory.cloudTrailEvents = Self.events() + ExampleInventory.hardenedEvents()
        let index = InventoryIndex(inventory)
        var byEnvironment: [String: [CloudTrailEvent]] = [:]
        var byRole: [String: [CloudTrailEvent]] = [:]
        for event in inventory.cloudTrailEvents ?? [] {
            var keys = Set(event.resources)
            if let name = event.requestParameters["environmentName"] { keys.insert(name) }
            if let id = event.requestParameters["environmentId"] { keys.insert(id) }
            for key in keys { byEnvironment[key, default: []].append(event) }
            if let role = Self.expectedRoleName(event.principalArn) { byRole[role, default: []].append(event) }
        }
        #expect(index.eventsByEnvironment == byEnvironment)
        #expect(index.eventsByRole == byRole)
        #expect(index.eventsByEnvironment["shop-prod"]?.count == 7)  // six here and the hardened update
        #expect(index.eventsByRole["app-ec2"]?.count == 2)
    }

    @Test func theOtherLookupsAreBuiltToo() {
        let inventory = ExampleInventory.hardened().inventory
        let index = InventoryIndex(inventory)
        #expect(index.databasesByAddress.count == inventory.databases.values.filter { $0.endpointAddress != nil }.count)
        #expect(index.securityGroupsByName.count == Set(inventory.securityGroups.values.compactMap(\.name)).count)
        #expect(index.loadBalancersByName.count == Set(inventory.loadBalancers.values.compactMap(\.name)).count)
        #expect(!index.routeTableBySubnet.isEmpty)
    }

    /// Groups and load balancers by name, and the groups defined in `.ebextensions` in id order,
    /// equal what a plain pass over the inventory gives.
    @Test func namedResourcesAndEbextensionsGroupsMatchAPlainPass() {
        var inventory = ExampleInventory.hardened().inventory
        for number in [3, 1, 2] {
            var group = SecurityGroup(id: "sg-ebx-\(number)", name: "ebx-\(number)")
            group.origin = .file("app/.ebextensions/0\(number)-sg.config", line: number)
            inventory.securityGroups[group.id] = group
        }
        var elsewhere = SecurityGroup(id: "sg-tf-1", name: "tf-1")
        elsewhere.origin = .file("main.tf", line: 4)
        inventory.securityGroups[elsewhere.id] = elsewhere
        let index = InventoryIndex(inventory)
        var byName: [String: SecurityGroup] = [:]
        for group in inventory.securityGroups.values { if let name = group.name { byName[name] = group } }
        #expect(index.securityGroupsByName == byName)
        #expect(index.securityGroupsByName["ebx-2"]?.id == "sg-ebx-2")
        var balancersByName: [String: LoadBalancer] = [:]
        for balancer in inventory.loadBalancers.values { if let name = balancer.name { balancersByName[name] = balancer } }
        #expect(index.loadBalancersByName == balancersByName)
        #expect(index.ebextensionsSecurityGroups.map(\.id) == ["sg-ebx-1", "sg-ebx-2", "sg-ebx-3"])
    }

    @Test func sourceTextsAreTheOriginsDescriptions() {
        let file = "/exports/us-east-1/config-" + "shop-prod.json"
        let origins = [
            Origin(api: "iam:GetAccountAuthorizationDetails", file: "/exports/iam.json"),
            Origin(api: "elasticbeanstalk:DescribeConfigurationSettings", file: file),
            Origin(file: "template.yaml", line: 12, column: 5),
            Origin(file: "template.yaml", line: 12, column: 6),
            Origin(file: "template.yaml", line: 13),
            Origin(api: "ec2:DescribeSecurityGroups"),
            Origin(),
            // Equal to the second, in other strings.
            Origin(api: "elasticbeanstalk:" + "DescribeConfigurationSettings", file: "/exports/us-east-1/config-shop-" + "prod.json"),
        ]
        var sources = SourceTexts(controls: 3)
        for round in 0..<3 {
            for (position, origin) in origins.enumerated() {
                let control = (position + round) % 3
                #expect(sources.text(of: origin, control: control) == origin.description, "\(origin)")
            }
        }
    }
}
