import Foundation
import Inventory
import Testing
@testable import Controls

/// Catalog-wide checks: the catalog is the product's specification, so every control must exist,
/// be unique, and prove its own examples.
@Suite struct CatalogTests {
    static let catalog = Catalog.standard

    @Test func idsAreUniqueAndWellFormed() {
        var seen = Set<String>()
        for control in Self.catalog.controls {
            #expect(seen.insert(control.id).inserted, "duplicate id \(control.id)")
            #expect(control.id.range(of: #"^EB-(IAM|NET|DATA|RUN|DET)-\d{3}$"#, options: .regularExpression) != nil, "malformed id \(control.id)")
            #expect(!control.title.isEmpty && !control.rationale.isEmpty, "\(control.id) lacks text")
            #expect(!control.references.isEmpty, "\(control.id) has no reference")
            #expect(!control.remediation.summary.isEmpty, "\(control.id) has no remediation")
        }
    }

    @Test func everyControlInTheSpecificationIsDeclared() throws {
        let text = try String(contentsOf: SpecificationFile.url, encoding: .utf8)
        let specified = Set(text.matches(of: /\| (EB-[A-Z]+-\d{3}) \|/).map { String($0.1) })
        #expect(specified.count >= 50, "CONTROLS.md parsed to only \(specified.count) ids")
        let declared = Set(Self.catalog.controls.map(\.id))
        #expect(specified.subtracting(declared).sorted() == [], "declared in CONTROLS.md but missing from the catalog")
        #expect(declared.subtracting(specified).sorted() == [], "in the catalog but not in CONTROLS.md")
        for control in Self.catalog.controls {
            guard let row = text.split(separator: "\n").first(where: { $0.contains("| \(control.id) |") }) else { continue }
            #expect(row.contains("| \(control.severity.rawValue) |"), "\(control.id) severity differs from CONTROLS.md")
        }
    }

    @Test func everyControlHasAFailingAndAPassingExample() {
        for control in Self.catalog.controls {
            #expect(control.examples.contains { $0.expected == .fail }, "\(control.id) has no failing example")
            #expect(control.examples.contains { $0.expected == .pass }, "\(control.id) has no passing example")
        }
    }

    @Test(arguments: Catalog.standard.controls.map(\.id))
    func examplesGiveTheirStatedVerdict(id: String) throws {
        let control = try #require(Self.catalog.control(id: id))
        for example in control.examples {
            var fixture = ExampleInventory.hardened()
            example.change(&fixture)
            let settings = example.settings ?? AuditSettings(now: ExampleInventory.now)
            let findings = Catalog(controls: [control]).evaluate(fixture.inventory, settings: settings)
                .filter { $0.resource.environment == fixture.environment.name }
            let verdicts = findings.map(\.verdict)
            let summary = findings.map { "\($0.verdict.rawValue): \($0.evidence.joined(separator: "; "))\($0.reason.map { " [\($0)]" } ?? "")" }.joined(separator: " | ")
            switch example.expected {
            case .fail:
                #expect(verdicts.contains(.fail), "\(id) «\(example.description)» expected fail, got \(summary)")
            case .pass:
                #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0 == .pass }, "\(id) «\(example.description)» expected pass, got \(summary)")
            case .notAssessed:
                #expect(verdicts.contains(.notAssessed) && !verdicts.contains(.fail) && !verdicts.contains(.pass), "\(id) «\(example.description)» expected not-assessed, got \(summary)")
            case .notApplicable:
                #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0 == .notApplicable }, "\(id) «\(example.description)» expected not-applicable, got \(summary)")
            case .suppressed:
                #expect(verdicts.contains(.suppressed))
            }
        }
    }

    @Test func hardenedBaselineHasNoFailure() {
        let fixture = ExampleInventory.hardened()
        let findings = Self.catalog.evaluate(fixture.inventory, settings: AuditSettings(now: ExampleInventory.now))
        let failures = findings.filter { $0.verdict == .fail }
        #expect(failures.isEmpty, "hardened baseline fails: \(failures.map { "\($0.control): \($0.evidence.joined(separator: "; "))" })")
        #expect(Set(findings.map(\.control)).count == Self.catalog.controls.count)
    }

    @Test func missingFactsAreNeverAPass() {
        var inventory = Inventory(source: InventorySource(kind: "test"))
        var environment = Environment(name: "bare")
        environment.region = "us-east-1"
        inventory.environments = [environment]
        let findings = Self.catalog.evaluate(inventory, settings: AuditSettings(now: ExampleInventory.now))
        let passes = findings.filter { $0.verdict == .pass }
        #expect(passes.isEmpty, "passed without facts: \(passes.map(\.control))")
        #expect(findings.filter { $0.verdict == .fail }.isEmpty, "failed without facts: \(findings.filter { $0.verdict == .fail }.map(\.control))")
    }
}

/// Locates CONTROLS.md: `EBGUARD_CONTROLS_MD`, else `../shared/CONTROLS.md` beside the repository.
enum SpecificationFile {
    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["EBGUARD_CONTROLS_MD"] { return URL(fileURLWithPath: path) }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/CONTROLS.md")
    }
}
