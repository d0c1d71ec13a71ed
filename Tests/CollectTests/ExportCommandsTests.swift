import Foundation
import Testing
@testable import Collect

/// The export script's shape, without AWS: the end-to-end proof that it exports what a live audit
/// reads is `ExportParityTests` (ebguardTests); these pin the fixes it found, in milliseconds.
@Suite struct ExportCommandsTests {
    let script = ExportCommands.script(regions: ["us-east-1", "eu-west-1"], profile: "audit ops", lookbackDays: 30)

    @Test func scriptIsValidBash() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-export-\(UUID().uuidString).sh")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", "-n", file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "bash -n: \(message)")
    }

    /// The CLI's shorthand parser rejects `Operator==` ("Expected: ',', received: '='"), so the
    /// platform versions file was never written; the JSON form parses in CLI v1 and v2.
    @Test func platformVersionFilterIsJSON() throws {
        let line = try #require(script.split(separator: "\n").first { $0.contains("list-platform-versions") })
        #expect(!line.contains("Operator=="))
        let json = try #require(line.range(of: "--filters '").map { line[$0.upperBound...].prefix { $0 != "'" } })
        let filters = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(filters.first?["Type"] as? String == "PlatformStatus" && filters.first?["Operator"] as? String == "=")
        #expect(filters.first?["Values"] as? [String] == ["Ready"])
    }

    /// Like the live collector (`IncludeDeleted: false`): the CLI's default also lists environments
    /// terminated within the hour, whose settings and resources can no longer be read.
    @Test func environmentsAreListedWithoutDeletedOnes() {
        let calls = script.split(separator: "\n").filter { $0.contains("describe-environments") }
        #expect(calls.count == 4)  // per region: the file and one query of every column the loops need
        #expect(calls.allSatisfy { $0.contains("--no-include-deleted") })
    }

    /// Rows are split on tabs only: application names and platform ARNs may hold spaces.
    @Test func environmentRowsSplitOnTabs() {
        #expect(script.contains("while IFS=$'\\t' read -r app env arn platform; do"))
        #expect(script.contains("cut -f4 <<< \"$ENVS\""))
    }

    /// Regions run concurrently and the script waits for all of them before it says it is done.
    @Test func regionsRunInTheBackgroundAndAreAwaited() throws {
        let lines = script.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0 == "(" }.count == 2 && lines.filter { $0 == ") &" }.count == 2)
        let wait = try #require(lines.lastIndex(of: "wait"))
        let done = try #require(lines.firstIndex { $0.contains("export written to") })
        #expect(wait < done && lines.lastIndex(of: ") &")! < wait)
        #expect(script.contains("--start-time \"$START\"") && script.contains("-v-30d") && script.contains("-d '-30 days'"))
        #expect(script.contains("--profile 'audit ops'"))
    }
}
