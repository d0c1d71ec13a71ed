import Foundation
import Inventory
import Testing
@testable import Controls

/// The streamed evaluation (`Catalog.evaluate(_:settings:only:transform:consume:)`) and the
/// fast text helpers behind every failing finding's fix.
@Suite struct EvaluationOrderTests {
    /// The hardened environment copied under other names and regions (with `repeats` sharing names).
    static func fleet(_ names: [(String, String)]) -> Inventory {
        var inventory = ExampleInventory.hardened().inventory
        let template = inventory.environments[0]
        inventory.environments = names.map { name, region in
            var environment = template
            environment.name = name
            environment.region = region
            return environment
        }
        return inventory
    }

    @Test func streamedBatchesArriveInOrderAndEqualTheWholeResult() {
        let names = (0..<70).map { ("env-\($0)", $0 % 2 == 0 ? "us-east-1" : "eu-west-1") }
        let inventory = Self.fleet(names)
        let settings = AuditSettings(now: ExampleInventory.now)
        let whole = Catalog.standard.evaluate(inventory, settings: settings)
        var batches: [[Finding]] = []
        Catalog.standard.evaluate(inventory, settings: settings, transform: { $0 }, consume: { batches.append($0) })
        #expect(batches.count > 1)
        #expect(batches.flatMap { $0 } == whole)
        let order = whole.compactMap(\.resource.environment).reduce(into: [String]()) { seen, name in if seen.last != name { seen.append(name) } }
        #expect(order == names.map(\.0))
        #expect(whole.count == 70 * Catalog.standard.evaluate(Self.fleet([("one", "us-east-1")]), settings: settings).count)
    }

    /// A caller that keeps the run's shared analyses gets them once, after the last batch, and
    /// the same findings as one that lets the evaluation free them.
    @Test func sharedAnalysesAreHandedOverOnceAfterTheLastBatch() {
        let inventory = Self.fleet((0..<40).map { ("env-\($0)", "us-east-1") })
        let settings = AuditSettings(now: ExampleInventory.now)
        var events: [String] = []
        var kept: [Finding] = []
        Catalog.standard.evaluate(inventory, settings: settings, transform: { $0 }, consume: { batch in
            events.append("batch")
            kept += batch
        }, keep: { _ in events.append("kept") })
        #expect(events.filter { $0 == "kept" }.count == 1)
        #expect(events.last == "kept")
        #expect(events.count > 2)
        #expect(kept == Catalog.standard.evaluate(inventory, settings: settings))
    }

    @Test func environmentsSharingANameFollowTheFirst() {
        let inventory = Self.fleet([("a", "us-east-1"), ("b", "us-east-1"), ("a", "eu-west-1"), ("c", "us-east-1")])
        #expect(Catalog.evaluationOrder(inventory.environments) == [0, 2, 1, 3])
        let findings = Catalog.standard.evaluate(inventory, settings: AuditSettings(now: ExampleInventory.now))
        let names = findings.compactMap(\.resource.environment).reduce(into: [String]()) { seen, name in if seen.last != name { seen.append(name) } }
        #expect(names == ["a", "b", "c"])
    }

    @Test func noEnvironmentNoFindings() {
        var inventory = Self.fleet([])
        inventory.inlineSuppressions = [InlineSuppression(controlId: "EB-RUN-001", reason: nil, origin: .file("a.config", line: 1))]
        #expect(Catalog.standard.evaluate(inventory).isEmpty)
    }

    @Test func replacingMatchesFoundation() {
        let texts = ["aws ec2 x --name ENV_NAME --region REGION", "ENV_NAMEENV_NAME", "no marker", "", "ENV_NAM", "xENV_NAME",
                     "é ENV_NAME", "ENV_NAME\u{301}", "REGIONS REGION"]
        for text in texts {
            for (target, replacement) in [("ENV_NAME", "shop-prod"), ("REGION", "eu-west-1"), ("ENV_NAME", "")] {
                #expect(RemediationText.replacing(target, with: replacement, in: text) == text.replacingOccurrences(of: target, with: replacement), "\(text)")
            }
        }
    }

    @Test func shellQuoteKeepsItsRules() {
        #expect(RemediationText.shellQuote("shop-prod") == "shop-prod")
        #expect(RemediationText.shellQuote("Namespace=aws:ec2:vpc,OptionName=Subnets,Value=a,b") == "Namespace=aws:ec2:vpc,OptionName=Subnets,Value=a,b")
        #expect(RemediationText.shellQuote("a b") == "'a b'")
        #expect(RemediationText.shellQuote("it's") == "'it'\\''s'")
        #expect(RemediationText.shellQuote("café") == "café")
        #expect(RemediationText.shellQuote("café noir") == "'café noir'")
    }
}

/// A fix prepared once per run specialises to exactly what `Remediation.specialized` gives.
@Suite struct RemediationTemplateTests {
    @Test func templateSpecialisesLikeTheRemediation() {
        // Plain names, names that spell a placeholder alone or next to the command's text, quoting, non-ASCII.
        let environments = ["shop-prod", "Shop-Prod-2", "REGION-ENV_NAME", "GION-a", "a-RE", "", "it's here", "é env"]
        var options = 0, commands = 0
        for control in Catalog.standard.controls {
            let template = RemediationTemplate(control.remediation)
            if !control.remediation.optionSettings.isEmpty { options += 1 }
            if control.remediation.commands.contains(where: { $0.contains("ENV_NAME") }) { commands += 1 }
            for environment in environments {
                for region in [nil, "eu-west-1", "", "ENV_NAME"] {
                    #expect(template.specialized(environment: environment, region: region)
                            == control.remediation.specialized(environment: environment, region: region), "\(control.id) \(environment)")
                }
            }
        }
        // Both kinds of fix are covered.
        #expect(options > 0)
        #expect(commands > 0)
    }
}

/// Defaults are found by namespace and option exactly as the table lists them.
@Suite struct EBDefaultsTests {
    @Test func everyTableEntryIsFound() {
        #expect(!EBDefaults.table.isEmpty)
        for (key, value) in EBDefaults.table {
            let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            #expect(parts.count == 2, "\(key)")
            #expect(EBDefaults.value(parts[0], parts[1]) == value, "\(key)")
        }
        #expect(EBDefaults.value("aws:ec2:vpc", "NoSuchOption") == nil)
        #expect(EBDefaults.value("no:such:namespace", "Subnets") == nil)
        // An option with defaults in other namespaces has none in this one.
        #expect(EBDefaults.value("aws:elbv2:listener:443", "ListenerEnabled") == nil)
        #expect(EBDefaults.value("aws:elb:listener", "ListenerEnabled") == "true")
    }
}
