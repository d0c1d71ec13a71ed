import Foundation
import Inventory
import Testing
@testable import Collect
@testable import Controls

@Suite struct ImporterRobustnessTests {
    func folder(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, content) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory.path
    }

    @Test func malformedAndUnknownFilesAreReportedByNameAndSkipped() throws {
        let path = try folder([
            "environments.json": #"{"Environments":[{"EnvironmentName":"a","EnvironmentArn":"arn:aws:elasticbeanstalk:us-east-1:111122223333:environment/app/a"}]}"#,
            "truncated.json": #"{"SecurityGroups": [{"GroupId": "sg-1""#,
            "binary.json": "\u{0}\u{1}\u{2}garbage",
            "array.json": "[1,2,3]",
            "unknown.json": #"{"Something": 1}"#,
            "empty.json": "",
            "notes.txt": "hello",
            "org-trail.status.json": #"{"IsLogging": true}"#,
            "trails.json": #"{"trailList": [{"Name": "org-trail", "IsMultiRegionTrail": true, "LogFileValidationEnabled": true}]}"#,
        ])
        let inventory = try AWSCLIImporter().importFolder(path)
        let problems = Dictionary(uniqueKeysWithValues: inventory.inputProblems.map { (URL(fileURLWithPath: $0.file).lastPathComponent, $0.message) })
        #expect(inventory.environments.map(\.name) == ["a"])
        #expect(problems["truncated.json"]?.contains("invalid JSON") == true)
        #expect(problems["binary.json"]?.contains("invalid JSON") == true)
        #expect(problems["array.json"]?.contains("not a JSON object") == true)
        #expect(problems["unknown.json"]?.contains("Something") == true)
        #expect(problems["empty.json"] != nil)
        #expect(problems["notes.txt"]?.contains("not a .json file") == true)
        #expect(inventory.trails?.first?.isLogging == true, "an output that does not name its resource takes it from the file name")
    }

    @Test func missingExportsBecomeNamedGapsAndNotAssessed() throws {
        let path = try folder([
            "environments.json": #"{"Environments":[{"EnvironmentName":"a","EnvironmentArn":"arn:aws:elasticbeanstalk:us-east-1:111122223333:environment/app/a"}]}"#,
        ])
        let inventory = try AWSCLIImporter().importFolder(path)
        #expect(inventory.gaps.contains { $0.fact == .trails && $0.operation == "cloudtrail describe-trails" })
        let findings = Catalog.standard.evaluate(inventory)
        let trail = try #require(findings.first { $0.control == "EB-DET-005" })
        #expect(trail.verdict == .notAssessed)
        #expect(trail.reason == "no cloudtrail describe-trails data")
        let imds = try #require(findings.first { $0.control == "EB-RUN-001" })
        #expect(imds.verdict == .notAssessed)
        #expect(imds.reason?.contains("describe-configuration-settings") == true)
        #expect(!findings.contains { $0.verdict == .pass }, "nothing passes without facts")
    }

    /// The readdir walk lists what FileManager's enumerator listed (hidden entries, nested folders,
    /// symbolic links, other extensions).
    @Test func filesAreListedAsFileManagerListsThem() throws {
        let path = try folder([
            "a.json": "{}", "B.JSON": "{}", "notes.txt": "x", ".hidden.json": "{}", ".git/config.json": "{}",
            "us-east-1/env.json": "{}", "us-east-1/deep/more.json": "{}", "us-east-1/readme": "x", "eu-west-1/.cache/x.json": "{}",
        ])
        try FileManager.default.createSymbolicLink(atPath: path + "/link.json", withDestinationPath: path + "/a.json")
        try FileManager.default.createSymbolicLink(atPath: path + "/linked-folder", withDestinationPath: path + "/us-east-1")
        let root = URL(fileURLWithPath: path)
        var expectedFiles: [String] = []
        var expectedSkipped: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]))
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if url.pathExtension.lowercased() == "json" { expectedFiles.append("shown/" + relative) } else { expectedSkipped.append("shown/" + relative) }
        }
        let (files, skipped) = AWSCLIImporter().listFiles(root, displayRoot: "shown")
        #expect(files.map(\.display) == expectedFiles.sorted())
        #expect(Set(skipped.map(\.file)) == Set(expectedSkipped))
        #expect(files.map(\.display) == ["shown/B.JSON", "shown/a.json", "shown/us-east-1/deep/more.json", "shown/us-east-1/env.json"])
        #expect(files.map(\.name) == ["B.JSON", "a.json", "more.json", "env.json"])
    }

    /// Large files are handed to the readers first, largest first, the rest in file order; the
    /// listing gives each file its size.
    @Test func largeFilesAreReadFirst() throws {
        let path = try folder([
            "a.json": "{}", "b.json": String(repeating: " ", count: 300) + "{}", "c.json": "{}",
            "us-east-1/d.json": String(repeating: " ", count: 500) + "{}", "us-east-1/e.json": "{}",
        ])
        let (files, _) = AWSCLIImporter().listFiles(URL(fileURLWithPath: path), displayRoot: "shown")
        #expect(files.map(\.name) == ["a.json", "b.json", "c.json", "d.json", "e.json"])
        #expect(files.map(\.size) == [2, 302, 2, 502, 2])
        #expect(AWSCLIImporter.readingOrder(files, largeSize: 100).map { files[$0].name } == ["d.json", "b.json", "a.json", "c.json", "e.json"])
        #expect(AWSCLIImporter.readingOrder(files, largeSize: 1000) == Array(files.indices), "no large file: file order")
    }

    /// The listing tells `.json` files by their names' bytes; `URL` tells them the same for every
    /// visible name (hidden ones are never listed).
    @Test func jsonFilesAreToldAsURLTellsThem() {
        let names = ["a.json", "a.JSON", "a.Json", "x.tar.json", "a..json", "a b.json", "a%20.json", "é.json", "-.json", " .json", "a?.json",
                     "a.json.bak", "a.json.", "json", ".json", "a.jsön", "a.json~", "a. json", "a.jsonx", "ajson", "a.JSON ", "a.\u{212A}json"]
        for name in names {
            let url = URL(fileURLWithPath: "/tmp/export/" + name, isDirectory: false)
            #expect(AWSCLIImporter.hasJSONExtension(name) == (url.pathExtension.lowercased() == "json" && !name.hasPrefix(".")), "\(name)")
        }
        #expect(AWSCLIImporter.hasJSONExtension("config-shop-prod-1.json"))
        #expect(!AWSCLIImporter.hasJSONExtension("notes.txt"))
    }

    @Test func notAFolderIsAnError() {
        #expect(throws: CollectError.self) { try AWSCLIImporter().importFolder("/nonexistent/ebguard") }
    }

    @Test func resourceNamesFromFileNames() {
        #expect(ResourceName.fromFileName("elasticbeanstalk-us-east-1-1.encryption.json") == "elasticbeanstalk-us-east-1-1")
        #expect(ResourceName.fromFileName("my.dotted.bucket__encryption.json") == "my.dotted.bucket")
        #expect(ResourceName.fromFileName("nodot") == nil)
        #expect(ELBMapping.listenerArn(ofRule: "arn:aws:elasticloadbalancing:us-east-1:1:listener-rule/app/n/lb/l1/r1") == "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/n/lb/l1")
        #expect(ELBMapping.listenerArn(ofRule: "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/n/lb/l1") == nil, "not a rule")
        #expect(ELBMapping.listenerArn(ofRule: "arn:aws:elasticloadbalancing:us-east-1:1:listener-rule/app/n/lb") == nil, "too short a path")
        #expect(ELBMapping.listenerArn(ofRule: "arn:aws:elasticloadbalancing:us-east-1:1:listener-rule/app/né/lb/l1/r1") == "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/né/lb/l1",
                "a non-ASCII ARN is searched by Foundation")
    }
}

@Suite struct SnapshotTests {
    @Test func roundTripKeepsFactsAndHash() throws {
        let inventory = ExampleInventory.hardened().inventory
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-\(UUID().uuidString).json").path
        let hash = try Snapshot.write(inventory, to: path)
        let (read, readHash) = try Snapshot.read(path)
        #expect(hash == readHash && hash.count == 64)
        let before = Catalog.standard.evaluate(inventory, settings: AuditSettings(now: ExampleInventory.now)).map { "\($0.control) \($0.verdict)" }
        let after = Catalog.standard.evaluate(read, settings: AuditSettings(now: ExampleInventory.now)).map { "\($0.control) \($0.verdict)" }
        #expect(before == after)
    }

    @Test func newerSchemaIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-\(UUID().uuidString).json").path
        try #"{"schemaVersion": 99}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try Snapshot.read(path) } throws: { "\($0)".contains("newer than this ebguard supports") }
    }

    @Test func damagedSnapshotSaysWhere() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-\(UUID().uuidString).json").path
        try #"{"schemaVersion": 1, "environments": "oops"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try Snapshot.read(path) } throws: { error in
            let text = "\(error)"
            return text.contains(path) && (text.contains("missing field") || text.contains("wrong type"))
        }
    }
}
