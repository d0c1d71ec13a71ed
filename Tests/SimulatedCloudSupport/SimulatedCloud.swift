import Foundation

/// The project's simulated cloud (`scripts/simulated-cloud 0`) as a child process of a test.
///
/// `start()` fails (never skips) with a clear message when python3 or moto are missing;
/// `stop()` is idempotent and is called from a `defer` so the server never outlives the test.
public final class SimulatedCloud: @unchecked Sendable {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    public let endpoint: String
    private let child: Process

    private init(endpoint: String, child: Process) {
        self.endpoint = endpoint
        self.child = child
    }

    /// Starts the server and waits for its `listening on http://127.0.0.1:PORT` line.
    /// `environment` adds variables for the server (e.g. `SIMCLOUD_EB_UPDATE_DELAY`).
    public static func start(timeout: TimeInterval = 60, environment: [String: String] = [:]) throws -> SimulatedCloud {
        let check = run(["python3", "-c", "import moto, boto3, werkzeug"])
        guard check.status == 0 else {
            throw Unavailable(description: """
                the simulated cloud needs python3 with moto and boto3 (install them with `pip install -r requirements-test.txt`): \
                \(check.output.trimmingCharacters(in: .whitespacesAndNewlines).suffix(300))
                """)
        }
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/simulated-cloud")
        process.arguments = ["0"]
        process.currentDirectoryURL = root
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = pipe.fileHandleForReading
        var buffer = Data()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, process.isRunning {
            let chunk = handle.availableData
            if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.05); continue }
            buffer += chunk
            if let text = String(data: buffer, encoding: .utf8), let line = text.split(separator: "\n").first, text.contains("\n") {
                guard let range = line.range(of: "http://127.0.0.1:") else { break }
                return SimulatedCloud(endpoint: String(line[range.lowerBound...]).trimmingCharacters(in: .whitespaces), child: process)
            }
        }
        if process.isRunning { process.terminate() }
        throw Unavailable(description: "the simulated cloud did not print its address (got: \(String(decoding: buffer, as: UTF8.self).prefix(200)))")
    }

    /// Stops the server (SIGTERM, then SIGKILL after 5 s).
    public func stop() {
        guard child.isRunning else { return }
        child.terminate()
        let deadline = Date().addingTimeInterval(5)
        while child.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if child.isRunning { kill(child.processIdentifier, SIGKILL) }
        child.waitUntilExit()
    }

    deinit { stop() }

    /// The process environment a client needs to talk to this cloud with fake credentials.
    public func clientEnvironment(region: String = "us-east-1") -> [String: String] {
        [
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "simcloud-test-secret",
            "AWS_REGION": region,
            "AWS_CONFIG_FILE": NSTemporaryDirectory() + "ebguard-no-such-dir/config",
            "AWS_SHARED_CREDENTIALS_FILE": NSTemporaryDirectory() + "ebguard-no-such-dir/credentials",
            "AWS_EC2_METADATA_DISABLED": "true",
            "HOME": NSTemporaryDirectory(),
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }

    /// Seeds a fleet with `scripts/seed-fleet` and returns its manifest. `profiles` (seed profile
    /// names) makes environment `i` the `i mod n`-th of them, so a small fleet covers chosen cases;
    /// empty means every profile in turn.
    public func seed(count: Int, manifest path: String, profiles: [String] = []) throws -> FleetManifest {
        var arguments = [Self.root.appendingPathComponent("scripts/seed-fleet").path, "--endpoint", endpoint, "--count", "\(count)", "--manifest", path]
        if !profiles.isEmpty { arguments += ["--profiles", profiles.joined(separator: ",")] }
        let result = Self.run(arguments)
        guard result.status == 0 else { throw Unavailable(description: "seed-fleet failed: \(result.output.suffix(800))") }
        return try JSONDecoder().decode(FleetManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    // MARK: Private API

    /// `GET /_simcloud/requests`: every call the cloud answered.
    public func requests() throws -> [LoggedRequest] {
        try JSONDecoder().decode([LoggedRequest].self, from: Data(curl("GET", "/_simcloud/requests").utf8))
    }

    public func clearRequests() { _ = curl("DELETE", "/_simcloud/requests") }

    /// `POST /_simcloud/faults` with a JSON list of fault specs.
    public func addFaults(_ json: String) { _ = curl("POST", "/_simcloud/faults", body: json) }

    public func clearFaults() { _ = curl("DELETE", "/_simcloud/faults") }

    public func curl(_ method: String, _ path: String, body: String? = nil) -> String {
        var arguments = ["curl", "-s", "-X", method, endpoint + path]
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        return Self.run(arguments).output
    }

    /// Runs a command, returning its exit status and combined output.
    @discardableResult
    public static func run(_ arguments: [String], environment: [String: String]? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = root
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// One entry of the simulated cloud's request log.
public struct LoggedRequest: Decodable, Sendable {
    public var service: String?
    public var operation: String?
    public var method: String?
    public var region: String?
}

/// The manifest `scripts/seed-fleet` writes: each environment with the controls it must fail and pass.
public struct FleetManifest: Decodable, Sendable {
    public struct AllowList: Decodable, Sendable {
        public var principals: [String]
        public var cidrs: [String]
        public var operatorRole: String?
    }

    public struct Entry: Decodable, Sendable {
        public var name: String
        public var region: String
        public var profile: String
        public var hardened: Bool
        public var violations: [String]
        public var passes: [String]
    }

    public var account: String
    public var regions: [String]
    public var allowList: AllowList
    public var environments: [Entry]
}

/// Runs blocking work (starting the server, seeding, waiting for a child process) on a GCD
/// thread, so async tests never hold the few threads of Swift's cooperative pool while they
/// wait; with two cores a blocked pool would stall every other test in the run.
public func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try body() })
        }
    }
}
