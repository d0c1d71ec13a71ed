import Testing
import Inventory
@testable import IaC

@Suite struct TerraformTests {
    let inventory = Fixtures.scan("terraform/insecure.tf")
    var file: String { Fixtures.path("terraform/insecure.tf") }

    @Test func environmentSettingsIncludingDynamicBlocks() throws {
        #expect(inventory.inputProblems.isEmpty, "\(inventory.inputProblems)")
        let environment = try #require(inventory.environment("shop-prod"))
        #expect(environment.applicationName == "shop")
        let settings = try #require(environment.optionSettings)
        #expect(settings.value("aws:autoscaling:launchconfiguration", "IamInstanceProfile") == "shop-ec2-profile")
        #expect(settings.value("aws:autoscaling:launchconfiguration", "SecurityGroups") == Fixtures.local("terraform/insecure.tf", "web"))
        #expect(settings.value("aws:autoscaling:launchconfiguration", "InstanceType") == "t3.large")
        let streamLogs = try #require(settings.winner("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs"))
        #expect(streamLogs.value == "false")
        #expect(streamLogs.origin?.line == 13, "a dynamic setting points at the list element that set it")
        #expect(settings.value("aws:autoscaling:launchconfiguration", "EC2KeyName") == "shop-admin")
        let vpc = try #require(settings.winner("aws:ec2:vpc", "VPCId"))
        #expect(vpc.unresolved && vpc.value == nil)
        let password = try #require(settings.winner("aws:elasticbeanstalk:application:environment", "DB_PASSWORD"))
        #expect(password.secret != nil && password.value?.contains("Sup3r") == false)
        let profile = try #require(settings.winner("aws:autoscaling:launchconfiguration", "IamInstanceProfile"))
        #expect(profile.origin == .file(file, line: 135, column: 17))
    }

    @Test func iamFromDataSourceJsonencodeAndAttachments() throws {
        let iam = try #require(inventory.iam)
        #expect(iam.instanceProfiles["shop-ec2-profile"]?.roleNames == ["shop-ec2-role"])
        let role = try #require(iam.roles["shop-ec2-role"])
        #expect(role.trustPolicy?.contains("\"Service\":[\"ec2.amazonaws.com\"]") == true)
        #expect(role.attachedPolicyArns == ["arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(role.inlinePolicies?.first?.document?.contains("\"Action\":\"s3:*\"") == true)
    }

    @Test func networkAndData() throws {
        let web = try #require(inventory.securityGroups[Fixtures.local("terraform/insecure.tf", "web")])
        #expect(web.ingress.filter(\.isOpenToWorld).count == 2)
        #expect(web.egress.first?.isAllTraffic == true)
        #expect(inventory.securityGroups[Fixtures.local("terraform/insecure.tf", "db")]?.ingress.first?.covers(port: 3306) == true)
        #expect(inventory.securityGroups[Fixtures.local("terraform/insecure.tf", "db")]?.egress.isEmpty == true, "Terraform removes the default egress rule")
        let database = try #require(inventory.databases["shop-db"])
        #expect(database.publiclyAccessible == true && database.storageEncrypted == false)
        #expect(database.securityGroupIds == [Fixtures.local("terraform/insecure.tf", "db")])
        #expect(inventory.buckets["shop-prod-assets"]?.publicAccessBlock?.blocksAll == false)
        #expect(inventory.trails?.first?.isMultiRegion == false)
        #expect(inventory.kmsKeys[Fixtures.local("terraform/insecure.tf", "key")]?.rotationEnabled == false)
        let artifact = try #require(inventory.artifacts?.first)
        #expect(artifact.secrets.contains { $0.hit.key == "password" && $0.origin.line == 99 })
    }

    @Test func suppressions() throws {
        let block = try #require(inventory.inlineSuppressions.first { $0.controlId == "EB-NET-005" })
        #expect(block.resource == Fixtures.local("terraform/insecure.tf", "web"))
        #expect(block.reason == "load test, ticket OPS-7")
        let trailing = try #require(inventory.inlineSuppressions.first { $0.controlId == "EB-RUN-005" })
        #expect(trailing.line == 99)
        #expect(trailing.reason == nil)
    }

    @Test func hclSyntax() throws {
        let body = try HCLParser.parse("""
        a = <<-EOT
            hello ${var.x}
              world
            EOT
        b = [for s in var.list : upper(s)]
        c = { "k" = 1, k2: "v" } # comment
        d = !true || 1 + 2 * 3 >= 7
        e = "$${literal}"
        block "l1" "l2" { x = 1 }
        """)
        let module = TerraformModule(body: HCLBody(attributes: [], blocks: [HCLBlock(type: "variable", labels: ["x"], body: HCLBody(attributes: [
            HCLAttribute(name: "default", value: .literal(.scalar("X")), line: 1, column: 1)], blocks: []), line: 1, column: 1)]), path: "t.tf")
        #expect(module.evaluate(try #require(body.attribute("a")).value).string == "hello X\n  world\n")
        #expect(module.evaluate(try #require(body.attribute("b")).value).isUnresolved)
        #expect(module.evaluate(try #require(body.attribute("c")).value)["k2"]?.string == "v")
        #expect(module.evaluate(try #require(body.attribute("d")).value).string == "true")
        #expect(module.evaluate(try #require(body.attribute("e")).value).string == "${literal}")
        #expect(body.blocks.first?.labels == ["l1", "l2"])
        #expect(throws: ParseError.self) { try HCLParser.parse("resource \"a\" \"b\" {\n x = \n") }
    }
}
