import Foundation
import Inventory
import Testing
@testable import Collect

/// The configuration files read straight from their bytes give exactly what the tape and
/// `EBMapping.configurationSettings` give, and anything else is left to them.
@Suite struct ConfigurationSettingsReaderTests {
    static let origin = Origin(api: "elasticbeanstalk:DescribeConfigurationSettings", file: "config.json")

    /// What the reader makes of `text` with `context` (`nil`: it leaves the file to the general path).
    static func read(_ text: String, context: ExportReadingContext = ExportReadingContext()) -> [ConfigurationDescription]? {
        Array(text.utf8).withUnsafeBytes { ConfigurationSettingsReader.descriptions(in: $0, origin: origin, context: context) }
    }

    /// What the general path makes of `text`.
    static func general(_ text: String) throws -> [ConfigurationDescription] {
        let tape = try #require(JSONTape.parse(Array(text.utf8)))
        return EBMapping.configurationSettings(JSONObject(tape: tape, node: 0), origin: origin)
    }

    static func expectSame(_ read: [ConfigurationDescription], _ general: [ConfigurationDescription], _ comment: Comment? = nil) {
        #expect(read.map(\.application) == general.map(\.application), comment)
        #expect(read.map(\.environment) == general.map(\.environment), comment)
        #expect(read.map(\.template) == general.map(\.template), comment)
        #expect(read.map(\.region) == general.map(\.region), comment)
        #expect(read.map(\.settings) == general.map(\.settings), comment)
    }

    /// Compact and pretty-printed, escaped texts, a secret, an option without a name, an empty
    /// description, a saved configuration, unknown string members, non-ASCII values.
    static let readable = [
        #"{"ConfigurationSettings":[{"ApplicationName":"shop","EnvironmentName":"prod","PlatformArn":"arn:aws:elasticbeanstalk:eu-west-1::platform/Docker/4.3.0","DateCreated":"2026-11-20T12:00:00+00:00","OptionSettings":[{"Namespace":"aws:autoscaling:asg","OptionName":"MinSize","Value":"1"},{"Namespace":"aws:elasticbeanstalk:application:environment","OptionName":"AWS_SECRET_ACCESS_KEY","Value":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},{"Namespace":"aws:autoscaling:asg"},{"Namespace":"aws:elasticbeanstalk:healthreporting:system","OptionName":"ConfigDocument","Value":"{\"Version\":1,\"Rules\":{}}"},{"ResourceName":"AWSEBAutoScalingGroup","Namespace":"aws:autoscaling:asg","OptionName":"MaxSize","Value":"4"}]}]}"#,
        """
        {
            "ConfigurationSettings": [
                {
                    "SolutionStackName": "64bit Amazon Linux 2023 v4.3.0 running Docker",
                    "ApplicationName": "sh\\u006fp",
                    "EnvironmentName": "prod-é",
                    "Description": "caf\\u00e9 \\ud83d\\ude00 \\/ \\n",
                    "OptionSettings": [
                        {
                            "Namespace": "aws:elasticbeanstalk:application:environment",
                            "OptionName": "GREETING",
                            "Value": "grüezi"
                        },
                        {}
                    ]
                },
                {},
                {"ApplicationName": "shop", "TemplateName": "base", "OptionSettings": []}
            ]
        }

        """,
        #"{"ConfigurationSettings":[]}"#,
        #" { "ConfigurationSettings" : [ { "EnvironmentName" : "e" } ] } "#,
    ]

    @Test func readsWhatTheGeneralPathReadsAlike() throws {
        let context = ExportReadingContext()
        for pass in 0..<2 {
            for text in Self.readable {
                let read = try #require(Self.read(text, context: context), "\(text)")
                Self.expectSame(read, try Self.general(text), "pass \(pass): \(text)")
                #expect(read.allSatisfy { $0.settings.allSatisfy { $0.origin == Self.origin } })
            }
        }
        #expect(context.optionSettings.count == 7, "each distinct option object is remembered once")
        let first = try #require(Self.read(Self.readable[0]))
        #expect(first.first?.settings.count == 4, "an option without a name is left out")
        #expect(first.first?.settings[1].secret != nil && first.first?.settings[1].value?.contains("wJalrXUtnFEMI") == false, "secrets are redacted")
        #expect(first.first?.region == "eu-west-1")
    }

    /// Documents the tape refuses, or of another shape, are left to the general path (which
    /// reads them, or reports them, as before).
    @Test func leavesEverythingElseToTheGeneralPath() {
        let others = [
            #"{"ConfigurationSettings":[{"EnvironmentName":"e","EnvironmentName":"f"}]}"#,
            #"{"ConfigurationSettings":[{"EnvironmentName":"e","OptionSettings":[{"Namespace":"n","Namespace":"m"}]}]}"#,
            #"{"ConfigurationSettings":[{"EnvironmentName":"e","OptionSettings":[{"Namespace":"n","OptionName":"o","Value":1}]}]}"#,
            #"{"ConfigurationSettings":[{"EnvironmentName":null}]}"#,
            #"{"ConfigurationSettings":[{"EnvironmentName":"e","OptionSettings":[{"Namespace":"n","OptionName":"o"},"x"]}]}"#,
            #"{"ConfigurationSettings":[{"EnvironmentName":"e"}],"Environments":[]}"#,
            #"{"Environments":[],"ConfigurationSettings":[]}"#,
            #"{"ConfigurationSettings":[{"EnvironmentName":"e"}]} x"#,
            #"{"ConfigurationSettings":[{"EnvironmentName":"e"}]"#,
            #"{"ConfigurationSettings":[{"EnvironmentName":"e\ud800"}]}"#,
            #"{"ConfigurationSettings":[{"EnvironmentName":"e","OptionSettings":[{"Namespace":"\ud800","OptionName":"o"}]}]}"#,
            #"{"ConfigurationSettings":[{"Environment\u004eame":"e"}]}"#,
            #"{"ConfigurationSettings":[{"OptionSettings":[{"Name\u0073pace":"n","OptionName":"o"}]}]}"#,
            #"{"ConfigurationSettings":[{"OptionSettings":[{"Namespace":"n","OptionName":"o","é":"v"}]}]}"#,
            #"{"ConfigurationSettings":[{"OptionSettings":[{"Namespace":"n","OptionName":"o","Value":"a","Value":"b"}]}]}"#,
            "{\"ConfigurationSettings\":[{\"OptionSettings\":[{\"Namespace\":\"n\",\"OptionName\":\"o\",\"Value\":\"a\u{9}b\"}]}]}",
            #"{"ConfigurationSettings":[{"OptionSettings":[{"Namespace":"n","OptionName":"o","Value":"a\xb"}]}]}"#,
            #"{"ConfigurationSettings":[{"OptionSettings":[{"Namespace":"n","OptionName":"o","Value":"a\u12"}]}]}"#,
            #"{"ConfigurationSettings":[{"OptionSettings":[{"Namespace":"n","OptionName":"o","Value":"a}]}]}"#,
            "{\"ConfigurationSettings\":[{\"EnvironmentName\":\"e\u{9}\"}]}",
            #"{"ConfigurationSettings":{}}"#,
            #"{"ConfigurationSettings":[1]}"#,
            #"{"configurationSettings":[]}"#,
            #"{}"#,
            "",
            "[]",
        ]
        for text in others { #expect(Self.read(text) == nil, "\(text)") }
    }

    /// Option objects met once (escaped texts, members in any order, unknown members, spaces) are
    /// read like their own tape reads them, and remembered as they were read.
    @Test func readsOptionObjectsMetOnceLikeTheirTape() throws {
        let text = """
        {"ConfigurationSettings":[{"OptionSettings":[
          {"Value":"arn:aws:secretsmanager:us-east-1:1:secret:x\\/y","OptionName":"DB_PASSWORD","Namespace":"aws:elasticbeanstalk:application:environmentsecrets"},
          { "Namespace" : "aws:elbv2:loadbalancer" , "OptionName" : "SecurityGroups" , "Value" : "sg-1\\u0041" , "Extra" : "x" },
          {"ResourceName":"r","Namespace":"aws:autoscaling:asg","OptionName":"MinSize","Value":""},
          {"Namespace":"aws:elasticbeanstalk:application:environment","OptionName":"API_TOKEN","Value":"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"},
          {"OptionName":"o"}
        ]}]}
        """
        let context = ExportReadingContext()
        for _ in 0..<2 {
            let read = try #require(Self.read(text, context: context))
            Self.expectSame(read, try Self.general(text))
            #expect(read.first?.settings.count == 4)
            #expect(read.first?.settings[1].value == "sg-1A")
        }
        #expect(context.optionSettings.count == 5)
    }

    /// A remembered option object is handed out only for the same bytes: one that differs in a
    /// byte is parsed on its own (and refused when the tape refuses it).
    @Test func optionObjectsAreRememberedByTheirBytes() throws {
        let context = ExportReadingContext()
        let valid = #"{"ConfigurationSettings":[{"OptionSettings":[{"Namespace":"n","OptionName":"o","Value":"v"}]}]}"#
        let invalid = #"{"ConfigurationSettings":[{"OptionSettings":[{"Namespace":"n","OptionName":"o","Value":"v\ud800"}]}]}"#
        #expect(Self.read(valid, context: context)?.first?.settings.first?.value == "v")
        #expect(Self.read(invalid, context: context) == nil)
        #expect(Self.read(valid, context: context)?.first?.settings.first?.value == "v")
        #expect(context.optionSettings.count == 1)
    }

    /// An export of configuration files imports to the same inventory whether or not they are read straight.
    @Test func importedSettingsAreTheGeneralPathsSettings() throws {
        let folder = DemoFleetTests.folder
        let files = try #require(FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.filter { ($0 as NSString).lastPathComponent.hasPrefix("config-") && $0.hasSuffix(".json") })
        try #require(!files.isEmpty)
        let context = ExportReadingContext()
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let read = try #require(Self.read(text, context: context), "\(file)")
            Self.expectSame(read, try Self.general(text), "\(file)")
        }
    }
}
