import Foundation
import Testing

/// End-to-end: the built `ebguard` binary, as users and CI scripts call it.
@Suite struct CLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ebguard")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repository.appendingPathComponent(".build/debug/ebguard")
    }

    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A new, empty folder under the system's temporary folder, named after `purpose`.
    static func temporaryFolder(_ purpose: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-\(purpose)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `environment` replaces the `AWS_*` variables of the test process when given.
    func run(_ arguments: [String], in directory: URL = CLITests.repository, environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        // Each run gets its own history store unless the test names one, so tests never share
        // (or write to) the user's store.
        var base = ProcessInfo.processInfo.environment
        base["EBGUARD_STORE"] = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-store-\(UUID().uuidString).sqlite").path
        if let environment {
            base = base.filter { !$0.key.hasPrefix("AWS_") }.merging(environment) { _, new in new }
        }
        process.environment = base
        process.currentDirectoryURL = directory
        // No terminal to answer a confirmation from: commands that ask read end-of-file.
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func helpTeachesExitCodesAndSources() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Exit codes"))
        let audit = try run(["audit", "--help"])
        #expect(audit.stdout.contains("--from-aws-cli") && audit.stdout.contains("--snapshot") && audit.stdout.contains("--fail-on"))
    }

    /// Every command's explanation is laid out to fit an 80-column terminal as written: the text
    /// before `USAGE:` (after the overview) reads the same at 80 columns as at 200, so tables and
    /// examples are never broken in the middle of a line.
    @Test(arguments: [[], ["audit"], ["collect"], ["scan"], ["plan"], ["apply"], ["rollback"], ["history"], ["diff"],
                      ["except"], ["except", "add"], ["reviews"], ["controls"], ["explain"], ["export-commands"],
                      ["policy"], ["policy", "check"], ["policy", "tighten"]])
    func helpFitsAnEightyColumnTerminal(_ command: [String]) throws {
        func discussion(columns: Int) throws -> String {
            let result = try run(command + ["--help"], environment: ["COLUMNS": "\(columns)"])
            #expect(result.status == 0)
            let text = result.stdout
            guard let start = text.range(of: "\n\n"), let end = text.range(of: "USAGE:") else { return "" }
            return String(text[start.upperBound..<end.lowerBound])
        }
        let narrow = try discussion(columns: 80)
        #expect(narrow == (try discussion(columns: 200)), "\(command.joined(separator: " ")): re-wrapped at 80 columns:\n\(narrow)")
        for line in narrow.split(separator: "\n") {
            #expect(line.count <= 80, "\(command.joined(separator: " ")): \(line)")
        }
    }

    @Test func auditOfTheDemoFleetFailsWithJSON() throws {
        let result = try run(["audit", "--from-aws-cli", "examples/demo-fleet", "--format", "json"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["findings"] as? [Any])?.isEmpty == false)
        #expect(!result.stdout.contains("AKIAIOSFODNN7EXAMPLE"))
    }

    @Test func hardenedEnvironmentAloneExitsZero() throws {
        let result = try run(["audit", "--from-aws-cli", "examples/demo-fleet", "--environment", "shop-prod"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("shop-prod — 0 fail"))
    }

    @Test func failOnThresholdChangesTheExitCode() throws {
        let result = try run(["audit", "--from-aws-cli", "examples/demo-fleet", "--environment", "eu-portal-prod", "--fail-on", "critical"])
        #expect(result.status == 0)
        let high = try run(["audit", "--from-aws-cli", "examples/demo-fleet", "--environment", "eu-portal-prod", "--fail-on", "high"])
        #expect(high.status == 1)
    }

    @Test func inputErrorsExitTwoAndNameThePath() throws {
        let missing = try run(["audit", "--from-aws-cli", "/nonexistent/export"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/export"))
        // Without a source, audit reads AWS live; with no credentials it cannot assess (3) and names the offline sources.
        let noSource = try run(["audit"], environment: ["AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
                                                        "AWS_CONFIG_FILE": "/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials"])
        #expect(noSource.status == 3)
        #expect(noSource.stderr.contains("--from-aws-cli"))
        let badFlag = try run(["audit", "--no-such-flag"])
        #expect(badFlag.status == 2)
        let unknownControl = try run(["explain", "EB-XYZ-999"])
        #expect(unknownControl.status == 2)
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-\(UUID().uuidString).yml")
        try "minimumLogRetention: 30\n".write(to: config, atomically: true, encoding: .utf8)
        let badConfig = try run(["audit", "--from-aws-cli", "examples/demo-fleet", "--config", config.path])
        #expect(badConfig.status == 2)
        #expect(badConfig.stderr.contains("unknown setting 'minimumLogRetention'"))
    }

    @Test func snapshotRoundTripThroughTheCLI() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-\(UUID().uuidString).json").path
        let collect = try run(["collect", "--from-aws-cli", "examples/demo-fleet", "-o", path])
        #expect(collect.status == 0)
        #expect(collect.stderr.contains("sha256"))
        let fromExport = try run(["audit", "--from-aws-cli", "examples/demo-fleet", "--format", "json"])
        let fromSnapshot = try run(["audit", "--snapshot", path, "--format", "json"])
        func verdicts(_ text: String) throws -> [String] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return (json["findings"] as? [[String: Any]] ?? []).map { "\($0["control"] ?? "") \(($0["resource"] as? [String: Any])?["environment"] ?? "") \($0["verdict"] ?? "")" }
        }
        #expect(try verdicts(fromExport.stdout) == verdicts(fromSnapshot.stdout))
    }

    @Test func catalogListingIsGeneratedFromTheDeclarations() throws {
        let result = try run(["controls", "--format", "json"])
        let controls = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(controls.count == 55)
        #expect(controls.allSatisfy { ($0["remediation"] as? [String: Any])?["summary"] != nil && ($0["references"] as? [Any])?.isEmpty == false })
        let explain = try run(["explain", "eb-run-001"])
        #expect(explain.status == 0 && explain.stdout.contains("DisableIMDSv1"))
    }

    @Test func exportScriptOnlyReads() throws {
        let result = try run(["export-commands", "--region", "us-east-1", "--region", "eu-west-1", "--profile", "audit"])
        #expect(result.status == 0)
        let operations = result.stdout.split(separator: "\n").flatMap { line -> [String] in
            let words = line.split(separator: " ").map(String.init)
            return words.indices.compactMap { index -> String? in
                guard ["$G", "$R"].contains(words[index]), index + 2 < words.count else { return nil }
                return words[index + 2]
            }
        }
        #expect(operations.count > 30)
        let writes = operations.filter { op in !["describe-", "get-", "list-", "lookup-"].contains { op.hasPrefix($0) } }
        #expect(writes.isEmpty, "non-read operations: \(writes)")
        #expect(result.stdout.contains("--profile 'audit'") && result.stdout.contains("--region eu-west-1"))
    }
}
