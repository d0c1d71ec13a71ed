import Foundation
import GRDB

/// The history of audits, changes, exceptions and reviews, in one SQLite file.
///
/// Why SQLite: one file that needs no server, that several ebguard processes (a cron audit, a
/// person running `apply`) can write at once, and that an auditor can open with `sqlite3`. The
/// file is a WAL-mode `DatabasePool`, so readers never wait for writers; writers wait for each
/// other up to a busy timeout rather than failing with "database is locked".
///
/// Opening never harms a file it does not understand: a text file, a damaged database, another
/// application's database or a store from a newer ebguard is reported (`HistoryError`, naming
/// the path) and left byte-for-byte unchanged. A store from an older ebguard is migrated.
public struct HistoryStore: Sendable {
    /// The store's file.
    public let path: String
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// The schema migrations this build knows, oldest first (`v1`, `v2`, …).
    public static var schemaVersions: [String] { Migrations.identifiers }

    /// Where the store lives when `--store` is not given: `$EBGUARD_STORE`, else
    /// `$XDG_DATA_HOME/ebguard/history.sqlite`, else the platform's per-user data folder
    /// (`~/.local/share/ebguard/history.sqlite`, or `~/Library/Application Support/ebguard/`
    /// on macOS).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let store = environment["EBGUARD_STORE"], !store.isEmpty { return store }
        // The XDG spec says relative values are invalid and must be ignored.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return (data as NSString).appendingPathComponent("ebguard/history.sqlite")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        #if os(macOS)
        return (home as NSString).appendingPathComponent("Library/Application Support/ebguard/history.sqlite")
        #else
        return (home as NSString).appendingPathComponent(".local/share/ebguard/history.sqlite")
        #endif
    }

    /// Opens the store at `path`, creating it (and its folders) if absent, and bringing an older
    /// store's schema up to date.
    ///
    /// - Parameter busyTimeout: how long a write waits for another process's write before
    ///   giving up. Recording a 550,000-finding run takes seconds, so the default is generous.
    /// - Throws: `HistoryError` naming the path; the file is never modified when it is refused.
    public static func open(path: String, busyTimeout: TimeInterval = 30) throws -> HistoryStore {
        try open(path: path, busyTimeout: busyTimeout, fullCheckLimit: fullCheckLimit)
    }

    /// Stores up to this size get a full `PRAGMA quick_check` on open (about 0.05 s for a store
    /// holding 100,000 findings). Larger ones, which grow by about 100 MB per fleet-sized run, get
    /// the header check and a `quick_check` of every table but the findings, so that opening
    /// stays fast; damaged finding pages are still reported (as `damaged`) when read.
    static let fullCheckLimit = 256 << 20

    static func open(path: String, busyTimeout: TimeInterval, fullCheckLimit: Int) throws -> HistoryStore {
        guard !path.isEmpty else { throw HistoryError.invalidInput("no history store path given") }
        let path = (path as NSString).expandingTildeInPath
        try prepareFolder(for: path)
        if let size = try existingDatabase(at: path) {
            try verify(path: path, busyTimeout: busyTimeout, fullCheck: size <= fullCheckLimit)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "ebguard.history"

        // Several processes may open a new store at the same moment; each failure below means
        // another process made progress (created the file, ran a migration), so try again.
        var attempt = 0
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                // A change record must survive a power cut as well as a killed process.
                try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
                try migrate(pool, path: path)
                return HistoryStore(path: path, pool: pool)
            } catch let error as DatabaseError where attempt < 8 && Self.lostRace(error) {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.02 * Double(attempt))
            } catch {
                throw HistoryError.from(error, path: path)
            }
        }
    }

    // MARK: - Opening, step by step

    private static func prepareFolder(for path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw HistoryError.permissionDenied(path: path, detail: "\(folder) is not a folder")
            }
        } else {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw HistoryError.permissionDenied(path: path, detail: "cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        // SQLite needs to create the -wal and -shm files next to the store.
        guard manager.isWritableFile(atPath: folder) else {
            throw HistoryError.permissionDenied(path: path, detail: "the folder \(folder) is not writable (SQLite keeps its -wal and -shm files next to the store)")
        }
    }

    /// The size of the database at `path` to verify before use (nil: absent or empty, a new
    /// store). Throws for a file that is not an SQLite database at all, or is shorter than its
    /// header says, judged from its bytes, so SQLite is never asked to open it.
    private static func existingDatabase(at path: String) throws -> Int? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            throw HistoryError.notADatabase(path: path, detail: "it is a folder")
        }
        guard manager.isReadableFile(atPath: path) else {
            throw HistoryError.permissionDenied(path: path, detail: "the file is not readable by this user")
        }
        guard manager.isWritableFile(atPath: path) else {
            throw HistoryError.permissionDenied(path: path, detail: "the file is not writable by this user (ebguard records every run)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HistoryError.permissionDenied(path: path, detail: "the file cannot be opened for reading")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        if header.isEmpty { return nil }
        let magic = Data("SQLite format 3\u{0}".utf8)
        let prefixLength = min(header.count, magic.count)
        guard header.prefix(prefixLength) == magic.prefix(prefixLength) else {
            let printable = String(decoding: header.prefix(24), as: UTF8.self)
                .map { $0.isLetter || $0.isNumber || $0 == " " || $0.isPunctuation ? String($0) : "." }.joined()
            throw HistoryError.notADatabase(path: path, detail: "it does not start with the SQLite header (it starts with \(printable.debugDescription))")
        }
        guard header.count == 100 else {
            throw HistoryError.damaged(path: path, detail: "the file is only \(header.count) bytes, shorter than an SQLite header")
        }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        try checkLength(path: path, header: [UInt8](header), size: size)
        return size
    }

    /// A file cut short (a copy interrupted, a full disk) is shorter than the page count in its
    /// header. The count is trusted only when SQLite marks it valid, and when no write-ahead log
    /// is pending: while a log holds pages, the file may legitimately lag behind.
    private static func checkLength(path: String, header: [UInt8], size: Int) throws {
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        guard wal == 0 else { return }
        func integer(_ offset: Int, _ count: Int) -> Int {
            header[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
        }
        let rawPageSize = integer(16, 2)
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        let pages = integer(28, 4)
        guard pages > 0, integer(24, 4) == integer(92, 4), pageSize >= 512 else { return }
        if size < pages * pageSize {
            throw HistoryError.damaged(path: path, detail: "the file is \(size) bytes but its header counts \(pages) pages of \(pageSize) bytes (\(pages * pageSize) bytes): it was cut short")
        }
    }

    /// Reads the existing file through a read-only connection: integrity, ownership and schema
    /// version are all checked before anything could write to it.
    private static func verify(path: String, busyTimeout: TimeInterval, fullCheck: Bool) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                var problems: [String] = []
                if fullCheck {
                    problems = try String.fetchAll(db, sql: "PRAGMA quick_check(5)").filter { $0 != "ok" }
                } else {
                    for table in tables where table != "finding" {
                        problems += try String.fetchAll(db, sql: "PRAGMA quick_check(\(table.quotedDatabaseIdentifier))").filter { $0 != "ok" }
                    }
                }
                guard problems.isEmpty else {
                    throw HistoryError.damaged(path: path, detail: "PRAGMA quick_check found: \(problems.prefix(5).joined(separator: "; "))")
                }
                if tables.isEmpty { return }  // an empty database: a new store
                guard tables.contains("grdb_migrations") else {
                    throw HistoryError.notAStore(path: path, tables: tables)
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                let unknown = applied.filter { !Migrations.identifiers.contains($0) }
                guard unknown.isEmpty else {
                    throw HistoryError.newerVersion(path: path, unknownMigrations: unknown)
                }
            }
        } catch {
            throw HistoryError.from(error, path: path)
        }
    }

    /// Errors a process meets when another one is creating or migrating the same store: locked
    /// past a snapshot upgrade, or a migration that the other process just applied ("table
    /// already exists", a duplicate row in `grdb_migrations`).
    private static func lostRace(_ error: DatabaseError) -> Bool {
        [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_ERROR, .SQLITE_CONSTRAINT].contains(error.resultCode)
    }

    private static func migrate(_ pool: DatabasePool, path: String) throws {
        let applied = try pool.read { db in try Migrations.migrator.appliedIdentifiers(db) }
        let unknown = applied.subtracting(Migrations.identifiers)
        guard unknown.isEmpty else {
            throw HistoryError.newerVersion(path: path, unknownMigrations: unknown.sorted())
        }
        if applied.isSuperset(of: Migrations.identifiers) { return }
        try Migrations.migrator.migrate(pool)
    }

    // MARK: - Access for the extensions

    /// A write transaction, with SQLite errors reported as `HistoryError`s naming the store.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw HistoryError.from(error, path: path)
        }
    }

    /// A read from a consistent snapshot, with SQLite errors reported as `HistoryError`s.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw HistoryError.from(error, path: path)
        }
    }
}
