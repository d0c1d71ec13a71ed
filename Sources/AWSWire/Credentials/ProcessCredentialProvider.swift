import Foundation
import SigV4

/// `credential_process`: runs a command that prints credentials as JSON (Version 1).
///
/// The command runs with a timeout and bounded output. Its stderr is never passed on in full:
/// only its first line, cut to 120 characters, appears in errors, since helper tools sometimes
/// print tokens there.
public struct ProcessCredentialProvider: CredentialProvider {
    public let name: String
    let command: String
    let environment: [String: String]
    let timeout: TimeInterval

    /// Creates a provider for a `credential_process` command line.
    public init(command: String, environment: [String: String], timeout: TimeInterval = 30, profile: String = "default") {
        self.command = command
        self.environment = environment
        self.timeout = timeout
        self.name = "profile \(profile): credential_process"
    }

    public func credentials() async throws -> AWSCredentials {
        let argv = Self.split(command)
        guard let program = argv.first else { throw AWSError.credentials("\(name): empty command") }
        guard let executable = Self.locate(program, path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") else {
            throw AWSError.credentials("\(name): '\(program)' not found")
        }
        let result = try await ProcessRunner.run(executable: executable, arguments: Array(argv.dropFirst()), environment: environment,
                                                 timeout: timeout, maxOutput: 1 << 20)
        guard !result.timedOut else { throw AWSError.credentials("\(name): timed out after \(Int(timeout)) s") }
        guard result.status == 0 else {
            throw AWSError.credentials("\(name): exit status \(result.status)\(Self.stderrSummary(result.stderr))")
        }
        return try Self.decode(result.stdout, source: name)
    }

    /// Parses the Version 1 JSON document.
    static func decode(_ bytes: [UInt8], source: String) throws -> AWSCredentials {
        guard let json = try? JSONValue.parse(bytes) else { throw AWSError.credentials("\(source): output is not JSON") }
        guard json["Version"]?.int == 1 else { throw AWSError.credentials("\(source): unsupported Version (expected 1)") }
        guard let id = json["AccessKeyId"]?.string, let secret = json["SecretAccessKey"]?.string, !id.isEmpty, !secret.isEmpty else {
            throw AWSError.credentials("\(source): output lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: Date?
        if let text = json["Expiration"]?.string {
            guard let date = AWSDateParser.iso8601(text) else { throw AWSError.credentials("\(source): unreadable Expiration") }
            expiration = date
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: json["SessionToken"]?.string, expiration: expiration)
    }

    static func stderrSummary(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        let first = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let cut = first.count > 120 ? String(first.prefix(120)) + "…" : first
        return "; stderr (\(bytes.count) bytes) begins: \(cut)"
    }

    /// POSIX-shell-like word splitting (quotes and backslashes), as botocore's `shlex.split`.
    static func split(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in command {
            if escaped {
                current.append(ch)
                escaped = false
                inWord = true
            } else if ch == "\\" && quote != "'" {
                escaped = true
            } else if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    static func locate(_ program: String, path: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(program)") {
            return "\(dir)/\(program)"
        }
        return nil
    }
}

/// Runs a child process with a timeout and bounded output capture.
enum ProcessRunner {
    struct Result: Sendable {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        var timedOut: Bool
    }

    static func run(executable: String, arguments: [String], environment: [String: String], timeout: TimeInterval, maxOutput: Int) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let state = RunState()
        process.terminationHandler = { p in state.finish(status: p.terminationStatus) }
        do {
            try process.run()
        } catch {
            throw AWSError.credentials("cannot start \(executable): \(error.localizedDescription)")
        }
        // Blocking pipe reads run on GCD threads: on the cooperative pool they could starve the
        // timer below on a small machine.
        let outReader = BackgroundRead(out.fileHandleForReading, max: maxOutput)
        let errReader = BackgroundRead(err.fileHandleForReading, max: 64 << 10)
        let timer = Task {
            try? await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
            if state.markTimedOutIfRunning() {
                kill(process.processIdentifier, SIGKILL)  // a hung helper gets no grace period
            }
        }
        let status = await state.wait()
        timer.cancel()
        if state.timedOut { return Result(status: status, stdout: [], stderr: [], timedOut: true) }
        return Result(status: status, stdout: await outReader.value(), stderr: await errReader.value(), timedOut: false)
    }

    /// Reads to end of file but keeps at most `max` bytes (the rest is drained and dropped).
    static func readBounded(_ handle: FileHandle, max: Int) -> [UInt8] {
        var kept: [UInt8] = []
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            if kept.count < max { kept.append(contentsOf: chunk.prefix(max - kept.count)) }
        }
        return kept
    }

    /// Reads a pipe to its end on a GCD thread and hands the bytes to one async waiter.
    final class BackgroundRead: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8]?
        private var waiter: CheckedContinuation<[UInt8], Never>?

        init(_ handle: FileHandle, max: Int) {
            DispatchQueue.global().async { [self] in
                let data = readBounded(handle, max: max)
                lock.lock()
                if let waiter {
                    self.waiter = nil
                    lock.unlock()
                    waiter.resume(returning: data)
                } else {
                    bytes = data
                    lock.unlock()
                }
            }
        }

        func value() async -> [UInt8] {
            await withCheckedContinuation { c in
                lock.lock()
                if let bytes {
                    lock.unlock()
                    c.resume(returning: bytes)
                } else {
                    waiter = c
                    lock.unlock()
                }
            }
        }
    }

    /// Exit status, timeout flag and the waiter, behind a lock (the termination handler runs on
    /// an arbitrary thread).
    final class RunState: @unchecked Sendable {
        private let lock = NSLock()
        private var status: Int32?
        private var waiter: CheckedContinuation<Int32, Never>?
        private var didTimeOut = false

        var timedOut: Bool { lock.lock(); defer { lock.unlock() }; return didTimeOut }

        func finish(status: Int32) {
            lock.lock()
            guard self.status == nil else {
                lock.unlock()
                return
            }
            self.status = status
            let w = waiter
            waiter = nil
            lock.unlock()
            w?.resume(returning: status)
        }

        /// Marks the run as timed out and releases the waiter at once (without waiting for the
        /// child to be reaped). Returns `false` if the child already exited.
        func markTimedOutIfRunning() -> Bool {
            lock.lock()
            guard status == nil, !didTimeOut else {
                lock.unlock()
                return false
            }
            didTimeOut = true
            let w = waiter
            waiter = nil
            lock.unlock()
            w?.resume(returning: -1)
            return true
        }

        func wait() async -> Int32 {
            await withCheckedContinuation { c in
                lock.lock()
                if let status {
                    lock.unlock()
                    c.resume(returning: status)
                } else if didTimeOut {
                    lock.unlock()
                    c.resume(returning: -1)
                } else {
                    waiter = c
                    lock.unlock()
                }
            }
        }
    }
}
