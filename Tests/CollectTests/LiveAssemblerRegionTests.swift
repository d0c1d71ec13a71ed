import Foundation
import Inventory
import Testing
@testable import Collect

/// Live answers go through the export's merger: `prod` in two regions must stay two environments
/// with their own settings (their platform ARN names the region) and resources (the call's region
/// does), not one region's facts for both.
@Suite struct LiveAssemblerRegionTests {
    static func assemble(regionOfResources: Bool) -> Inventory {
        var assembler = LiveAssembler(source: InventorySource(kind: "live", location: "account 123456789012"))
        for (region, disabled) in [("us-east-1", "true"), ("eu-west-1", "false")] {
            assembler.add(.environments, ["Environments": [["EnvironmentName": "prod", "ApplicationName": "shop", "EnvironmentId": "e-\(region)",
                                                            "EnvironmentArn": "arn:aws:elasticbeanstalk:\(region):123456789012:environment/shop/prod"]]],
                          api: "elasticbeanstalk:DescribeEnvironments", region: region)
            assembler.add(.configurationSettings, ["ConfigurationSettings": [[
                "ApplicationName": "shop", "EnvironmentName": "prod",
                "PlatformArn": "arn:aws:elasticbeanstalk:\(region)::platform/Python 3.11 running on 64bit Amazon Linux 2023/4.6.0",
                "OptionSettings": [["Namespace": "aws:autoscaling:launchconfiguration", "OptionName": "DisableIMDSv1", "Value": disabled]],
            ] as [String: Any]]], api: "elasticbeanstalk:DescribeConfigurationSettings", region: region)
            assembler.add(.environmentResources, ["EnvironmentResources": ["EnvironmentName": "prod", "Instances": [["Id": "i-\(region)"]],
                                                                           "AutoScalingGroups": [["Name": "asg-\(region)"]]] as [String: Any]],
                          api: "elasticbeanstalk:DescribeEnvironmentResources", region: regionOfResources ? region : nil)
        }
        return assembler.finish()
    }

    @Test func sameNameInTwoRegionsKeepsItsOwnSettingsAndResources() throws {
        let inventory = Self.assemble(regionOfResources: true)
        #expect(inventory.environments.count == 2)
        var disabled: [String: String] = [:]
        for environment in inventory.environments {
            let region = try #require(environment.region)
            disabled[region] = environment.optionSettings?.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1")
            #expect(environment.resources?.instances == ["i-\(region)"], "\(region)")
            #expect(environment.resources?.autoScalingGroups == ["asg-\(region)"], "\(region)")
        }
        #expect(disabled == ["eu-west-1": "false", "us-east-1": "true"])
    }

    /// Settings name their region through the platform ARN even when the caller gives none.
    @Test func settingsFindTheirRegionInThePlatformARN() throws {
        let inventory = Self.assemble(regionOfResources: false)
        var disabled: [String: String] = [:]
        for environment in inventory.environments {
            disabled[environment.region ?? ""] = environment.optionSettings?.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1")
        }
        #expect(disabled == ["eu-west-1": "false", "us-east-1": "true"])
    }
}
