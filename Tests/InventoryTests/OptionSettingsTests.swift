import Foundation
import Testing
@testable import Inventory

@Suite struct OptionSettingsTests {
    @Test func precedenceDirectOverSavedOverFileOverDefault() throws {
        var settings = OptionSettings()
        let ns = "aws:autoscaling:launchconfiguration"
        settings.append(OptionSetting(namespace: ns, optionName: "DisableIMDSv1", value: "false", layer: .defaultValue))
        settings.append(OptionSetting(namespace: ns, optionName: "DisableIMDSv1", value: "true", layer: .configurationFile))
        #expect(settings.value(ns, "DisableIMDSv1") == "true")
        settings.append(OptionSetting(namespace: ns, optionName: "DisableIMDSv1", value: "false", layer: .savedConfiguration))
        #expect(settings.winner(ns, "DisableIMDSv1")?.layer == .savedConfiguration)
        settings.append(OptionSetting(namespace: ns, optionName: "DisableIMDSv1", value: "true", layer: .direct))
        #expect(settings.winner(ns, "DisableIMDSv1")?.layer == .direct)
        #expect(settings.candidates(ns, "DisableIMDSv1").count == 4)
        #expect(settings.value(ns, "EC2KeyName") == nil)
    }

    @Test func resourceScopedOptionsAreSeparate() {
        let settings = OptionSettings([
            OptionSetting(namespace: "aws:elbv2:listener", optionName: "Protocol", value: "HTTPS", resourceName: "443"),
            OptionSetting(namespace: "aws:elbv2:listener", optionName: "Protocol", value: "HTTP", resourceName: "80"),
        ])
        #expect(settings.value("aws:elbv2:listener", "Protocol", resource: "443") == "HTTPS")
        #expect(settings.settings(in: "aws:elbv2:listener").count == 2)
    }

    @Test func snapshotRoundTripKeepsEveryFact() throws {
        var inventory = Inventory(source: InventorySource(kind: "test"))
        var environment = Environment(name: "app-prod")
        environment.optionSettings = OptionSettings([OptionSetting(namespace: "a", optionName: "b", value: "c", origin: .file("x.config", line: 3, column: 5))])
        inventory.environments = [environment]
        inventory.securityGroups["sg-1"] = SecurityGroup(id: "sg-1", ingress: [SecurityGroupRule(ipProtocol: "tcp", fromPort: 22, toPort: 22, cidr: "0.0.0.0/0")])
        let data = try JSONEncoder().encode(inventory)
        let decoded = try JSONDecoder().decode(Inventory.self, from: data)
        #expect(decoded.schemaVersion == Inventory.currentSchemaVersion)
        #expect(decoded.environments.first?.optionSettings?.value("a", "b") == "c")
        #expect(decoded.environments.first?.optionSettings?.winner("a", "b")?.origin?.line == 3)
        #expect(decoded.securityGroups["sg-1"]?.ingress.first?.isOpenToWorld == true)
        #expect(decoded.trails == nil)
    }

    /// The sorted hash index answers like a scan of the list, however settings were added.
    @Test func lookupsAgreeWithAScan() {
        var generator = SystemRandomNumberGenerator()
        let namespaces = ["aws:autoscaling:launchconfiguration", "aws:elbv2:listener:443", "aws:ec2:vpc", "a", ""]
        let options = ["Subnets", "Protocol", "DisableIMDSv1", "x", ""]
        let layers: [SettingLayer] = [.direct, .savedConfiguration, .configurationFile, .defaultValue]
        let list = (0..<400).map { position in
            OptionSetting(namespace: namespaces.randomElement(using: &generator)!, optionName: options.randomElement(using: &generator)!,
                          value: "v\(position)", resourceName: Bool.random(using: &generator) ? nil : ["80", "443"].randomElement(using: &generator),
                          layer: layers.randomElement(using: &generator)!)
        }
        var appended = OptionSettings(Array(list.prefix(150)))
        for setting in list.dropFirst(150) { appended.append(setting) }
        for settings in [OptionSettings(list), appended] {
            #expect(settings.all == list)
            for namespace in namespaces + ["missing"] {
                for option in options + ["Missing"] {
                    let scan = list.filter { $0.namespace == namespace && $0.optionName == option }
                    #expect(settings.candidates(namespace, option) == scan)
                    for resource in [nil, "80", "443"] as [String?] {
                        var best: OptionSetting?
                        for setting in scan where resource == nil || setting.resourceName == resource {
                            if let current = best, current.layer <= setting.layer { continue }
                            best = setting
                        }
                        #expect(settings.winner(namespace, option, resource: resource) == best)
                        #expect(settings.value(namespace, option, resource: resource) == best?.value)
                        #expect(settings.withWinner(namespace, option, resource: resource) { $0.value } == best.map { $0.value })
                    }
                }
            }
            for namespace in namespaces + ["missing"] {
                var expected: [OptionSetting] = []
                for setting in list where setting.namespace == namespace {
                    let same = expected.firstIndex { ($0.resourceName ?? "") == (setting.resourceName ?? "") && $0.optionName == setting.optionName }
                    if let same { if setting.layer < expected[same].layer { expected[same] = setting } } else { expected.append(setting) }
                }
                #expect(settings.settings(in: namespace) == expected)
            }
        }
    }

    /// A namespace's winners, one per option and resource, in first-appearance order, whether the
    /// namespace sets a few options or many (searched, then keyed in a table); names that are
    /// canonically equivalent count as one, as in a dictionary.
    @Test func namespaceWinnersAgreeWithADictionary() {
        var generator = SystemRandomNumberGenerator()
        let layers: [SettingLayer] = [.direct, .savedConfiguration, .configurationFile, .defaultValue]
        for optionCount in [1, 3, 16, 17, 18, 60] {
            let options = (0..<optionCount).map { "OPTION_\($0)" } + ["caf\u{E9}", "cafe\u{301}"]
            let list = (0..<300).map { position in
                OptionSetting(namespace: ["aws:elasticbeanstalk:application:environment", "aws:ec2:vpc"].randomElement(using: &generator)!,
                              optionName: options.randomElement(using: &generator)!, value: "v\(position)",
                              resourceName: [nil, "", "80"].randomElement(using: &generator)!, layer: layers.randomElement(using: &generator)!)
            }
            let settings = OptionSettings(list)
            for namespace in ["aws:elasticbeanstalk:application:environment", "aws:ec2:vpc", "missing"] {
                struct Key: Hashable { var resource: String; var option: String }
                var winners: [Key: OptionSetting] = [:]
                var order: [Key] = []
                for setting in list where setting.namespace == namespace {
                    let key = Key(resource: setting.resourceName ?? "", option: setting.optionName)
                    if let current = winners[key] {
                        if setting.layer < current.layer { winners[key] = setting }
                    } else {
                        winners[key] = setting
                        order.append(key)
                    }
                }
                #expect(settings.settings(in: namespace) == order.compactMap { winners[$0] }, "\(optionCount) options in \(namespace)")
            }
        }
    }

    @Test func ruleCoversPorts() {
        let range = SecurityGroupRule(ipProtocol: "tcp", fromPort: 20, toPort: 25, cidr: "0.0.0.0/0")
        #expect(range.covers(port: 22))
        #expect(!range.covers(port: 80))
        #expect(SecurityGroupRule(ipProtocol: "-1", fromPort: nil, toPort: nil, cidr: "::/0").covers(port: 3389))
        #expect(!SecurityGroupRule(ipProtocol: "udp", fromPort: 22, toPort: 22, cidr: "0.0.0.0/0").covers(port: 22))
    }
}
