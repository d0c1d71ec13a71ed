import Foundation

/// Where a report is written piece by piece: standard output, or a file replaced whole.
///
/// Why: a JSON report of 10,000 environments runs to hundreds of megabytes; it is written as it
/// is rendered instead of assembled in memory first. A file report goes to a temporary file next
/// to the destination and is moved into place at the end (see `replace`), so a failed run never
/// leaves half a report behind and keeps the previous one. Destinations that are not regular
/// files (`/dev/stdout`, a pipe) are written in place.
///
/// `write` may be called from any thread, one call at a time; the first error stops writing and is
/// reported by `finish()`.
final class ReportFile: @unchecked Sendable {
    private let path: String?
    private let temporaryPath: String?
    private let descriptor: Int32
    private var failure: String?

    /// Opens standard output (`path == nil`) or the destination.
    init(path: String?) throws {
        self.path = path
        guard let path else {
            descriptor = STDOUT_FILENO
            temporaryPath = nil
            return
        }
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists && (status.st_mode & S_IFMT) != S_IFREG {
            temporaryPath = nil
            descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        } else {
            let url = URL(fileURLWithPath: path)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
            temporaryPath = temporary
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            if descriptor >= 0 && exists { fchmod(descriptor, status.st_mode & 0o7777) }
        }
        guard descriptor >= 0 else { throw Self.error(path, errno) }
    }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    func write(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            offset += written
        }
    }

    /// Closes the file and moves it into place; throws the first write error.
    func finish() throws {
        guard let path else {
            if let failure { throw InputError("cannot write the report: \(failure)") }
            return
        }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let temporaryPath {
            if failure == nil { failure = Self.replace(path, with: temporaryPath) }
            if failure != nil { unlink(temporaryPath) }
        }
        if let failure { throw InputError("\(path): cannot write the report: \(failure)") }
    }

    /// Moves the finished report over the destination; `nil` on success, else the error text.
    ///
    /// Why not one `rename` over the old report: ext4 then allocates and queues the whole new file
    /// for writing to disk before the rename returns (its guard for programs that skip `fsync`);
    /// for a report of hundreds of megabytes that held the run up by about a third of a second.
    /// The old report is first moved aside (a rename onto a free name starts no write-out), the
    /// new one moved in, and the old one deleted. If the second rename fails, the old report is
    /// put back.
    private static func replace(_ path: String, with temporaryPath: String) -> String? {
        let aside = temporaryPath + ".old"
        let movedAside = rename(path, aside) == 0
        guard rename(temporaryPath, path) == 0 else {
            let failure = String(cString: strerror(errno))
            if movedAside { rename(aside, path) }
            return failure
        }
        if movedAside { unlink(aside) }
        return nil
    }

    private static func error(_ path: String, _ code: Int32) -> InputError {
        InputError("\(path): cannot write the report: \(String(cString: strerror(code)))")
    }
}
