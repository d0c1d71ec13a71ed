import Testing
import Controls
import Inventory
@testable import IaC

/// The same insecure environment written as CloudFormation YAML, CloudFormation JSON, Terraform and
/// `.ebextensions` maps to equivalent inventories and fails the same controls.
@Suite struct EquivalenceTests {
    static let sources = ["cloudformation/insecure.yaml", "cloudformation/insecure.json", "terraform/insecure.tf", "ebextensions-insecure"]

    static func failing(_ source: String) -> Set<String> {
        let inventory = Fixtures.scan(source)
        let findings = Catalog.standard.evaluate(inventory)
        // A suppressed finding failed first; EB-RUN-004 reads bundle code, which only `.ebextensions` carry.
        return Set(findings.filter { ($0.verdict == .fail || $0.verdict == .suppressed) && $0.resource.environment == "shop-prod" }
            .map(\.control)).subtracting(["EB-RUN-004"])
    }

    @Test func inventoriesAgreeOnTheFacts() throws {
        for source in Self.sources {
            let inventory = Fixtures.scan(source)
            #expect(inventory.inputProblems.isEmpty, "\(source): \(inventory.inputProblems)")
            let environment = try #require(inventory.environment("shop-prod"), "\(source)")
            let settings = try #require(environment.optionSettings)
            #expect(settings.value("aws:autoscaling:launchconfiguration", "IamInstanceProfile") == "shop-ec2-profile", "\(source)")
            #expect(settings.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1") == "false", "\(source)")
            #expect(settings.value("aws:autoscaling:launchconfiguration", "EC2KeyName") == "shop-admin", "\(source)")
            #expect(settings.winner("aws:elasticbeanstalk:application:environment", "DB_PASSWORD")?.secret != nil, "\(source)")
            let role = try #require(inventory.iam?.roles["shop-ec2-role"], "\(source)")
            #expect(role.attachedPolicyArns?.contains("arn:aws:iam::aws:policy/AdministratorAccess") == true, "\(source)")
            #expect(inventory.iam?.instanceProfiles["shop-ec2-profile"]?.roleNames == ["shop-ec2-role"], "\(source)")
            let groups = settings.value("aws:autoscaling:launchconfiguration", "SecurityGroups")?.split(separator: ",").map(String.init) ?? []
            #expect(groups.count == 1, "\(source)")
            let web = try #require(groups.first.flatMap { inventory.securityGroups[$0] }, "\(source)")
            #expect(web.ingress.contains { $0.isOpenToWorld && $0.covers(port: 22) }, "\(source)")
            #expect(inventory.databases["shop-db"]?.publiclyAccessible == true, "\(source)")
            #expect(inventory.databases["shop-db"]?.storageEncrypted == false, "\(source)")
            #expect(inventory.buckets["shop-prod-assets"]?.publicAccessBlock?.blocksAll == false, "\(source)")
        }
    }

    @Test func sameFailingControls() {
        let results = Self.sources.map { ($0, Self.failing($0)) }
        let reference = results[0].1
        #expect(reference.contains("EB-IAM-003"))
        #expect(reference.contains("EB-NET-004"))
        #expect(reference.contains("EB-RUN-001"))
        #expect(reference.contains("EB-DATA-011"))
        for (source, failing) in results.dropFirst() {
            #expect(failing == reference, "\(source): only there \(failing.subtracting(reference).sorted()), missing \(reference.subtracting(failing).sorted())")
        }
    }
}
