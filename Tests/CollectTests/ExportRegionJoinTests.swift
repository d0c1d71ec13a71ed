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

    /// Two regions with a recorder named `default`, recording in one and stopped in the other:
    /// each keeps its own status (EB-DET-008 must not pass on the stopped one).
    ///
    /// Known issue until `ExportMerger` keys recorder status by region (the file-name prefix, as
    /// it already does for the recorders) and name: today every `default` recorder gets the
    /// status of the file read last (`us-east-1/…` sorts after `eu-west-1/…`).
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

    @Test func configRecorderStatusStaysWithItsRegion() throws {
        let inventory = try Self.importFolder(Self.recorderFiles(region: "us-east-1", recording: true).merging(Self.recorderFiles(region: "eu-west-1", recording: false)) { a, _ in a })
        let recorders = try #require(inventory.configRecorders)
        #expect(recorders.map(\.region).sorted { ($0 ?? "") < ($1 ?? "") } == ["eu-west-1", "us-east-1"])
        let recording = Dictionary(uniqueKeysWithValues: recorders.map { ($0.region ?? "", $0.recording) })
        #expect(recording["us-east-1"] == true)
        #expect(recording["eu-west-1"] == false, "the stopped eu-west-1 recorder reads as recording")
    }

    /// Environment names are unique per region, not per account ("This name must be unique within
    /// a region in your account", CreateEnvironment): `prod` in two regions is common. Each must
    /// keep its own option settings and resources.
    ///
    /// Known issue, in both sources (live answers go through the same merger, so the parity test
    /// cannot see it): `ExportMerger` keys settings and resources by environment name only, so both
    /// regions' settings are merged under `prod` and one region's values (and files, as evidence)
    /// are reported for both environments.
    @Test func sameEnvironmentNameInTwoRegionsKeepsItsOwnSettings() throws {
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
        }
        let inventory = try Self.importFolder(files)
        #expect(inventory.environments.count == 2)
        var disabled: [String: String] = [:]
        for environment in inventory.environments {
            disabled[environment.region ?? ""] = environment.optionSettings?.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1")
        }
        #expect(disabled["eu-west-1"] == "false")
        withKnownIssue("ExportMerger keys option settings and resources by environment name only; fix handed over") {
            #expect(disabled["us-east-1"] == "true", "us-east-1's prod has eu-west-1's settings")
        }
    }
}
