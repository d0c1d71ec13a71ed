import Foundation
import Testing

/// A scratch folder of policy files for one test.
struct PolicyScratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` (sub-folders created) and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

/// Runs the built binary and decodes a JSON report.
enum PolicyCLI {
    static func run(_ arguments: [String]) throws -> CLITests.Run {
        try CLITests().run(arguments)
    }

    static func report(_ run: CLITests.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
    }

    static func failing(_ report: [String: Any]) -> [[String: Any]] {
        ((report["findings"] as? [[String: Any]]) ?? []).filter { $0["verdict"] as? String == "fail" }
    }
}

@Suite struct PolicyCheckTests {
    static let admin = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::app/*"},
        {
          "Sid": "Everything",
          "Effect": "Allow",
          "Action": "*",
          "Resource": "*"
        }
      ]
    }
    """
    static let scoped = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::app/*"}]}"#

    @Test func cleanPolicyExitsZeroWithPassingFindings() throws {
        let scratch = try PolicyScratch()
        let file = try scratch.write("scoped.json", Self.scoped)
        let result = try PolicyCLI.run(["policy", "check", file, "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let report = try PolicyCLI.report(result)
        #expect(report["schemaVersion"] as? Int == 1)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(Set(findings.compactMap { $0["control"] as? String }) == ["EB-IAM-003", "EB-IAM-004", "EB-IAM-005", "EB-IAM-011", "EB-POLICY-001"])
        #expect(findings.allSatisfy { $0["verdict"] as? String == "pass" })
    }

    @Test func adminPolicyFailsAndNamesTheFileAndLine() throws {
        let scratch = try PolicyScratch()
        let file = try scratch.write("admin.json", Self.admin)
        let result = try PolicyCLI.run(["policy", "check", file, "--format", "json"])
        #expect(result.status == 1)
        let failing = PolicyCLI.failing(try PolicyCLI.report(result))
        let ids = Set(failing.compactMap { $0["control"] as? String })
        #expect(ids.isSuperset(of: ["EB-IAM-003", "EB-IAM-004", "EB-IAM-005", "EB-IAM-011"]))
        for finding in failing {
            let resource = try #require(finding["resource"] as? [String: Any])
            #expect(resource["type"] as? String == "AWS::IAM::Policy")
            #expect(resource["id"] as? String == file && resource["name"] as? String == file)
            let location = try #require(finding["location"] as? [String: Any])
            #expect(location["file"] as? String == file && location["line"] as? Int == 5)
        }
        let critical = try PolicyCLI.run(["policy", "check", file, "--fail-on", "critical"])
        #expect(critical.status == 1 && critical.stdout.contains("EB-IAM-003"))
    }

    @Test func unknownActionsAndPublicPoliciesAreReported() throws {
        let scratch = try PolicyScratch()
        try scratch.write("typo.json", #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObjekt","s4:GetObject"],"Resource":"arn:aws:s3:::app/*"}}"#)
        try scratch.write("bucket.json", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}"#)
        try scratch.write("trust.json", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}]}"#)
        let result = try PolicyCLI.run(["policy", "check", scratch.folder.path, "--format", "json", "--account", "111122223333"])
        #expect(result.status == 1)
        let failing = PolicyCLI.failing(try PolicyCLI.report(result))
        let byFile = Dictionary(grouping: failing) { (($0["resource"] as? [String: Any])?["name"] as? String ?? "").split(separator: "/").last.map(String.init) ?? "" }
        let typo = try #require(byFile["typo.json"]?.first)
        #expect(typo["control"] as? String == "EB-POLICY-001" && typo["severity"] as? String == "low")
        let evidence = (typo["evidence"] as? [String])?.joined(separator: "\n") ?? ""
        #expect(evidence.contains("s3:GetObjekt: unknown action") && evidence.contains("s4:GetObject: unknown service"))
        #expect(byFile["bucket.json"]?.map { $0["control"] as? String } == ["EB-POLICY-002"])
        #expect(byFile["trust.json"]?.map { $0["control"] as? String } == ["EB-IAM-007"])
        let withoutLow = try PolicyCLI.run(["policy", "check", scratch.path("typo.json"), "--fail-on", "medium"])
        #expect(withoutLow.status == 0)
    }

    @Test func malformedFilesAreListedAndSkipped() throws {
        let scratch = try PolicyScratch()
        try scratch.write("good.json", Self.scoped)
        try scratch.write("nested/bad-effect.json", "{\"Version\":\"2012-10-17\",\"Statement\":[\n{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"},\n{\"Effect\":\"Permit\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")
        try scratch.write("syntax.json", "{\"Version\": \"2012-10-17\",\n \"Statement\": [ {\"Effect\": \"Allow\",, }]}")
        try scratch.write("notes.txt", "not json, not checked")
        let result = try PolicyCLI.run(["policy", "check", scratch.folder.path, scratch.path("missing.json"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let problems = try #require(try PolicyCLI.report(result)["inputProblems"] as? [[String: Any]])
        #expect(problems.count == 3)
        let effect = try #require(problems.first { ($0["file"] as? String)?.hasSuffix("nested/bad-effect.json") == true })
        #expect(effect["line"] as? Int == 3)
        #expect((effect["message"] as? String)?.contains("Statement[1].Effect") == true)
        let syntax = try #require(problems.first { ($0["file"] as? String)?.hasSuffix("syntax.json") == true })
        #expect(syntax["line"] as? Int == 2 && syntax["column"] != nil)
        #expect(problems.contains { ($0["message"] as? String) == "no such file or folder" })
        #expect(result.stderr.contains("bad-effect.json:3"))
    }

    @Test func nothingReadableExitsTwo() throws {
        let scratch = try PolicyScratch()
        let bad = try scratch.write("bad.json", "[1, 2")
        let result = try PolicyCLI.run(["policy", "check", bad, scratch.path("absent.json")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.json:1:") && result.stderr.contains("absent.json: no such file or folder"))
        let empty = try PolicyScratch()
        #expect(try PolicyCLI.run(["policy", "check", empty.folder.path]).status == 2)
    }

    @Test func outputFileAndSARIF() throws {
        let scratch = try PolicyScratch()
        let file = try scratch.write("admin.json", Self.admin)
        let output = scratch.path("report.sarif")
        let result = try PolicyCLI.run(["policy", "check", file, "--format", "sarif", "--output", output])
        #expect(result.status == 1 && result.stdout.isEmpty)
        let sarif = try String(contentsOfFile: output, encoding: .utf8)
        #expect(sarif.contains("\"version\" : \"2.1.0\"") && sarif.contains("EB-IAM-003"))
    }
}
