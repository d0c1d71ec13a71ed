import Foundation
import Inventory
import Testing
@testable import Collect
@testable import Controls

/// The committed demo fleet (examples/demo-fleet, made by scripts/make-demo-fleet) audited end to end.
@Suite struct DemoFleetTests {
    struct Expected: Decodable {
        struct Entry: Decodable {
            var environment: String
            var hardened: Bool
            var fails: [String]
        }
        var environments: [Entry]
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("examples/demo-fleet").path

    static func audit() throws -> (Inventory, [Finding]) {
        let inventory = try AWSCLIImporter().importFolder(folder)
        let settings = AuditSettings(now: ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z") ?? Date())
        return (inventory, Catalog.standard.evaluate(inventory, settings: settings))
    }

    @Test func everyFileIsRecognised() throws {
        let (inventory, _) = try Self.audit()
        #expect(inventory.inputProblems == [])
        #expect(inventory.environments.count == 7)
        #expect(inventory.gaps.isEmpty, "unexpected gaps: \(inventory.gaps.map(\.summary))")
        let shop = try #require(inventory.environments.first { $0.name == "shop-prod" })
        #expect(shop.region == "us-east-1")
        #expect(shop.optionSettings?.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1") == "true")
        #expect(shop.resources?.launchTemplates.count == 1)
        #expect(inventory.launchTemplates[shop.resources?.launchTemplates.first ?? ""]?.version == 2, "the version the ASG uses is chosen")
        #expect(shop.tags?["Environment"] == "production")
    }

    @Test func environmentsFailExactlyWhatTheyWereBuiltToFail() throws {
        let (_, findings) = try Self.audit()
        let data = try Data(contentsOf: Self.root.appendingPathComponent("examples/demo-fleet.expected.json"))
        let expected = try JSONDecoder().decode(Expected.self, from: data)
        for entry in expected.environments {
            let failing = Set(findings.filter { $0.resource.environment == entry.environment && $0.verdict == .fail }.map(\.control))
            #expect(failing == Set(entry.fails), "\(entry.environment): missing \(Set(entry.fails).subtracting(failing).sorted()), unexpected \(failing.subtracting(entry.fails).sorted())")
            if entry.hardened { #expect(failing.isEmpty) }
        }
    }

    @Test func secretsAreRedactedAtImport() throws {
        let (inventory, findings) = try Self.audit()
        let snapshot = String(decoding: try Snapshot.encode(inventory), as: UTF8.self)
        #expect(!snapshot.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(!snapshot.contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        #expect(!snapshot.contains("Sup3rS3cretPassw0rd!"))
        #expect(snapshot.contains("AKIA****MPLE"))
        let evidence = findings.flatMap(\.evidence).joined(separator: "\n")
        #expect(!evidence.contains("AKIAIOSFODNN7EXAMPLE") && !evidence.contains("Sup3rS3cretPassw0rd!"))
    }
}
