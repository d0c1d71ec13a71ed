import Foundation
import GRDB

/// Everything that can go wrong with the history store, worded for the person running ebguard.
///
/// Store-level errors name the store's path: the usual fix is to point `--store` (or
/// `EBGUARD_STORE`) elsewhere, and the person needs to know which file is at fault. None of these
/// errors leaves the file modified: a damaged, foreign or newer store is reported and left as is.
public enum HistoryError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file exists but is not an SQLite database (a text file, another format).
    case notADatabase(path: String, detail: String)
    /// An SQLite database whose content is damaged (truncated, overwritten, failed `quick_check`).
    case damaged(path: String, detail: String)
    /// A store written by a newer ebguard: schema migrations this build does not know are applied.
    case newerVersion(path: String, unknownMigrations: [String])
    /// A valid SQLite database that is not an ebguard store (it has tables, but not ours).
    case notAStore(path: String, tables: [String])
    /// The file or its folder cannot be created, read or written by this user.
    case permissionDenied(path: String, detail: String)
    /// Any other database failure (disk full, I/O error, lock held past the busy timeout).
    case database(path: String, detail: String)
    /// No change record with that id.
    case unknownChange(id: String)
    /// A change-id prefix that matches more than one change record.
    case ambiguousChange(prefix: String, candidates: [String])
    /// No exception with that id.
    case unknownException(id: String)
    /// No periodic review with that id.
    case unknownReview(id: String, known: [String])
    /// A date that is not a valid `YYYY-MM-DD` day.
    case invalidDay(text: String, detail: String)
    /// An argument the store refuses (empty owner, unknown kind, …).
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .notADatabase(path, detail):
            "\(path) is not an ebguard history store: \(detail). It was left unchanged; remove it or choose another store with --store or EBGUARD_STORE."
        case let .damaged(path, detail):
            "the history store \(path) is damaged: \(detail). It was left unchanged; restore it from a backup or move it aside to start a new store."
        case let .newerVersion(path, unknown):
            "the history store \(path) was written by a newer ebguard (schema migration\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")) unknown to this build). It was left unchanged; upgrade ebguard to use it."
        case let .notAStore(path, tables):
            "\(path) is an SQLite database but not an ebguard history store (it holds the table\(tables.count == 1 ? "" : "s") \(tables.prefix(8).joined(separator: ", "))\(tables.count > 8 ? ", …" : "")). It was left unchanged; choose another store with --store or EBGUARD_STORE."
        case let .permissionDenied(path, detail):
            "cannot use the history store \(path): \(detail)"
        case let .database(path, detail):
            "the history store \(path) failed: \(detail)"
        case let .unknownChange(id):
            "no change record \(id)"
        case let .ambiguousChange(prefix, candidates):
            "the change id prefix \(prefix) matches \(candidates.count) changes: \(candidates.joined(separator: ", ")); give more characters"
        case let .unknownException(id):
            "no exception \(id) in the store"
        case let .unknownReview(id, known):
            "no review \(id); the reviews are \(known.joined(separator: ", "))"
        case let .invalidDay(text, detail):
            "\(text.debugDescription) is not a day in the form YYYY-MM-DD: \(detail)"
        case let .invalidInput(message):
            message
        }
    }

    /// Maps an SQLite error met while using the store at `path` to the store error that explains it.
    static func from(_ error: any Error, path: String) -> HistoryError {
        if let error = error as? HistoryError { return error }
        guard let error = error as? DatabaseError else {
            return .database(path: path, detail: String(describing: error))
        }
        let message = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .notADatabase(path: path, detail: "SQLite says: \(message)")
        case .SQLITE_CORRUPT:
            return .damaged(path: path, detail: "SQLite says: \(message)")
        case .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_READONLY:
            return .permissionDenied(path: path, detail: message)
        case .SQLITE_CANTOPEN:
            return .permissionDenied(path: path, detail: "the file or its folder cannot be opened for reading and writing (\(message))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .database(path: path, detail: "the store stayed locked by another ebguard process past the busy timeout (\(message))")
        case .SQLITE_FULL:
            return .database(path: path, detail: "the disk is full (\(message))")
        default:
            return .database(path: path, detail: message)
        }
    }
}
