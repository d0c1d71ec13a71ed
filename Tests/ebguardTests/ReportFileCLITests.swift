import Foundation
import Testing

/// How `--output FILE` replaces a report: whole, in place of the old one, with nothing left beside it.
@Suite struct ReportFileCLITests {
    let cli = CLITests()

    func scratchFolder() throws -> URL { try CLITests.temporaryFolder("report") }

    @Test func anOldReportIsReplacedAndNothingIsLeftBeside() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json")
        try Data("an older report".utf8).write(to: report)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: report.path)
        let result = try cli.run(["audit", "--from-aws-cli", "examples/demo-fleet", "--environment", "shop-prod",
                                  "--format", "json", "--no-store", "--output", report.path])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        #expect(written?["schemaVersion"] as? Int == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
        let permissions = try FileManager.default.attributesOfItem(atPath: report.path)[.posixPermissions] as? Int
        #expect(permissions == 0o640)
    }

    @Test func aNewReportIsCreated() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("new.json")
        let result = try cli.run(["audit", "--from-aws-cli", "examples/demo-fleet", "--environment", "shop-prod",
                                  "--format", "json", "--no-store", "--output", report.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["new.json"])
        #expect(try Data(contentsOf: report).starts(with: Data("{".utf8)))
    }

    /// A run that cannot produce its report leaves the previous one as it was.
    @Test func aFailedRunKeepsTheOldReport() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json")
        try Data("an older report".utf8).write(to: report)
        let result = try cli.run(["audit", "--from-aws-cli", "examples/demo-fleet", "--control", "EB-NOPE-999",
                                  "--format", "json", "--no-store", "--output", report.path])
        #expect(result.status == 2)
        #expect(try String(contentsOf: report, encoding: .utf8) == "an older report")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }
}
