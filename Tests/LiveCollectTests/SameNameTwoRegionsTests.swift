import Foundation
import Inventory
import SimulatedCloudSupport
import Testing
@testable import LiveCollect

/// Two environments called `prod`, one in us-east-1 and one in eu-west-1, read live: each keeps
/// its own settings and resources (facts are joined by region and name, never by name alone).
@Suite(.serialized) struct SameNameTwoRegionsTests {
    /// Creates `shop/prod` in both regions through ordinary API calls, with IMDSv1 disabled in
    /// us-east-1 only.
    static let create = """
        import boto3, os
        endpoint = os.environ["AWS_ENDPOINT_URL"]
        platform = "arn:aws:elasticbeanstalk:{region}::platform/Python 3.11 running on 64bit Amazon Linux 2023/4.6.0"
        for region, imds in (("us-east-1", "true"), ("eu-west-1", "false")):
            eb = boto3.client("elasticbeanstalk", region_name=region, endpoint_url=endpoint)
            eb.create_application(ApplicationName="shop")
            eb.create_environment(ApplicationName="shop", EnvironmentName="prod", PlatformArn=platform.format(region=region),
                                  OptionSettings=[{"Namespace": "aws:autoscaling:launchconfiguration",
                                                   "OptionName": "DisableIMDSv1", "Value": imds}])
        """

    @Test(.timeLimit(.minutes(3))) func sameNameInTwoRegionsKeepsItsOwnFacts() async throws {
        let cloud = try await offload { try SimulatedCloud.start() }
        defer { cloud.stop() }
        let created = SimulatedCloud.run(["python3", "-c", Self.create], environment: cloud.clientEnvironment())
        try #require(created.status == 0, "\(created.output.suffix(800))")

        let options = LiveCollectOptions(regions: ["us-east-1", "eu-west-1"], environment: cloud.clientEnvironment())
        let inventory = try await LiveCollector(options: options).collect().inventory
        let prods = inventory.environments.filter { $0.name == "prod" }
        #expect(prods.count == 2)
        func imds(in region: String) -> String? {
            prods.first { $0.region == region }?.optionSettings?.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1")
        }
        #expect(imds(in: "us-east-1") == "true")
        #expect(imds(in: "eu-west-1") == "false")
        // Each environment has its own Auto Scaling group, not both.
        let groups = prods.map { Set($0.resources?.autoScalingGroups ?? []) }
        #expect(groups.allSatisfy { $0.count == 1 }, "\(groups)")
        #expect(groups.count == 2 && groups[0].isDisjoint(with: groups[1]), "\(groups)")
    }
}
