import Controls
import Foundation
import Inventory
import Testing
@testable import Remediation

/// The planner over the hardened example environment with chosen weaknesses.
@Suite struct PlannerTests {
    let name = ExampleInventory.Names.environment

    func plan(_ change: (inout ExampleInventory) -> Void, inputs: PlanInputs = PlanInputs()) throws -> RemediationPlan {
        var example = ExampleInventory.hardened()
        change(&example)
        return try Planner().plan(inventory: example.inventory, environment: name, inputs: inputs, source: "test", now: ExampleInventory.now, toolVersion: "test")
    }

    @Test func hardenedEnvironmentNeedsNoOptionChange() throws {
        let plan = try plan { _ in }
        #expect(plan.fixes.isEmpty)
        #expect(plan.optionChanges.isEmpty)
        #expect(plan.snippets.awsCLI == nil)
    }

    @Test func imdsAndLoggingFixesCarryOldAndNewValues() throws {
        let plan = try plan {
            $0.removeOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1")
            $0.setOption("aws:elasticbeanstalk:cloudwatch:logs", "RetentionInDays", "7")
            $0.removeOption("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled")
        }
        #expect(plan.plannedControls.contains("EB-RUN-001"))
        #expect(plan.plannedControls.contains("EB-DET-002"))
        #expect(plan.plannedControls.contains("EB-DET-003"))
        let imds = try #require(plan.optionChanges.first { $0.optionName == "DisableIMDSv1" })
        #expect(imds.oldValue == nil && imds.newValue == "true")
        let retention = try #require(plan.optionChanges.first { $0.optionName == "RetentionInDays" })
        #expect(retention.oldValue == "7" && retention.newValue == "365")
        // Options that already hold the fixed value are not changed.
        #expect(!plan.optionChanges.contains { $0.optionName == "StreamLogs" })
        let run001 = try #require(plan.fixes.first { $0.control == "EB-RUN-001" })
        #expect(run001.prerequisites.contains { $0.contains("IMDSv2") })
        #expect(run001.prerequisites.contains { $0.contains("launch template") })
        #expect(!run001.risks.isEmpty)
    }

    @Test func snippetsSayTheSameChange() throws {
        let plan = try plan { $0.removeOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1") }
        let cli = try #require(plan.snippets.awsCLI)
        #expect(cli.contains("--environment-name \(name)"))
        #expect(cli.contains("Namespace=aws:autoscaling:launchconfiguration,OptionName=DisableIMDSv1,Value=true"))
        #expect(plan.snippets.ebextensions?.contains("option_name: \"DisableIMDSv1\"") == true)
        #expect(plan.snippets.cloudFormation?.contains("OptionName: \"DisableIMDSv1\"") == true)
        #expect(plan.snippets.terraform?.contains("name      = \"DisableIMDSv1\"") == true)
    }

    @Test func httpsNeedsACertificate() throws {
        let weaken: (inout ExampleInventory) -> Void = {
            $0.loadBalancer { $0.listeners = [Listener(port: 80, protocolName: "HTTP", defaultActions: [ListenerAction(type: "forward")])] }
            for option in ["ListenerEnabled", "Protocol", "SSLCertificateArns", "SSLPolicy"] { $0.removeOption("aws:elbv2:listener:443", option) }
            $0.setOption("aws:elbv2:listener:default", "ListenerEnabled", "true")
        }
        let without = try plan(weaken)
        let missing = try #require(without.notPlanned.first { $0.control == "EB-DATA-001" })
        #expect(missing.needs == "--certificate-arn")
        #expect(!without.optionChanges.contains { $0.namespace == "aws:elbv2:listener:443" })
        // Closing port 80 without HTTPS would take the application offline.
        #expect(!without.plannedControls.contains("EB-DATA-002"))

        let certificate = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
        let with = try plan(weaken, inputs: PlanInputs(certificateARN: certificate))
        #expect(with.plannedControls.contains("EB-DATA-001"))
        #expect(with.optionChanges.contains { $0.optionName == "SSLCertificateArns" && $0.newValue == certificate })
        #expect(with.plannedControls.contains("EB-DATA-002"))
    }

    @Test func secretsMoveWithARNsAndNeverShowTheValue() throws {
        let weaken: (inout ExampleInventory) -> Void = {
            $0.setOption("aws:elasticbeanstalk:application:environment", "API_TOKEN", "redacted-by-source****")
        }
        let without = try plan(weaken)
        #expect(without.notPlanned.first { $0.control == "EB-RUN-006" }?.needs?.contains("--secret API_TOKEN=ARN") == true)
        let arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:shop/API_TOKEN-abc"
        let with = try plan(weaken, inputs: PlanInputs(secretARNs: ["API_TOKEN": arn]))
        let set = try #require(with.optionChanges.first { $0.namespace.hasSuffix(":environmentsecrets") && $0.optionName == "API_TOKEN" })
        #expect(set.newValue == arn)
        let removal = try #require(with.optionChanges.first { $0.namespace.hasSuffix(":application:environment") && $0.optionName == "API_TOKEN" })
        #expect(removal.newValue == nil && removal.action == "remove")
        #expect(removal.oldValueRedacted)
        #expect(with.snippets.awsCLI?.contains("--options-to-remove") == true)
    }

    @Test func privateSubnetsOrOnlyThePublicIP() throws {
        let weaken: (inout ExampleInventory) -> Void = { $0.setOption("aws:ec2:vpc", "AssociatePublicIpAddress", "true") }
        let only = try plan(weaken)
        let fix = try #require(only.fixes.first { $0.control == "EB-NET-001" })
        #expect(fix.changes.map(\.optionName) == ["AssociatePublicIpAddress"])
        let with = try plan(weaken, inputs: PlanInputs(privateSubnets: ["subnet-p1", "subnet-p2"]))
        #expect(with.optionChanges.contains { $0.optionName == "Subnets" && $0.newValue == "subnet-p1,subnet-p2" })
    }

    @Test func controlFilterAndUnknownEnvironment() throws {
        let plan = try plan({ $0.removeOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1"); $0.removeOption("aws:elasticbeanstalk:healthreporting:system", "SystemType") },
                            inputs: PlanInputs(controls: ["EB-DET-001"]))
        #expect(plan.plannedControls == ["EB-DET-001"])
        #expect(throws: PlanError.self) {
            try Planner().plan(inventory: ExampleInventory.hardened().inventory, environment: "nope", inputs: PlanInputs(), source: "t", toolVersion: "t")
        }
        #expect(throws: PlanError.unknownControls(["EB-XXX-999"])) {
            try Planner().plan(inventory: ExampleInventory.hardened().inventory, environment: name, inputs: PlanInputs(controls: ["EB-XXX-999"]), source: "t", toolVersion: "t")
        }
    }

    @Test func planFileRoundTripsAndRefusesOtherFiles() throws {
        let plan = try plan { $0.removeOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1") }
        let data = try plan.encoded()
        #expect(try RemediationPlan.read(data, path: "p.json") == plan)
        #expect(throws: RemediationError.self) { try RemediationPlan.read(Data("{\"findings\": []}".utf8), path: "report.json") }
        #expect(throws: RemediationError.self) { try RemediationPlan.read(Data("not json".utf8), path: "x") }
        let newer = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 99")
        #expect(throws: RemediationError.self) { try RemediationPlan.read(Data(newer.utf8), path: "x") }
    }

    /// Every control whose declared fix is option settings has a recipe, so none is planned
    /// without reviewed prerequisites and risks, and none silently falls to "manual".
    @Test func everyOptionFixHasARecipe() {
        let missing = Catalog.standard.controls.filter { !$0.remediation.optionSettings.isEmpty && FixRecipes.byControl[$0.id] == nil }.map(\.id)
        #expect(missing == [])
        let unknown = FixRecipes.all.map(\.control).filter { Catalog.standard.control(id: $0) == nil }
        #expect(unknown == [])
    }
}
