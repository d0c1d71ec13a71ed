import Testing
import Inventory
@testable import IaC

@Suite struct EbextensionsTests {
    let inventory = Fixtures.scan("ebextensions-app")
    var app: String { Fixtures.path("ebextensions-app") }

    @Test func appFolderBecomesOneEnvironmentNamedByConfig() throws {
        #expect(inventory.inputProblems.isEmpty, "\(inventory.inputProblems)")
        #expect(inventory.environments.count == 1)
        let environment = try #require(inventory.environment("shop-prod"))
        #expect(environment.applicationName == "shop")
        #expect(environment.region == "eu-west-1")
        #expect(environment.platformArn?.hasPrefix("arn:aws:elasticbeanstalk") == true)
        #expect(environment.tier == "WebServer")
    }

    @Test func layersAndPrecedence() throws {
        let settings = try #require(inventory.environment("shop-prod")?.optionSettings)
        // Saved configuration beats configuration files.
        let type = try #require(settings.winner("aws:autoscaling:launchconfiguration", "InstanceType"))
        #expect(type.value == "t3.micro")
        #expect(type.layer == .savedConfiguration)
        #expect(type.origin?.file == app + "/.elasticbeanstalk/saved_configs/base.cfg.yml")
        #expect(settings.candidates("aws:autoscaling:launchconfiguration", "InstanceType").count == 2)
        // A later configuration file overrides an earlier one.
        let system = try #require(settings.winner("aws:elasticbeanstalk:healthreporting:system", "SystemType"))
        #expect(system.value == "enhanced")
        #expect(system.origin?.file == app + "/.ebextensions/02-map.config")
        #expect(system.origin?.line == 8)
        let imds = try #require(settings.winner("aws:autoscaling:launchconfiguration", "DisableIMDSv1"))
        #expect(imds.value == "false")
        #expect(imds.layer == .configurationFile)
        #expect(imds.origin?.line == 4)
        #expect(settings.value("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled") == "false")
    }

    @Test func defaultNamespaceAndSecrets() throws {
        let settings = try #require(inventory.environment("shop-prod")?.optionSettings)
        let password = try #require(settings.winner("aws:elasticbeanstalk:application:environment", "DB_PASSWORD"))
        #expect(password.secret?.kind == .sensitiveKey)
        #expect(password.value?.contains("Sup3r") == false)
    }

    @Test func codeLinesFromFilesCommandsAndHooks() throws {
        let config = try #require(inventory.artifacts?.first { $0.path.hasSuffix("02-map.config") })
        #expect(config.kind == .ebextensionsConfig)
        #expect(config.environmentName == "shop-prod")
        let content = config.lines.filter { $0.context == "file-content" }
        #expect(content.map(\.text).first == "[default]")
        #expect(content.first?.origin.line == 26)
        #expect(!content.contains { $0.text.contains("AKIAIOSFODNN7EXAMPLF") }, "code lines are redacted")
        #expect(config.lines.contains { $0.context == "file-mode" && $0.text.contains("000777") })
        #expect(config.lines.contains { $0.context == "file-source" && $0.text.contains("http://example.com/tool.sh") })
        #expect(config.lines.contains { $0.context == "command" && $0.text.contains("| sh") })
        let selinux = try #require(config.lines.first { $0.text == "setenforce 0" })
        #expect(selinux.origin.line == 38)
        #expect(config.lines.contains { $0.context == "container_command" })
        #expect(config.lines.contains { $0.context == "resource" && $0.text.contains("0.0.0.0/0") })
        #expect(config.secrets.contains { $0.hit.kind == .awsAccessKeyId && $0.origin.line == 27 })

        let hook = try #require(inventory.artifacts?.first { $0.kind == .platformHook })
        #expect(hook.lines.count == 5)
        #expect(hook.lines.allSatisfy { $0.context == "hook" })
        #expect(hook.secrets.contains { $0.hit.kind == .githubToken && $0.origin.line == 3 })
        #expect(!hook.lines.contains { $0.text.contains("ghp_abcdefghijklmnop") })

        let env = try #require(inventory.artifacts?.first { $0.path.hasSuffix("/.env") })
        #expect(env.kind == .bundleFile)
        #expect(!env.secrets.isEmpty)
    }

    @Test func resourcesOfConfigFiles() throws {
        let group = try #require(inventory.securityGroups["AWSEBSecurityGroup@" + app])
        let environment = try #require(inventory.environment("shop-prod"))
        let configuration = try #require(environment.resources?.launchConfigurations.first.flatMap { inventory.launchConfigurations[$0] })
        #expect(configuration.securityGroups == [group.id])
        #expect(group.ingress.contains { $0.isOpenToWorld && $0.covers(port: 22) })
        #expect(group.ingress.first?.origin?.file == app + "/.ebextensions/02-map.config")
    }

    @Test func suppressions() throws {
        let resource = try #require(inventory.inlineSuppressions.first { $0.controlId == "EB-NET-004" })
        #expect(resource.resource == Fixtures.local("ebextensions-app/.ebextensions/02-map.config", "sshFromAnywhere"))
        #expect(resource.reason == "temporary, ticket OPS-12")
        let trailing = try #require(inventory.inlineSuppressions.first { $0.controlId == "EB-RUN-004" })
        #expect(trailing.reason == nil)
        #expect(trailing.line == 4)
        #expect(trailing.resource == nil)
    }
}
