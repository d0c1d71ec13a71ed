import Crypto
import Foundation
import Inventory
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Snapshot files: the inventory as JSON, the evidence of what was seen and the way to audit
/// without credentials.
public enum Snapshot {
    /// Writes the inventory (sorted keys, ISO 8601 dates) and returns its SHA-256.
    @discardableResult
    public static func write(_ inventory: Inventory, to path: String) throws -> String {
        let data = try encode(inventory)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return sha256(data)
    }

    public static func encode(_ inventory: Inventory) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(inventory)
    }

    /// Reads a snapshot; refuses files from a newer ebguard and says what is wrong with damaged ones.
    public static func read(_ path: String) throws -> (inventory: Inventory, sha256: String) {
        let data = try load(path)
        return (try decode(data, path: path), sha256(data))
    }

    /// Reads a snapshot's inventory without hashing the file (what an audit needs).
    public static func readInventory(_ path: String) throws -> Inventory {
        try decode(try load(path), path: path)
    }

    private static func load(_ path: String) throws -> Data {
        if let mapped = map(path) { return mapped }
        do { return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw CollectError.snapshot(path, "cannot read: \(error.localizedDescription)")
        }
    }

    /// A large regular file mapped into memory (read-only), or `nil` to read it instead.
    ///
    /// Why: reading copies a snapshot of hundreds of megabytes into fresh memory on one core
    /// before any work starts; mapped, its pages come straight from the file cache, as and where
    /// the readers (one per core) first touch them. (`ebguard` writes snapshots atomically, by
    /// renaming a new file into place, so a mapped snapshot is never rewritten under its reader.)
    private static func map(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size >= parallelThreshold,
              let size = Int(exactly: status.st_size) else { return nil }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        return Data(bytesNoCopy: address, count: size, deallocator: .custom { address, size in munmap(address, size) })
    }

    /// The fast reader (`SnapshotReadable`) first; `JSONDecoder` for whatever it leaves, which also
    /// words every error.
    static func decode(_ data: Data, path: String) throws -> Inventory {
        if let inventory = fastDecode(data) { return inventory }
        struct Header: Decodable { var schemaVersion: Int? }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data) } catch {
            throw CollectError.snapshot(path, "not an ebguard snapshot (invalid JSON)")
        }
        guard let version = header.schemaVersion else { throw CollectError.snapshot(path, "not an ebguard snapshot (no schemaVersion)") }
        guard version <= Inventory.currentSchemaVersion else {
            throw CollectError.snapshot(path, "snapshot schema version \(version) is newer than this ebguard supports (\(Inventory.currentSchemaVersion)); upgrade ebguard")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(Inventory.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw CollectError.snapshot(path, "missing field \(pathText(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw CollectError.snapshot(path, "wrong type at \(pathText(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw CollectError.snapshot(path, "null at \(pathText(context.codingPath))")
        } catch {
            throw CollectError.snapshot(path, "damaged snapshot: \(error)")
        }
    }

    /// Snapshots from this size (bytes) up are read in parallel.
    static let parallelThreshold = 4 << 20

    /// The inventory read by the fast reader (`SnapshotReadable`), or `nil` when it does not
    /// handle the file (then `JSONDecoder` reads it, and decides whether and how it is damaged).
    static func fastDecode(_ data: Data) -> Inventory? {
        data.withUnsafeBytes { buffer -> Inventory? in
            let input = JSONInput(buffer)
            // Large snapshots are read on every core.
            let read = buffer.count >= parallelThreshold ? { try Inventory.readInParallel(buffer) } : { try Inventory.read(input, at: 0) }
            guard let (inventory, end) = try? read(), input.skipWhitespace(end) == input.count,
                  inventory.schemaVersion <= Inventory.currentSchemaVersion else { return nil }
            return inventory
        }
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func pathText(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
