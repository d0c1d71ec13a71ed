import AWSWire
import Foundation
import Remediation
import SimulatedCloudSupport
import Testing

/// The two ways to audit an account agree: `ebguard audit --from-aws-cli` on the folder made by
/// the script `ebguard export-commands` prints (run with the real AWS CLI), and `ebguard audit
/// --region …` reading the same simulated account live. Both map answers with the same code by
/// construction; this proves it end to end, including the script itself (its commands, its
/// arguments, which environments it lists) and the file-name conventions the importer relies on.
///
/// One test on purpose: one server, one seeding and one export (the export dominates: every AWS
/// CLI call costs about half a second of Python start-up) serve every check.
@Suite(.serialized) struct ExportParityTests {
    let cli = CLITests()

    /// Seed profiles chosen because they read different APIs: RDS instances and parameter groups
    /// (`hardened`, `public-db`), crafted CloudTrail events (`root-activity`), no load balancer
    /// (`worker`), secrets in properties and a deprecated platform (`admin-public`), an older
    /// version in a branch (`stale-platform`), a retired branch and the default VPC
    /// (`wildcard-default-vpc`). Regions alternate, so the well-run and the neglected region both
    /// hold several. One more environment (`hardened` again, in eu-west-1) is seeded, then
    /// terminated: it must be in neither audit. Seven profiles, not all eighteen: the export makes
    /// ~10 AWS CLI calls per environment at ~0.5 s of CPU each, on two cores.
    static let profiles = ["hardened", "stale-platform", "public-db", "admin-public", "root-activity", "wildcard-default-vpc", "worker"]

    /// What must agree between the two sources for each finding.
    struct Key: Hashable, Comparable, CustomStringConvertible {
        var control: String
        var type: String
        var id: String
        var environment: String
        var verdict: String

        /// The finding without its verdict: the same check of the same resource in both reports.
        var subject: String { "\(control) \(type) \(id)\(environment.isEmpty ? "" : " (\(environment))")" }
        var description: String { "\(subject): \(verdict)" }
        static func < (a: Key, b: Key) -> Bool { (a.subject, a.verdict) < (b.subject, b.verdict) }
    }

    /// A difference set aside from the main comparison: only the findings of `control` that
    /// `applies` accepts (never a whole layer or resource type), with the reason.
    ///
    /// - `limitation`: one source cannot avoid it (e.g. an API the export script does not call);
    ///   those findings are not compared. None is known today.
    /// - `pendingFix`: a bug whose fix is in code being changed elsewhere; those findings are
    ///   compared on their own inside `withKnownIssue`, so once the fix lands the test fails
    ///   ("known issue was not recorded") until the entry is removed.
    ///
    /// An entry whose findings no longer differ fails the test, so the list cannot go stale.
    struct SetAside: Sendable {
        enum Kind: Sendable { case limitation, pendingFix }

        var control: String
        var kind: Kind
        var reason: String
        var applies: @Sendable (Report.Finding, FleetManifest) -> Bool
    }

    static let setAside: [SetAside] = [
    ]

    /// The parts of the JSON report (docs/json-report.md) the comparison reads.
    struct Report: Decodable {
        struct Finding: Decodable, Sendable {
            struct Resource: Decodable, Sendable {
                var type: String?
                var id: String?
                var name: String?
                var environment: String?
            }

            var control: String
            var verdict: String
            var resource: Resource
            var reason: String?
            var evidence: [String]?

            var key: Key {
                Key(control: control, type: resource.type ?? "", id: resource.id ?? resource.name ?? "", environment: resource.environment ?? "", verdict: verdict)
            }

            var explanation: String { reason ?? (evidence ?? []).prefix(2).joined(separator: "; ") }
        }

        struct Gap: Decodable {
            var fact: String
            var operation: String
            var resource: String?
            var reason: String
        }

        struct Problem: Decodable {
            var file: String
            var message: String
        }

        var findings: [Finding]
        var gaps: [Gap]?
        var inputProblems: [Problem]?
    }

    /// The time limit only catches a hang: the test takes about 2.5 minutes on an idle 2-core
    /// machine and over 6 when other builds share it.
    @Test(.timeLimit(.minutes(8))) func exportAndLiveAuditAgree() async throws {
        let aws = try await offload { try AWSCLI.locate() }
        let cloud = try await offload { try SimulatedCloud.start() }
        defer { cloud.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ebguard-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let manifestPath = directory.appendingPathComponent("fleet.json").path
        let profiles = Self.profiles
        let manifest = try await offload { try cloud.seed(count: profiles.count + 1, manifest: manifestPath, profiles: profiles) }
        let regions = manifest.regions
        #expect(regions.count == 2 && Set(manifest.environments.map(\.region)) == Set(regions))
        let terminated = try #require(manifest.environments.last)
        let expected = Set(manifest.environments.dropLast().map(\.name))

        let environment = try aws.environment(for: cloud, in: directory)
        try await terminate(terminated, cloud: cloud, environment: environment)
        let config = directory.appendingPathComponent("ebguard.yml")
        try Self.configuration(manifest).write(to: config, atomically: true, encoding: .utf8)

        // The export: the printed script, run by the AWS CLI against the simulated account.
        let regionArguments = regions.flatMap { ["--region", $0] }
        let printed = try await run(["export-commands"] + regionArguments, environment: cloud.clientEnvironment())
        #expect(printed.status == 0, "\(printed.stderr)")
        let script = directory.appendingPathComponent("export.sh")
        try printed.stdout.write(to: script, atomically: true, encoding: .utf8)
        let folder = directory.appendingPathComponent("export").path
        let exported = try await offload { SimulatedCloud.run(["bash", script.path, folder], environment: environment) }
        let failedCalls = Self.failedCalls(exported.output)
        #expect(exported.status == 0 && failedCalls.isEmpty, "the export script (\(aws.version)) reported \(failedCalls.count) failed calls:\n\(failedCalls.joined(separator: "\n"))")

        let common = ["--format", "json", "--no-store", "--config", config.path]
        let fromExport = try await audit(["audit", "--from-aws-cli", folder] + common, cloud: cloud, label: "export")
        let live = try await audit(["audit"] + regionArguments + common, cloud: cloud, label: "live")

        // Both sources saw everything they should: no gaps, no unreadable files, the same environments.
        for (label, report) in [("export", fromExport), ("live", live)] {
            #expect((report.gaps ?? []).isEmpty, "\(label) gaps: \((report.gaps ?? []).map { "\($0.fact) \($0.operation) \($0.resource ?? "") \($0.reason)" })")
            #expect((report.inputProblems ?? []).isEmpty, "\(label) input problems: \((report.inputProblems ?? []).map { "\($0.file): \($0.message)" })")
            let environments = Set(report.findings.compactMap(\.resource.environment))
            #expect(environments == expected, "\(label) audited \(environments.sorted()), the fleet (without the terminated \(terminated.name)) is \(expected.sorted())")
        }
        let comparison = Self.compare(export: fromExport.findings, live: live.findings, manifest: manifest)
        #expect(comparison.differences.isEmpty,
                "\(comparison.differences.count) differences between the export and the live audit:\n\(comparison.differences.prefix(80).joined(separator: "\n"))")
        #expect(comparison.stale.isEmpty, "\(comparison.stale.joined(separator: "\n"))")
        #expect(fromExport.findings.count == live.findings.count, "export \(fromExport.findings.count) findings, live \(live.findings.count)")
        for (entry, lines) in comparison.pending {
            withKnownIssue("\(entry.control): \(entry.reason)") {
                #expect(lines.isEmpty, "\(lines.count) differences:\n\(lines.joined(separator: "\n"))")
            }
        }
    }

    /// The script's `ebguard export: COMMAND : ERROR` reports, each with the CLI's error text
    /// (which goes on over the following lines).
    static func failedCalls(_ output: String) -> [String] {
        var calls: [String] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("ebguard export:") {
                calls.append(line)
            } else if !calls.isEmpty, !line.hasPrefix("export written to") {
                calls[calls.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        return calls
    }

    /// The comparison: differences outside every set-aside entry, differences of each pending
    /// fix, and the entries whose findings no longer differ.
    struct Comparison {
        var differences: [String] = []
        var pending: [(SetAside, [String])] = []
        var stale: [String] = []
    }

    static func compare(export: [Report.Finding], live: [Report.Finding], manifest: FleetManifest) -> Comparison {
        func entry(_ finding: Report.Finding) -> Int? {
            setAside.indices.first { setAside[$0].control == finding.control && setAside[$0].applies(finding, manifest) }
        }
        var comparison = Comparison(differences: differences(export.filter { entry($0) == nil }, live.filter { entry($0) == nil }))
        for index in setAside.indices {
            let lines = differences(export.filter { entry($0) == index }, live.filter { entry($0) == index })
            switch setAside[index].kind {
            case .limitation:
                if lines.isEmpty { comparison.stale.append("\(setAside[index].control) no longer differs, remove it from setAside (\(setAside[index].reason))") }
            case .pendingFix:
                comparison.pending.append((setAside[index], lines))
            }
        }
        return comparison
    }

    /// Every (control, resource, environment, verdict) present in one list and not the other,
    /// one line per subject with both verdicts and why each source decided so.
    static func differences(_ export: [Report.Finding], _ live: [Report.Finding]) -> [String] {
        let differing = Set(export.map(\.key)).symmetricDifference(Set(live.map(\.key)))
        return Set(differing.map(\.subject)).sorted().map { subject in
            func side(_ findings: [Report.Finding]) -> String {
                let matching = findings.filter { $0.key.subject == subject }
                if matching.isEmpty { return "no finding" }
                return matching.map { "\($0.verdict) (\($0.explanation))" }.sorted().joined(separator: ", ")
            }
            return "\(subject): export \(side(export)) | live \(side(live))"
        }
    }

    /// The settings the live fleet test uses (`SeededFleetTests.settings`), as `ebguard.yml`.
    static func configuration(_ manifest: FleetManifest) -> String {
        func list(_ values: [String]) -> String { "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return """
            operatorRoles: \(list(manifest.allowList.operatorRole.map { [$0] } ?? []))
            allowedPrincipals: \(list(manifest.allowList.principals))
            allowedSourceCIDRs: \(list(manifest.allowList.cidrs))

            """
    }

    /// Terminates the spare environment with the AWS CLI and waits until DescribeEnvironments
    /// reports it Terminated (before that, both sources would list it, or only the later one not).
    func terminate(_ entry: FleetManifest.Entry, cloud: SimulatedCloud, environment: [String: String]) async throws {
        let result = try await offload {
            SimulatedCloud.run(["aws", "--region", entry.region, "elasticbeanstalk", "terminate-environment", "--environment-name", entry.name], environment: environment)
        }
        try #require(result.status == 0, "terminate-environment: \(result.output.suffix(500))")
        let api = AWSEnvironmentAPI(client: try AWSClient.make(region: entry.region, environment: cloud.clientEnvironment(region: entry.region)))
        let deadline = Date().addingTimeInterval(30)
        while try await api.environment(named: entry.name) != nil {
            try #require(Date() < deadline, "\(entry.name) was not Terminated within 30 s")
            try await Task.sleep(nanoseconds: 100_000_000)
        }
    }

    /// Runs the CLI off the cooperative pool.
    func run(_ arguments: [String], environment: [String: String]) async throws -> CLITests.Run {
        let cli = self.cli
        return try await offload { try cli.run(arguments, environment: environment) }
    }

    /// One audit as a decoded report; exit code 1 because the fleet is built to fail controls
    /// (2 or 3 would mean bad input or an incomplete read).
    func audit(_ arguments: [String], cloud: SimulatedCloud, label: String) async throws -> Report {
        let result = try await run(arguments, environment: cloud.clientEnvironment())
        #expect(result.status == 1, "\(label) audit exited \(result.status): \(result.stderr.suffix(1500))")
        do {
            return try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        } catch {
            Issue.record("\(label) audit printed no JSON report (\(error)): \(result.stdout.prefix(300)) \(result.stderr.suffix(800))")
            throw error
        }
    }
}

/// The AWS CLI the export script runs (`pip install -r requirements-test.txt` installs v1), and
/// the environment that points it at the simulated cloud.
struct AWSCLI {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// Absolute path of `aws`.
    var path: String
    /// `aws --version`, for messages.
    var version: String

    static func locate() throws -> AWSCLI {
        let found = SimulatedCloud.run(["sh", "-c", "command -v aws"])
        let path = found.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let version = SimulatedCloud.run(["aws", "--version"])
        guard found.status == 0, !path.isEmpty, version.status == 0 else {
            throw Missing(description: """
                the export parity test runs the AWS CLI, which is not installed or does not start \
                (install it with `pip install -r requirements-test.txt`): \(version.output.suffix(300))
                """)
        }
        return AWSCLI(path: path, version: version.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `cloud.clientEnvironment()` plus two things the v1 CLI needs to reach a local endpoint.
    ///
    /// The CLI honours `AWS_ENDPOINT_URL` (botocore ≥ 1.31: "Found endpoint … via
    /// environment_global"), except where awscli's own customization `overridesslcommonname`
    /// pins an endpoint whenever `--endpoint-url` is not given: RDS, DocumentDB and Neptune in
    /// us-east-1 go to `https://rds.amazonaws.com` (also SQS, EMR and Health in most regions),
    /// whatever `AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_RDS` or a config file's `endpoint_url` say.
    /// Only the command-line flag wins, so `aws` is wrapped (first on `PATH`) to add it.
    ///
    /// S3 Control's endpoint rules put the account id in front of any custom endpoint's host
    /// (`123456789012.127.0.0.1:PORT`), which does not resolve. The simulated cloud is therefore
    /// also named as the CLI's HTTP proxy: the request reaches it in absolute form, which
    /// Werkzeug serves like any other (the host is ignored, the path and signature route it).
    func environment(for cloud: SimulatedCloud, in directory: URL) throws -> [String: String] {
        let bin = directory.appendingPathComponent("aws-bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let wrapper = bin.appendingPathComponent("aws")
        let quoted = "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        try "#!/bin/sh\nexec \(quoted) --endpoint-url \"$AWS_ENDPOINT_URL\" \"$@\"\n".write(to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        var environment = cloud.clientEnvironment()
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["HTTP_PROXY"] = cloud.endpoint
        return environment
    }
}
