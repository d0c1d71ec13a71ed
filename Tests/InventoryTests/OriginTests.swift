import Foundation
import Testing
@testable import Inventory

/// `Origin` and `OptionSetting` keep some of their properties out of line; they must still behave
/// as plain values of their properties: copies independent, equality and hashing by property, and
/// the `Codable` form of a struct holding them.
@Suite struct OriginTests {
    @Test func aChangedCopyLeavesTheOriginalAlone() {
        let original = Origin.file("app/.ebextensions/options.config", line: 4)
        var copy = original
        #expect(copy == original)
        copy.line = 5
        copy.column = 2
        copy.api = "elasticbeanstalk:DescribeConfigurationSettings"
        #expect(original.line == 4 && original.column == nil && original.api == nil)
        #expect(copy.line == 5 && copy.column == 2 && copy.file == original.file)
        #expect(copy != original)
        copy.file = nil
        #expect(copy.description == "elasticbeanstalk:DescribeConfigurationSettings")
        #expect(original.description == "app/.ebextensions/options.config:4")
    }

    @Test func equalityAndHashingFollowTheProperties() {
        let built = Origin(api: "iam:GetRole", file: "export/iam.json", line: 1, column: 2)
        var assembled = Origin()
        assembled.api = "iam:GetRole"
        assembled.file = "export/iam.json"
        assembled.line = 1
        assembled.column = 2
        #expect(built == assembled && built.hashValue == assembled.hashValue)
        #expect(Set([built, assembled, .api("iam:GetRole")]).count == 2)
        #expect(Origin() == Origin() && Origin() != .api(""))
    }

    /// Exactly the JSON a struct of the four optional properties is given (absent ones left out).
    @Test func encodesAsAStructOfItsProperties() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let origins = [Origin(), .api("ec2:DescribeVpcs"), .file("t.yaml", line: 12, column: 5), Origin(api: "a", file: "f", line: 1, column: 0)]
        let json = String(decoding: try encoder.encode(origins), as: UTF8.self)
        #expect(json == #"[{},{"api":"ec2:DescribeVpcs"},{"column":5,"file":"t.yaml","line":12},{"api":"a","column":0,"file":"f","line":1}]"#)
        #expect(try JSONDecoder().decode([Origin].self, from: Data(json.utf8)) == origins)
    }

    @Test func aSettingsSecretIsAPlainProperty() throws {
        let hit = SecretHit(kind: .awsSecretAccessKey, key: "AWS_SECRET_ACCESS_KEY", redacted: "wJal****KEY")
        var setting = OptionSetting(namespace: "aws:elasticbeanstalk:application:environment", optionName: "AWS_SECRET_ACCESS_KEY",
                                    value: hit.redacted, secret: hit, origin: .api("elasticbeanstalk:DescribeConfigurationSettings"))
        let copy = setting
        setting.secret?.redacted = "****"
        #expect(copy.secret == hit && setting.secret?.redacted == "****")
        #expect(setting != copy && setting.hashValue != copy.hashValue)
        setting.secret = hit
        #expect(setting == copy && setting.hashValue == copy.hashValue)
        setting.secret = nil
        #expect(setting.secret == nil && setting != copy)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(copy), as: UTF8.self)
        #expect(json == #"{"layer":"direct","namespace":"aws:elasticbeanstalk:application:environment","optionName":"AWS_SECRET_ACCESS_KEY","#
            + #""origin":{"api":"elasticbeanstalk:DescribeConfigurationSettings"},"#
            + #""secret":{"key":"AWS_SECRET_ACCESS_KEY","kind":"aws-secret-access-key","redacted":"wJal****KEY"},"unresolved":false,"value":"wJal****KEY"}"#)
        #expect(try JSONDecoder().decode(OptionSetting.self, from: Data(json.utf8)) == copy)
        let plain = OptionSetting(namespace: "aws:autoscaling:launchconfiguration", optionName: "InstanceType", value: nil)
        #expect(String(decoding: try encoder.encode(plain), as: UTF8.self)
                    == #"{"layer":"direct","namespace":"aws:autoscaling:launchconfiguration","optionName":"InstanceType","unresolved":false}"#)
    }

    /// Settings built in place hold what they were given, the secret included.
    @Test func settingsBuiltInPlaceAreWhole() {
        let hit = SecretHit(kind: .sensitiveKey, key: "DB_PASSWORD", redacted: "****")
        let expected = [
            OptionSetting(namespace: "n", optionName: "DB_PASSWORD", value: "****", resourceName: "r", unresolved: true, secret: hit,
                          layer: .savedConfiguration, origin: .file("c.config", line: 2)),
            OptionSetting(namespace: "n", optionName: "Plain", value: nil),
        ]
        let built = [OptionSetting](unsafeUninitializedCapacity: 2) { buffer, count in
            for (position, setting) in expected.enumerated() {
                OptionSetting.initialize(buffer.baseAddress! + position, namespace: setting.namespace, optionName: setting.optionName,
                                         value: setting.value, resourceName: setting.resourceName, unresolved: setting.unresolved,
                                         secret: setting.secret, layer: setting.layer, origin: setting.origin)
            }
            count = 2
        }
        #expect(built == expected)
    }
}
