import Foundation
import Inventory
import Testing
@testable import Collect

/// Values remembered by the bytes they were made from must be exactly the values made afresh.
@Suite struct ByteSpanMemoTests {
    @Test func equalBytesGiveTheRememberedValueAndOthersAreMade() {
        let memo = ByteSpanMemo<String>(limit: 8)
        var made = 0
        func value(_ text: String) -> String {
            Array(text.utf8).withUnsafeBytes { bytes in
                memo.value(for: bytes) {
                    made += 1
                    return "\(text)#\(made)"
                }
            }
        }
        #expect(value("{\"a\":1}") == "{\"a\":1}#1")
        #expect(value("{\"a\":1}") == "{\"a\":1}#1", "remembered")
        #expect(value("{\"a\":2}") == "{\"a\":2}#2", "other bytes, another value")
        #expect(value("") == "#3")
        #expect(value("") == "#3", "empty bytes are a key too")
        #expect(made == 3)
        #expect(memo.count == 3)
    }

    @Test func startsOverWhenFull() {
        let memo = ByteSpanMemo<Int>(limit: 4)
        for round in 0..<3 {
            for number in 0..<10 {
                let value = Array("key-\(number)".utf8).withUnsafeBytes { memo.value(for: $0) { number * 10 + round } }
                // Each key was made in this round at the latest: the memo started over before.
                #expect(value % 10 <= round && value / 10 == number)
                #expect(memo.count <= 4)
            }
        }
    }

    /// Every configuration file of the demo fleet, mapped twice with one memo (as one importing
    /// thread reads many files) and once without: the same settings, each with its own origin.
    @Test func rememberedOptionSettingsAreTheSettingsMadeAfresh() throws {
        let folder = DemoFleetTests.folder
        let files = try #require(FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.filter { ($0 as NSString).lastPathComponent.hasPrefix("config-") && $0.hasSuffix(".json") })
        try #require(!files.isEmpty)
        let known = ByteSpanMemo<OptionSetting?>()
        var compared = 0
        for pass in 0..<2 {
            for file in files {
                let tape = try #require(JSONTape.parse(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))))
                let json = JSONObject(tape: tape, node: 0)
                let origin = Origin(api: "elasticbeanstalk:DescribeConfigurationSettings", file: "\(file)#\(pass)")
                let fresh = EBMapping.configurationSettings(json, origin: origin)
                let remembered = EBMapping.configurationSettings(json, origin: origin, known: known)
                #expect(fresh.map(\.settings) == remembered.map(\.settings), "\(file)")
                #expect(remembered.allSatisfy { $0.settings.allSatisfy { $0.origin == origin } })
                compared += fresh.reduce(0) { $0 + $1.settings.count }
            }
        }
        #expect(compared > 100)
        #expect(known.count > 0)
    }

    /// A secret-looking value is still redacted when its setting is handed out again.
    @Test func rememberedSettingsStayRedacted() throws {
        let text = #"{"ConfigurationSettings":[{"EnvironmentName":"e","OptionSettings":[{"Namespace":"aws:elasticbeanstalk:application:environment","OptionName":"AWS_SECRET_ACCESS_KEY","Value":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},{"Namespace":"aws:autoscaling:asg","OptionName":"MinSize","Value":"1"},{"Namespace":"aws:autoscaling:asg"}]}]}"#
        let known = ByteSpanMemo<OptionSetting?>()
        for _ in 0..<2 {
            let tape = try #require(JSONTape.parse(Array(text.utf8)))
            let settings = try #require(EBMapping.configurationSettings(JSONObject(tape: tape, node: 0), origin: Origin(file: "x.json"), known: known).first?.settings)
            #expect(settings.count == 2, "an option without a name is left out, remembered or not")
            #expect(settings[0].secret != nil)
            #expect(settings[0].value?.contains("wJalrXUtnFEMI") == false)
            #expect(settings[1].value == "1")
        }
        #expect(known.count == 3)
    }

    @Test func rememberedPolicyTextsAreTheTextsMadeAfresh() throws {
        let text = #"{"Roles":[{"Doc":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}},{"Doc":{"Statement":[{"Resource":"*","Action":["ec2:*"],"Effect":"Deny"}],"Version":"2012-10-17"}},{"Doc":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}},{"Doc":"%7B%22a%22%3A1%7D"}]}"#
        let tape = try #require(JSONTape.parse(Array(text.utf8)))
        let known = ByteSpanMemo<String?>()
        for role in JSONObject(tape: tape, node: 0).objects("Roles") {
            let fresh = PolicyText.normalize(role["Doc"])
            #expect(fresh != nil)
            #expect(PolicyText.normalize(role["Doc"], known: known) == fresh)
        }
        #expect(known.count == 2, "two distinct documents as objects; text documents are not remembered")
    }
}
