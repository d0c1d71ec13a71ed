import Controls
import Foundation
import IaC
import Inventory
import Testing
@testable import Remediation

/// The snippets a plan prints are read back by ebguard's own file scanner as the same settings:
/// a team that takes the fix into its templates gets exactly what `apply` would set.
@Suite struct PlanSnippetsTests {
    static let changes = [
        PlannedOptionChange(namespace: "aws:autoscaling:launchconfiguration", optionName: "DisableIMDSv1", oldValue: "false", newValue: "true"),
        PlannedOptionChange(namespace: "aws:elasticbeanstalk:application:environmentsecrets", optionName: "DB_PASSWORD", oldValue: nil,
                            newValue: "arn:aws:secretsmanager:us-east-1:111122223333:secret:shop/db-AbCdEf"),
        PlannedOptionChange(namespace: "aws:elasticbeanstalk:application:environment", optionName: "GREETING", oldValue: nil, newValue: "say \"hi\" ${name}"),
        PlannedOptionChange(namespace: "aws:elasticbeanstalk:application:environment", optionName: "DB_PASSWORD", oldValue: "****", newValue: nil, oldValueRedacted: true),
    ]
    static let environment = PlanEnvironment(name: "shop-prod", applicationName: "shop", region: "us-east-1")

    func scan(_ files: [String: String]) throws -> Inventory {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-snippets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return IaCScanner().scan(paths: [root.path])
    }

    func expectSettings(_ settings: OptionSettings?, _ source: String) {
        #expect(settings?.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1") == "true", "\(source)")
        #expect(settings?.value("aws:elasticbeanstalk:application:environmentsecrets", "DB_PASSWORD")?.hasPrefix("arn:aws:secretsmanager:") == true, "\(source)")
        #expect(settings?.value("aws:elasticbeanstalk:application:environment", "GREETING") == "say \"hi\" ${name}", "\(source)")
    }

    @Test func ebextensionsSnippetReadsBack() throws {
        let snippets = PlanSnippets(changes: Self.changes, environment: Self.environment)
        let inventory = try scan([".ebextensions/ebguard-hardening.config": try #require(snippets.ebextensions)])
        #expect(inventory.inputProblems.isEmpty, "\(inventory.inputProblems)")
        let settings = inventory.environments.first?.optionSettings
        expectSettings(settings, "ebextensions")
        #expect(snippets.ebextensions?.contains("# remove: delete aws:elasticbeanstalk:application:environment/DB_PASSWORD") == true)
    }

    @Test func cloudFormationSnippetReadsBack() throws {
        let snippets = PlanSnippets(changes: Self.changes, environment: Self.environment)
        let body = try #require(snippets.cloudFormation).split(separator: "\n").filter { !$0.hasPrefix("#") }.map { "      " + $0 }.joined(separator: "\n")
        let template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Env:
            Type: AWS::ElasticBeanstalk::Environment
            Properties:
              ApplicationName: shop
              SolutionStackName: "64bit Amazon Linux 2023 v4.6.0 running Python 3.11"
        \(body)
        """
        let inventory = try scan(["template.yaml": template])
        #expect(inventory.inputProblems.isEmpty, "\(inventory.inputProblems)")
        expectSettings(inventory.environments.first?.optionSettings, "cloudformation:\n\(template)")
    }

    @Test func terraformSnippetReadsBack() throws {
        let snippets = PlanSnippets(changes: Self.changes, environment: Self.environment)
        let blocks = try #require(snippets.terraform).split(separator: "\n").filter { !$0.hasPrefix("#") }.map { "  " + $0 }.joined(separator: "\n")
        let source = """
        resource "aws_elastic_beanstalk_environment" "shop" {
          name                = "shop-prod"
          application         = "shop"
          solution_stack_name = "64bit Amazon Linux 2023 v4.6.0 running Python 3.11"
        \(blocks)
        }
        """
        let inventory = try scan(["main.tf": source])
        #expect(inventory.inputProblems.isEmpty, "\(inventory.inputProblems)")
        expectSettings(inventory.environments.first?.optionSettings, "terraform:\n\(source)")
    }

    @Test func cliQuotesWhatTheShellWouldSplit() {
        let cli = PlanSnippets.cli(Self.changes, environment: Self.environment)
        #expect(cli.contains("'Namespace=aws:elasticbeanstalk:application:environment,OptionName=GREETING,Value=say \"hi\" ${name}'"))
        #expect(cli.contains("--options-to-remove Namespace=aws:elasticbeanstalk:application:environment,OptionName=DB_PASSWORD"))
    }
}
