import Controls
import Foundation
import Inventory
import Reporting
import SimulatedCloudSupport
import Testing
@testable import LiveCollect

extension SeededFleetTests {
    /// Faults the simulated cloud injects: access denied on IAM, throttling on security groups
    /// (every attempt, so retries run out), a server error on RDS.
    static let faults = """
    [{"service": "iam", "operation": "GetAccountAuthorizationDetails", "kind": "AccessDenied"},
     {"service": "ec2", "operation": "DescribeSecurityGroups", "kind": "Throttling"},
     {"service": "rds", "operation": "DescribeDBInstances", "kind": "InternalError"}]
    """

    /// The controls each fault blinds, with the reason they must give.
    static let blinded: [(controls: [String], reason: String)] = [
        (["EB-IAM-003", "EB-IAM-004", "EB-IAM-005", "EB-IAM-007", "EB-IAM-011"], "iam:GetAccountAuthorizationDetails denied"),
        (["EB-NET-004", "EB-NET-005", "EB-NET-006"], "ec2:DescribeSecurityGroups throttled"),
        (["EB-NET-008", "EB-DATA-007", "EB-DATA-009"], "rds:DescribeDBInstances failed"),
    ]

    func checkFaults(_ cloud: SimulatedCloud, manifest: FleetManifest, baseline: [Finding]) async throws {
        cloud.addFaults(Self.faults)
        defer { cloud.clearFaults() }
        let collection = try await LiveCollector(options: Self.options(cloud, regions: manifest.regions, fastRetries: true)).collect()
        let inventory = collection.inventory
        let gaps = inventory.gaps
        #expect(gaps.contains { $0.fact == .iamRoles && $0.reason == .accessDenied && $0.operation == "iam:GetAccountAuthorizationDetails" })
        #expect(gaps.contains { $0.fact == .securityGroups && $0.reason == .throttled && $0.operation == "ec2:DescribeSecurityGroups" })
        #expect(gaps.contains { $0.fact == .databases && $0.reason == .error && $0.operation == "rds:DescribeDBInstances" })
        #expect(inventory.environments.count == manifest.environments.count, "the audit still covers every environment")

        let findings = Catalog.standard.evaluate(inventory, settings: Self.settings(manifest))
        var before: [String: Verdict] = [:]
        for finding in baseline { before["\(finding.resource.environment ?? "")/\(finding.control)"] = finding.verdict }
        for (controls, reason) in Self.blinded {
            var notAssessed = 0
            for finding in findings where controls.contains(finding.control) {
                #expect(finding.verdict != .pass, "\(finding.resource.environment ?? "?") \(finding.control) passed without its data")
                let key = "\(finding.resource.environment ?? "")/\(finding.control)"
                guard let earlier = before[key], earlier == .pass || earlier == .fail else { continue }
                // A pass needs the missing data; a fail may still stand on what was seen (e.g. an option setting).
                if earlier == .pass { #expect(finding.verdict == .notAssessed, "\(key) passed with data, now \(finding.verdict.rawValue)") }
                if finding.verdict == .notAssessed {
                    notAssessed += 1
                    #expect(finding.reason?.contains(reason) == true, "\(key): reason \(finding.reason ?? "none") does not name \(reason)")
                }
            }
            #expect(notAssessed > 0, "no finding was blinded by \(reason)")
        }
        #expect(ExitStatus.of(Report(findings: findings, inventory: inventory), failOn: .low) == .couldNotAssess)
        try checkCLIExitCode(cloud, regions: manifest.regions)
    }

    /// The command line, with the same faults, finishes and exits 3.
    func checkCLIExitCode(_ cloud: SimulatedCloud, regions: [String]) throws {
        let binary = SimulatedCloud.root.appendingPathComponent(".build/debug/ebguard").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the ebguard executable first (swift build)")
        let report = NSTemporaryDirectory() + "ebguard-live-faults-\(ProcessInfo.processInfo.processIdentifier).json"
        defer { try? FileManager.default.removeItem(atPath: report) }
        var arguments = [binary, "audit", "--format", "json", "--output", report]
        for region in regions { arguments += ["--region", region] }
        let result = SimulatedCloud.run(arguments, environment: cloud.clientEnvironment())
        #expect(result.status == 3, "exit status \(result.status): \(result.output.suffix(500))")
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        #expect(text.contains("iam:GetAccountAuthorizationDetails denied"), "the JSON report names the denied call")
    }
}
