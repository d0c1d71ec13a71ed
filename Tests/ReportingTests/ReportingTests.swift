import Foundation
import Inventory
import Testing
@testable import Controls
@testable import Reporting

@Suite struct ReportingTests {
    func report(_ change: (inout ExampleInventory) -> Void = { _ in }) -> Report {
        var fixture = ExampleInventory.hardened()
        change(&fixture)
        return Report(findings: Catalog.standard.evaluate(fixture.inventory, settings: AuditSettings(now: ExampleInventory.now)), inventory: fixture.inventory)
    }

    @Test func jsonHasTheDocumentedSchema() throws {
        let data = try JSONReport.render(report { $0.removeOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1") })
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let imds = try #require(findings.first { $0["control"] as? String == "EB-RUN-001" })
        for key in ["control", "verdict", "severity", "layer", "resource", "evidence", "remediation"] { #expect(imds[key] != nil, "missing \(key)") }
        let resource = try #require(imds["resource"] as? [String: Any])
        #expect(resource["environment"] as? String == "shop-prod")
        #expect(resource["type"] as? String == "AWS::ElasticBeanstalk::Environment")
        let remediation = try #require(imds["remediation"] as? [String: Any])
        #expect((remediation["cli"] as? String)?.contains("--environment-name shop-prod") == true)
        let summary = try #require(json["summary"] as? [String: Any])
        #expect((summary["verdicts"] as? [String: Int])?["fail"] == 1)
    }

    @Test func exitStatusFollowsFailOnAndGaps() {
        let clean = report()
        #expect(ExitStatus.of(clean, failOn: .info) == .clean)
        let failing = report { $0.removeOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1") }
        #expect(ExitStatus.of(failing, failOn: .high) == .failures)
        #expect(ExitStatus.of(failing, failOn: .critical) == .clean)
        var denied = failing
        denied.gaps = [CollectionGap(fact: .iamRoles, operation: "iam:GetRolePolicy", reason: .accessDenied)]
        #expect(ExitStatus.of(denied, failOn: .high) == .couldNotAssess)
    }

    @Test func textGroupsByEnvironmentAndShowsTheFix() {
        let text = TextReport(colour: false).render(report { $0.removeOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1") })
        #expect(text.contains("shop-prod — 1 fail"))
        #expect(text.contains("FAIL high     EB-RUN-001"))
        #expect(text.contains("aws elasticbeanstalk update-environment --environment-name shop-prod"))
        #expect(!text.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func sarifHasRulesForEveryControlAndStableFingerprints() throws {
        let first = try SARIFReport.render(report { $0.setOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "false", origin: .file(".ebextensions/a.config", line: 3, column: 5)) }, catalog: .standard)
        let second = try SARIFReport.render(report { $0.setOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "false", origin: .file(".ebextensions/a.config", line: 9, column: 5)) }, catalog: .standard)
        func results(_ data: Data) throws -> ([[String: Any]], [[String: Any]]) {
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["version"] as? String == "2.1.0")
            let run = try #require((json["runs"] as? [[String: Any]])?.first)
            let rules = try #require((run["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"] as? [[String: Any]])
            return (rules, try #require(run["results"] as? [[String: Any]]))
        }
        let (rules, a) = try results(first)
        let (_, b) = try results(second)
        #expect(rules.count == Catalog.standard.controls.count)
        let resultA = try #require(a.first { $0["ruleId"] as? String == "EB-RUN-001" })
        let resultB = try #require(b.first { $0["ruleId"] as? String == "EB-RUN-001" })
        #expect((resultA["partialFingerprints"] as? [String: String]) == (resultB["partialFingerprints"] as? [String: String]), "line moves keep the fingerprint")
        let region = ((resultA["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
        #expect(region?["startLine"] == 3)
    }
}

@Suite struct JSONReportRoundTripTests {
    @Test func handWrittenJSONDecodesBackToTheSameReport() throws {
        var fixture = ExampleInventory.hardened()
        fixture.setOption("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "false", origin: .file("a \"quoted\"\\path.config", line: 3, column: 1))
        fixture.inventory.inputProblems = [InputProblem(file: "bad\n.json", line: 2, message: "tab\there \u{1}")]
        fixture.inventory.gaps = [CollectionGap(fact: .trails, operation: "cloudtrail describe-trails", reason: .notProvided)]
        let report = Report(findings: Catalog.standard.evaluate(fixture.inventory, settings: AuditSettings(now: ExampleInventory.now)), inventory: fixture.inventory)
        for pretty in [true, false] {
            let data = try JSONReport.render(report, pretty: pretty)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let decoded = try decoder.decode(Report.self, from: data)
            #expect(decoded.findings == report.findings)
            #expect(decoded.summary == report.summary)
            #expect(decoded.inputProblems == report.inputProblems)
            #expect(decoded.gaps == report.gaps)
            #expect(decoded.schemaVersion == 1)
        }
    }
}
