import AWSWire
import Collect
import Controls
import Foundation
import Inventory
import Reporting
import SimulatedCloudSupport
import Testing
@testable import LiveCollect

/// The live collector against the simulated cloud: a seeded fleet of ≥20 environments in two
/// regions, audited live. Proves the verdicts the seed manifest lists, that every call was a read
/// (from the cloud's own request log), and that injected faults give not-assessed, never pass.
///
/// One test on purpose: one server and one seeding (about 30 s) serve every phase.
@Suite(.serialized) struct SeededFleetTests {
    static let readPrefixes = ["Describe", "Get", "List", "Lookup"]

    static func options(_ cloud: SimulatedCloud, regions: [String], fastRetries: Bool = false) -> LiveCollectOptions {
        var options = LiveCollectOptions(regions: regions, environment: cloud.clientEnvironment())
        if fastRetries { options.retry = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxTotalTime: 5) }
        return options
    }

    static func settings(_ manifest: FleetManifest) -> AuditSettings {
        AuditSettings(operatorRoles: manifest.allowList.operatorRole.map { [$0] } ?? [],
                      allowedPrincipals: manifest.allowList.principals, allowedSourceCIDRs: manifest.allowList.cidrs)
    }

    @Test(.timeLimit(.minutes(5))) func liveAuditOfSeededFleet() async throws {
        let cloud = try await offload { try SimulatedCloud.start() }
        defer { cloud.stop() }
        let manifestPath = NSTemporaryDirectory() + "ebguard-live-fleet-\(ProcessInfo.processInfo.processIdentifier).json"
        defer { try? FileManager.default.removeItem(atPath: manifestPath) }
        let manifest = try await offload { try cloud.seed(count: 22, manifest: manifestPath) }
        #expect(manifest.environments.count >= 20)
        #expect(Set(manifest.environments.map(\.region)).count == 2)

        cloud.clearRequests()
        let collection = try await LiveCollector(options: Self.options(cloud, regions: manifest.regions)).collect()
        let inventory = collection.inventory
        try checkReadOnly(cloud, collection: collection)
        #expect(inventory.gaps.filter { $0.reason != .notProvided }.map(\.summary) == [])
        #expect(Set(inventory.environments.map(\.name)) == Set(manifest.environments.map(\.name)))
        let perEnvironment = Double(collection.totalCalls) / Double(max(1, inventory.environments.count))
        #expect(perEnvironment <= 15, "\(collection.totalCalls) calls for \(inventory.environments.count) environments: \(collection.callsByOperation)")

        let findings = Catalog.standard.evaluate(inventory, settings: Self.settings(manifest))
        checkManifest(manifest, findings: findings)
        try checkRedaction(inventory, findings: findings)
        try await checkFaults(cloud, manifest: manifest, baseline: findings)
    }

    /// Every call the cloud logged is a read: Describe/Get/List/Lookup or STS GetCallerIdentity.
    func checkReadOnly(_ cloud: SimulatedCloud, collection: LiveCollection) throws {
        let requests = try cloud.requests()
        #expect(requests.count >= collection.inventory.environments.count, "the request log is empty")
        let writes = requests.filter { request in
            let operation = request.operation ?? ""
            if request.service == "sts" && operation == "GetCallerIdentity" { return false }
            let named = Self.readPrefixes.contains { operation.hasPrefix($0) && operation.dropFirst($0.count).first?.isUppercase == true }
            let method = (request.method ?? "POST").uppercased()
            return !named || (request.service == "s3" || request.service == "s3control") && method != "GET" && method != "HEAD"
        }
        #expect(writes.isEmpty, "non-read calls: \(writes.map { "\($0.service ?? "?"):\($0.operation ?? "?") \($0.method ?? "")" })")
    }

    /// `violations` fail, `passes` pass, for every environment of the manifest.
    func checkManifest(_ manifest: FleetManifest, findings: [Finding]) {
        var byEnvironment: [String: [String: [Finding]]] = [:]
        for finding in findings { if let name = finding.resource.environment { byEnvironment[name, default: [:]][finding.control, default: []].append(finding) } }
        for entry in manifest.environments {
            let controls = byEnvironment[entry.name] ?? [:]
            for id in entry.violations {
                let verdicts = (controls[id] ?? []).map(\.verdict)
                #expect(verdicts.contains(.fail), "\(entry.name) (\(entry.profile)): \(id) should fail, got \(describe(controls[id]))")
            }
            for id in entry.passes {
                let verdicts = (controls[id] ?? []).map(\.verdict)
                #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0 == .pass }, "\(entry.name) (\(entry.profile)): \(id) should pass, got \(describe(controls[id]))")
            }
        }
    }

    func describe(_ findings: [Finding]?) -> String {
        guard let findings, !findings.isEmpty else { return "no finding" }
        return findings.map { "\($0.verdict.rawValue)\($0.reason.map { " (\($0))" } ?? "") \($0.evidence.prefix(2))" }.joined(separator: "; ")
    }

    /// The seed's fake access key and secret never appear in the snapshot or the findings.
    func checkRedaction(_ inventory: Inventory, findings: [Finding]) throws {
        let snapshot = String(decoding: try Snapshot.encode(inventory), as: UTF8.self)
        let evidence = String(decoding: try JSONEncoder().encode(findings), as: UTF8.self)
        for secret in ["AKIAQ3ZJ7VXN4KDL2M8R", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3ZJ7VXN4"] {
            #expect(!snapshot.contains(secret), "snapshot holds a secret")
            #expect(!evidence.contains(secret), "findings hold a secret")
        }
    }
}
