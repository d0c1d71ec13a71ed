import Testing
import Inventory
@testable import IaC

@Suite struct TerraformPlanTests {
    let inventory = Fixtures.scan("terraform-plan/insecure.plan.json")

    @Test func plannedValuesMapLikeHCL() throws {
        #expect(inventory.inputProblems.isEmpty, "\(inventory.inputProblems)")
        let environment = try #require(inventory.environment("shop-prod"))
        let settings = try #require(environment.optionSettings)
        #expect(settings.value("aws:autoscaling:launchconfiguration", "IamInstanceProfile") == "shop-ec2-profile")
        #expect(settings.value("aws:autoscaling:launchconfiguration", "SecurityGroups") == Fixtures.local("terraform-plan/insecure.plan.json", "web"), "unknown ids resolve through the configuration")
        #expect(settings.value("aws:ec2:vpc", "VPCId") == "vpc-0123456789abcdef0")
        #expect(settings.value("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs") == "false")
        let password = try #require(settings.winner("aws:elasticbeanstalk:application:environment", "DB_PASSWORD"))
        #expect(password.secret != nil && password.value?.contains("Sup3r") == false)
        #expect(password.origin?.line != nil)
        #expect(inventory.iam?.instanceProfiles["shop-ec2-profile"]?.roleNames == ["shop-ec2-role"])
        #expect(inventory.iam?.roles["shop-ec2-role"]?.attachedPolicyArns == ["arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(inventory.iam?.roles["shop-ec2-role"]?.trustPolicy?.contains("ec2.amazonaws.com") == true)
        #expect(inventory.databases["shop-db"]?.securityGroupIds == [Fixtures.local("terraform-plan/insecure.plan.json", "db")])
        #expect(inventory.databases["shop-db"]?.publiclyAccessible == true)
        #expect(inventory.securityGroups[Fixtures.local("terraform-plan/insecure.plan.json", "db")]?.ingress.first?.covers(port: 3306) == true)
        #expect(inventory.securityGroups[Fixtures.local("terraform-plan/insecure.plan.json", "web")]?.ingress.filter(\.isOpenToWorld).count == 2)
        #expect(inventory.buckets["shop-prod-assets"]?.publicAccessBlock?.blocksAll == false)
        let artifact = try #require(inventory.artifacts?.first)
        #expect(artifact.kind == .terraformPlan)
        #expect(artifact.secrets.contains { $0.hit.key == "password" })
    }

    @Test func childModulesAreRead() throws {
        let group = try #require(inventory.securityGroups[Fixtures.local("terraform-plan/insecure.plan.json", "this")])
        #expect(group.name == "shop-extra-sg")
        #expect(group.ingress.first?.covers(port: 443) == true)
    }
}
