import Foundation
import Testing

/// Paths and process helpers shared by the SigV4 tests.
enum TestSupport {
    /// The package root, found from this file's location (tests do not rely on the working directory).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `scripts/sigv4` in the package.
    static let scriptsDirectory = packageRoot.appendingPathComponent("scripts/sigv4")

    /// The first executable `python3` on `PATH`, or `nil`.
    static func findPython() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program on a GCD thread (not the cooperative pool, which other tests need) and
    /// returns its exit status, standard output and standard error.
    static func runInBackground(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, stdout: Data, stderr: Data) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(executable, arguments) })
            }
        }
    }

    /// Runs a program and returns its exit status, standard output and standard error (blocking).
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain stderr concurrently so a chatty child cannot block on a full pipe.
        let errBox = DataBox()
        let errThread = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errBox.isDone { Thread.sleep(forTimeInterval: 0.01) }
        return (process.terminationStatus, stdout, errBox.data)
    }
}

/// A write-once box for data read on another thread.
final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Data()
    private var done = false
    var data: Data {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; done = true; lock.unlock() }
    }
    var isDone: Bool { lock.lock(); defer { lock.unlock() }; return done }
}
