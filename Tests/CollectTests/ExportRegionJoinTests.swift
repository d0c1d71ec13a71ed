import Foundation
import Inventory
import Testing
@testable import Collect

/// Facts an export folder holds once per region, under the same name in every region, must stay
/// with their region when the importer joins them. Found by `ExportParityTests` (ebguardTests).
@Suite struct ExportRegionJoinTests {
    /// What `ebguard export-commands` writes for AWS Config in each region folder.
    static func recorderFiles(region: String, recording: Bool) -> [String: String] {
        [
            "\(region)/\(region).config-recorders.json": """
                {"ConfigurationRecorders": [{"name": "default", "roleARN": "arn:aws:iam::123456789012:role/config",
                 "recordingGroup": {"allSupported": true, "includeGlobalResourceTypes": false}}]}
                """,
            "\(region)/\(region).config-recorder-status.json": """
                {"ConfigurationRecordersStatus": [{"name": "default", "recording": \(recording)}]}
                """,
        ]
    }

    /// Imports a folder made of `files` (relative path → content).
    static func importFolder(_ files: [String: String]) throws -> Inventory {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-regions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, content) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        return try AWSCLIImporter().importFolder(directory.path)
    }

    /// Two regions with a recorder named `default`, recording in one and stopped in the other:
    /// each keeps its own status (EB-DET-008 must not pass on the stopped one).
    @Test func configRecorderStatusStaysWithItsRegion() throws {
        let inventory = try Self.importFolder(Self.recorderFiles(region: "us-east-1", recording: true).merging(Self.recorderFiles(region: "eu-west-1", recording: false)) { a, _ in a })
        let recorders = try #require(inventory.configRecorders)
        #expect(recorders.map(\.region).sorted { ($0 ?? "") < ($1 ?? "") } == ["eu-west-1", "us-east-1"])
        let recording = Dictionary(uniqueKeysWithValues: recorders.map { ($0.region ?? "", $0.recording) })
        #expect(recording["us-east-1"] == true)
        #expect(recording["eu-west-1"] == false, "the stopped eu-west-1 recorder reads as recording")
    }

    /// Two `prod` environments, one per region, each with its own settings and resources files,
    /// as `ebguard export-commands` writes them (one folder per region).
    static func twoProdFiles() -> [String: String] {
        var files: [String: String] = [:]
        for (region, disabled) in [("us-east-1", true), ("eu-west-1", false)] {
            files["\(region)/environments.json"] = """
                {"Environments": [{"EnvironmentName": "prod", "EnvironmentId": "e-\(region)", "ApplicationName": "shop", "Status": "Ready",
                  "EnvironmentArn": "arn:aws:elasticbeanstalk:\(region):123456789012:environment/shop/prod"}]}
                """
            files["\(region)/config-prod.json"] = """
                {"ConfigurationSettings": [{"ApplicationName": "shop", "EnvironmentName": "prod",
                  "PlatformArn": "arn:aws:elasticbeanstalk:\(region)::platform/Python 3.11 running on 64bit Amazon Linux 2023/4.6.0",
                  "OptionSettings": [{"Namespace": "aws:autoscaling:launchconfiguration", "OptionName": "DisableIMDSv1", "Value": "\(disabled)"}]}]}
                """
            files["\(region)/resources-prod.json"] = """
                {"EnvironmentResources": {"EnvironmentName": "prod", "AutoScalingGroups": [{"Name": "asg-\(region)"}],
                  "Instances": [{"Id": "i-\(region)"}], "LaunchTemplates": [{"Id": "lt-\(region)"}], "LoadBalancers": [], "Queues": []}}
                """
        }
        return files
    }

    /// Environment names are unique per region, not per account ("This name must be unique within
    /// a region in your account", CreateEnvironment): `prod` in two regions is common. Each must
    /// keep its own option settings and resources.
    @Test func sameEnvironmentNameInTwoRegionsKeepsItsOwnSettings() throws {
        let inventory = try Self.importFolder(Self.twoProdFiles())
        #expect(inventory.environments.count == 2)
        var disabled: [String: String] = [:]
        for environment in inventory.environments {
            disabled[environment.region ?? ""] = environment.optionSettings?.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1")
        }
        #expect(disabled == ["eu-west-1": "false", "us-east-1": "true"])
    }

    /// The same, for the resources (which name no region: the file's region folder does), and for
    /// the evidence: each environment's settings come from its own region's file.
    @Test func sameEnvironmentNameInTwoRegionsKeepsItsOwnResources() throws {
        let inventory = try Self.importFolder(Self.twoProdFiles())
        #expect(inventory.environments.count == 2)
        #expect(inventory.inputProblems.isEmpty)
        for environment in inventory.environments {
            let region = try #require(environment.region)
            #expect(environment.resources?.autoScalingGroups == ["asg-\(region)"], "\(region)")
            #expect(environment.resources?.instances == ["i-\(region)"], "\(region)")
            #expect(environment.resources?.launchTemplates == ["lt-\(region)"], "\(region)")
            let files = Set((environment.optionSettings?.all ?? []).compactMap { $0.origin?.file })
            #expect(files.count == 1 && files.allSatisfy { $0.contains("/\(region)/config-prod.json") }, "\(region): \(files)")
        }
        #expect(!inventory.gaps.contains { $0.fact == .optionSettings }, "\(inventory.gaps.map(\.summary))")
    }

    /// Files outside region folders (or an environment without an ARN) still join by name when
    /// the name is unambiguous, as before.
    @Test func aUniqueNameJoinsWithoutARegionFolder() throws {
        let inventory = try Self.importFolder([
            "environments.json": #"{"Environments": [{"EnvironmentName": "solo", "EnvironmentArn": "arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/a/solo"}]}"#,
            "config-solo.json": #"{"ConfigurationSettings": [{"EnvironmentName": "solo", "OptionSettings": [{"Namespace": "n", "OptionName": "o", "Value": "v"}]}]}"#,
            "resources-solo.json": #"{"EnvironmentResources": {"EnvironmentName": "solo", "Instances": [{"Id": "i-1"}]}}"#,
        ])
        let solo = try #require(inventory.environments.first)
        #expect(inventory.environments.count == 1)
        #expect(solo.optionSettings?.value("n", "o") == "v")
        #expect(solo.resources?.instances == ["i-1"])
    }

    /// The version each launch template's Auto Scaling group names is chosen, whether or not the
    /// export lists the versions in order: `$Latest` the highest, a number that version (the
    /// highest when it is missing), otherwise the default version.
    @Test func launchTemplateVersionInUseIsChosenInAnyListingOrder() throws {
        func version(_ id: String, _ number: Int, isDefault: Bool = false) -> String {
            #"{"LaunchTemplateId": "\#(id)", "VersionNumber": \#(number), "DefaultVersion": \#(isDefault), "LaunchTemplateData": {"KeyName": "\#(id)-\#(number)"}}"#
        }
        func group(_ name: String, _ id: String, _ wanted: String?) -> String {
            #"{"AutoScalingGroupName": "\#(name)", "LaunchTemplate": {"LaunchTemplateId": "\#(id)"\#(wanted.map { #", "Version": "\#($0)""# } ?? "")}}"#
        }
        let versions = [version("lt-a", 3), version("lt-a", 1), version("lt-a", 2, isDefault: true),
                        version("lt-b", 1), version("lt-b", 2), version("lt-b", 3, isDefault: true),
                        version("lt-c", 2, isDefault: true), version("lt-c", 1), version("lt-c", 3),
                        version("lt-d", 1), version("lt-d", 2, isDefault: true), version("lt-d", 4)]
        let groups = [group("g-a", "lt-a", "$Latest"), group("g-b", "lt-b", "2"), group("g-c", "lt-c", nil), group("g-d", "lt-d", "3")]
        let inventory = try Self.importFolder([
            "us-east-1/launch-template-versions.json": #"{"LaunchTemplateVersions": [\#(versions.joined(separator: ","))]}"#,
            "us-east-1/auto-scaling-groups.json": #"{"AutoScalingGroups": [\#(groups.joined(separator: ","))]}"#,
        ])
        #expect(inventory.launchTemplates.mapValues(\.keyName) == ["lt-a": "lt-a-3", "lt-b": "lt-b-2", "lt-c": "lt-c-2", "lt-d": "lt-d-4"])
    }

    /// Listeners and their rules join their load balancer by ARN, attributes by the name in the
    /// file name; a balancer without listeners keeps none.
    @Test func listenersRulesAndAttributesJoinTheirBalancer() throws {
        let arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1"
        let listener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/1/l1"
        let inventory = try Self.importFolder([
            "us-east-1/load-balancers.json": #"{"LoadBalancers": [{"LoadBalancerArn": "\#(arn)", "LoadBalancerName": "web", "Scheme": "internet-facing"},"#
                + #"{"LoadBalancerArn": "\#(arn)-other", "LoadBalancerName": "other", "Scheme": "internal"}]}"#,
            "us-east-1/listeners.json": #"{"Listeners": [{"ListenerArn": "\#(listener)", "LoadBalancerArn": "\#(arn)", "Protocol": "HTTP", "Port": 80}]}"#,
            "us-east-1/rules.json": #"{"Rules": [{"RuleArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/1/l1/r1", "Priority": "default", "IsDefault": true}]}"#,
            "us-east-1/web.attributes.json": #"{"Attributes": [{"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}]}"#,
        ])
        let web = try #require(inventory.loadBalancers.values.first { $0.name == "web" })
        #expect(web.listeners?.map(\.arn) == [listener])
        #expect(web.listeners?.first?.rules?.count == 1)
        #expect(web.attributes?["routing.http.drop_invalid_header_fields.enabled"] == "true")
        let other = try #require(inventory.loadBalancers.values.first { $0.name == "other" })
        #expect(other.listeners == nil && other.attributes == nil)
    }
}
