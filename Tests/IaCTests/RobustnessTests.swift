import Foundation
import Testing
import Inventory
@testable import IaC

@Suite struct RobustnessTests {
    @Test func badFilesBecomeProblemsAndTheScanGoesOn() throws {
        let inventory = Fixtures.scan("bad", "cloudformation/secure-with-template.yaml")
        let byFile = Dictionary(grouping: inventory.inputProblems, by: { ($0.file as NSString).lastPathComponent })
        let truncated = try #require(byFile["truncated.yaml"]?.first)
        #expect(truncated.message.hasPrefix("invalid YAML"))
        #expect(truncated.line != nil)
        let json = try #require(byFile["invalid.json"]?.first)
        #expect(json.message.hasPrefix("invalid JSON"))
        #expect(json.line == 1)
        #expect(byFile["junk.tf"]?.isEmpty == false)
        #expect(inventory.environment("Env") != nil)
    }

    @Test func missingPathAndUnknownExplicitFile() {
        let folder = TemporaryFolder()
        let notes = folder.write("notes.txt", "hello")
        let inventory = IaCScanner().scan(paths: [folder.path + "/missing", notes])
        #expect(inventory.inputProblems.count == 2)
        #expect(inventory.inputProblems.contains { $0.message == "no such file or directory" })
    }

    @Test func relativePathsStayRelative() throws {
        let folder = TemporaryFolder()
        folder.write("app/.ebextensions/01.config", "option_settings:\n  - option_name: A\n    value: b\n")
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let inventory = IaCScanner().scan(paths: ["app"])
        let setting = try #require(inventory.environment("app")?.optionSettings?.winner(OptionValues.environmentNamespace, "A"))
        #expect(setting.origin?.file == "app/.ebextensions/01.config")
        let dot = IaCScanner().scan(paths: ["."])
        #expect(dot.artifacts?.first?.path == "app/.ebextensions/01.config")
    }

    @Test func skipsDependencyFolders() {
        let folder = TemporaryFolder()
        folder.write("node_modules/x/template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n")
        folder.write(".terraform/modules/m/main.tf", "resource \"aws_kms_key\" \"k\" {}\n")
        folder.write(".git/config.json", "{}")
        let inventory = IaCScanner().scan(paths: [folder.path])
        #expect(inventory.artifacts == nil)
        #expect(inventory.inputProblems.isEmpty)
    }

    @Test func jsonReaderKeepsPositions() throws {
        let root = try JSONReader.parse("{\n  \"a\": [1, {\"b\": \"x\\u00e9\\n\"}],\n  \"é\": true // c\n}")
        #expect(root["a"]?.line == 2 && root["a"]?.column == 8)
        #expect(root["a"]?.items?[1]["b"]?.string == "xé\n")
        #expect(root.entry("é")?.keyLine == 3)
        #expect(root["é"]?.column == 8)
        #expect(throws: ParseError.self) { try JSONReader.parse(String(repeating: "[", count: 10_000)) }
        #expect(throws: ParseError.self) { try JSONReader.parse("{\"a\": 1,}") }
    }

    @Test func yamlShortFormTags() throws {
        let root = try YAMLReader.parse("a: !Ref X\nb: !GetAtt R.Arn\nc: !Sub '${X}-y'\nd: !Condition C\ne: ~\n")
        #expect(root["a"]?["Ref"]?.string == "X")
        #expect(root["b"]?["Fn::GetAtt"]?.items?.map(\.string) == ["R", "Arn"])
        #expect(root["c"]?["Fn::Sub"]?.string == "${X}-y")
        #expect(root["d"]?["Condition"]?.string == "C")
        #expect(root["e"]?.isNull == true)
        #expect(root["b"]?.line == 2)
        #expect(throws: ParseError.self) { try YAMLReader.parse(String(repeating: "[", count: 5_000)) }
    }
}
