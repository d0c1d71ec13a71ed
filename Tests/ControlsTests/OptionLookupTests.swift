import Foundation
import Inventory
import Testing
@testable import Controls

/// An option lookup reports the value, layer, origin and redaction of the setting that wins by
/// Elastic Beanstalk's precedence, not of the first one added.
@Suite struct OptionLookupTests {
    static let namespace = "aws:autoscaling:launchconfiguration"

    /// A context over the hardened example with `settings` as the environment's option settings.
    static func context(_ settings: [OptionSetting]) -> EnvironmentContext {
        var example = ExampleInventory.hardened()
        example.environment.optionSettings = OptionSettings(settings)
        return EnvironmentContext(environment: example.environment, settings: AuditSettings(now: ExampleInventory.now),
                                  policies: PolicyStore(iam: IAMInventory()), index: InventoryIndex(example.inventory))
    }

    static let fileOrigin = Origin(file: ".ebextensions/ssh.config", line: 4)
    static let apiOrigin = Origin(api: "elasticbeanstalk:DescribeConfigurationSettings")

    @Test func theHighestLayerWinsWithItsOwnOrigin() throws {
        let context = Self.context([
            OptionSetting(namespace: Self.namespace, optionName: "EC2KeyName", value: "file-key", layer: .configurationFile, origin: Self.fileOrigin),
            OptionSetting(namespace: Self.namespace, optionName: "EC2KeyName", value: "direct-key", layer: .direct, origin: Self.apiOrigin),
        ])
        let value = context.option(Self.namespace, "EC2KeyName")
        guard case .known(let text, let source) = value else { Issue.record("expected a known value"); return }
        #expect(text == "direct-key")
        let winner = try #require(source)
        #expect(winner.layer == .direct)
        #expect(winner.origin == Self.apiOrigin)
        #expect(winner.secret == nil)
        #expect(context.describe(Self.namespace, "EC2KeyName", value)
            == "\(Self.namespace)/EC2KeyName = direct-key (direct, \(Self.apiOrigin.description))")
        #expect(context.environment.optionSettings?.winner(Self.namespace, "EC2KeyName")?.origin == Self.apiOrigin)
    }

    /// `optionText` reads the value `option` reads, for every kind of answer.
    @Test func theValueAloneAgreesWithTheFullLookup() {
        let context = Self.context([
            OptionSetting(namespace: Self.namespace, optionName: "EC2KeyName", value: "file-key", layer: .configurationFile, origin: Self.fileOrigin),
            OptionSetting(namespace: Self.namespace, optionName: "EC2KeyName", value: "direct-key", layer: .direct, origin: Self.apiOrigin),
            OptionSetting(namespace: Self.namespace, optionName: "SecurityGroups", value: "", origin: Self.apiOrigin),
            OptionSetting(namespace: Self.namespace, optionName: "SSHSourceRestriction", value: nil, unresolved: true, origin: Self.fileOrigin),
        ])
        let lookups = [(Self.namespace, "EC2KeyName"), (Self.namespace, "SecurityGroups"), (Self.namespace, "SSHSourceRestriction"),
                       ("aws:elasticbeanstalk:environment", "EnvironmentType"), ("aws:ec2:vpc", "VPCId")]
        var answers: [String?] = []
        for (namespace, option) in lookups {
            switch (context.option(namespace, option), context.optionText(namespace, option)) {
            case (.known(let full, _), .known(let text)):
                #expect(full == text, "\(namespace)/\(option)")
                answers.append(text)
            case (.unknown, .unknown): answers.append("unknown")
            default: Issue.record("\(namespace)/\(option): the two lookups disagree")
            }
        }
        #expect(answers == ["direct-key", nil, "unknown", "LoadBalanced", nil])
        var bare = ExampleInventory.hardened()
        bare.environment.optionSettings = nil
        let unknown = EnvironmentContext(environment: bare.environment, settings: AuditSettings(now: ExampleInventory.now),
                                         policies: PolicyStore(iam: IAMInventory()), index: InventoryIndex(bare.inventory))
        guard case .unknown = unknown.optionText(Self.namespace, "EC2KeyName") else { Issue.record("expected unknown without option settings"); return }
    }

    @Test func aDefaultHasNoSourceAndAnAbsentOptionNoOrigin() {
        let context = Self.context([])
        guard case .known(_, let source) = context.option("aws:elasticbeanstalk:environment", "EnvironmentType") else {
            Issue.record("expected a known value"); return
        }
        #expect(source == nil)
        #expect(context.environment.optionSettings?.winner(Self.namespace, "EC2KeyName")?.origin == nil)
    }

    @Test func anUnresolvedWinnerIsUnknownWithItsOrigin() {
        let context = Self.context([
            OptionSetting(namespace: Self.namespace, optionName: "EC2KeyName", value: nil, unresolved: true, origin: Self.fileOrigin),
        ])
        guard case .unknown(let reason) = context.option(Self.namespace, "EC2KeyName") else { Issue.record("expected unknown"); return }
        #expect(reason.contains("cannot be resolved statically"))
        #expect(reason.contains(Self.fileOrigin.description))
    }

    @Test func aRedactedValueIsDescribedRedacted() throws {
        let secret = SecretHit(kind: .awsAccessKeyId, key: "KEY", redacted: "AKIA****MPLE")
        let context = Self.context([
            OptionSetting(namespace: "aws:elasticbeanstalk:application:environment", optionName: "KEY", value: "stored", secret: secret),
        ])
        let value = context.option("aws:elasticbeanstalk:application:environment", "KEY")
        guard case .known(_, let source) = value else { Issue.record("expected a known value"); return }
        #expect(try #require(source).secret == secret)
        #expect(context.describe("aws:elasticbeanstalk:application:environment", "KEY", value)
            == "aws:elasticbeanstalk:application:environment/KEY = AKIA****MPLE")
    }
}

/// Several outcomes combined into one: failures win with all their evidence, then the first
/// not-assessed, else a pass with all evidence; the origin is the deciding outcome's.
@Suite struct CombineTests {
    static let first = Origin(file: "a.config", line: 1), second = Origin(file: "b.config", line: 2)

    @Test func failuresWinWithAllTheirEvidenceAndTheFirstFailuresOrigin() {
        let context = OptionLookupTests.context([])
        let combined = context.combine([.pass("ok", origin: Self.first), .fail("one", origin: Self.second), .notAssessed("why"), .fail(["two", "three"])])
        #expect(combined.verdict == .fail)
        #expect(combined.evidence == ["one", "two", "three"])
        #expect(combined.origin == Self.second)
    }

    @Test func otherwiseTheFirstNotAssessedThenAPassWithAllEvidence() {
        let context = OptionLookupTests.context([])
        let unknown = context.combine([.pass("ok"), .notAssessed("first"), .notAssessed("second")])
        #expect(unknown.verdict == .notAssessed && unknown.reason == "first")
        let pass = context.combine([.pass("a", origin: Self.first), .pass("b", origin: Self.second)])
        #expect(pass.verdict == .pass && pass.evidence == ["a", "b"] && pass.origin == Self.first)
        let empty = context.combine([])
        #expect(empty.verdict == .pass && empty.evidence.isEmpty && empty.origin == nil)
    }
}
