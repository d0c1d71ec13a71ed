import AsyncHTTPClient
import Foundation
import Testing
@testable import AWSWire

/// Runs `python3 -m moto.server` on a loopback port for the duration of a test.
final class MotoServer: @unchecked Sendable {
    let process = Process()
    let port: Int

    init() throws {
        guard let python = MotoServer.findPython() else { throw MotoError("python3 is not on PATH (moto==5.2.1 is required)") }
        port = Int.random(in: 30_000...45_000)
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Waits until moto answers, or throws after `timeout` seconds.
    func waitUntilReady(timeout: TimeInterval = 30) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else { throw MotoError("moto.server exited (status \(process.terminationStatus)); is moto installed?") }
            let probe = HTTPClientRequest(url: url + "/moto-api/")
            if let response = try? await HTTPClient.shared.execute(probe, timeout: .seconds(1)), response.status == .ok { return }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        throw MotoError("moto.server did not answer within \(Int(timeout)) s")
    }

    func stop() {
        // moto.server (werkzeug) ignores SIGTERM; SIGKILL is the only reliable stop.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    static func findPython() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct MotoError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}

@Suite("Integration against moto", .serialized)
struct MotoIntegrationTests {
    @Test func readOnlyCallsAgainstMoto() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        try await moto.waitUntilReady()
        let env = [
            "AWS_ACCESS_KEY_ID": "AKIAMOTOTESTKEY00", "AWS_SECRET_ACCESS_KEY": "motoSecret", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": moto.url, "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let counter = AWSCallCounter()
        let client = try AWSClient.make(environment: env) { $0.hook = counter.hook }

        let identity = try await client.call(AWSOperation(.sts, "GetCallerIdentity"))
        #expect(identity.result?.string("Account")?.count == 12)

        let groups = try await client.call(AWSOperation(.ec2, "DescribeSecurityGroups"))
        #expect(groups.result?.list("securityGroupInfo").contains { $0.string("groupName") == "default" } == true)

        var roles = 0
        for try await page in client.pages(AWSOperation(.iam, "ListRoles"), ["MaxItems": 50]) {
            roles += page.result?.list("Roles").count ?? 0
        }
        #expect(roles >= 0)

        let environments = try await client.call(AWSOperation(.elasticBeanstalk, "DescribeEnvironments"))
        #expect(environments.result?.list("Environments") == [])

        let keys = try await client.call(AWSOperation(.kms, "ListKeys"))
        #expect(keys.json?["Keys"] != nil)

        let buckets = try await client.rest(AWSOperation(.s3, "ListBuckets"), RESTRequest())
        #expect(buckets.xml?.name == "ListAllMyBucketsResult")

        let missing = AWSOperation(.iam, "GetRole")
        await #expect(throws: AWSError.self) { try await client.call(missing, ["RoleName": "does-not-exist"]) }
        do { _ = try await client.call(missing, ["RoleName": "does-not-exist"]) } catch let error as AWSError {
            guard case .notFound = error else { Issue.record("expected notFound, got \(error)"); return }
        }
        await #expect(throws: AWSError.readOnlyViolation(operation: AWSOperation(.iam, "CreateRole"))) {
            try await client.call(AWSOperation(.iam, "CreateRole"), ["RoleName": "x", "AssumeRolePolicyDocument": "{}"])
        }
        #expect(counter.byService["iam"] == 3)  // ListRoles + 2×GetRole; CreateRole never left the process
        #expect(counter.total == 8)  // sts, ec2, iam×3, elasticbeanstalk, kms, s3
    }
}
