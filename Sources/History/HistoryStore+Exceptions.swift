import Foundation
import GRDB

extension HistoryStore {
    /// Adds an exception to the register. `expires` may be any moment of the last valid day: it
    /// is stored as the end of that day (UTC), as `Exceptions.parseDay` returns it.
    ///
    /// - Throws: `invalidInput` when the control, resource, owner or reason is empty: an
    ///   exception nobody owns or explains is exactly what an audit must not accept.
    @discardableResult
    public func addException(control: String, resource: String, owner: String, reason: String, expires: Date) throws -> ExceptionRecord {
        let fields = [("control", control), ("resource", resource), ("owner", owner), ("reason", reason)]
        for (name, value) in fields where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw HistoryError.invalidInput("an exception needs a \(name)")
        }
        let expiry = Civil.endOfDay(expires)
        let now = StoreDate.normalized(Date())
        return try write { db in
            var id = Self.randomId(prefix: "exc-", hexDigits: 8)
            while try Bool(exists: db, "SELECT 1 FROM exception WHERE id = ?", [id]) {
                id = Self.randomId(prefix: "exc-", hexDigits: 8)
            }
            try db.execute(
                sql: "INSERT INTO exception (id, control, resource, owner, reason, expires, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [id, control, resource, owner, reason, StoreDate.text(expiry), StoreDate.text(now)])
            return ExceptionRecord(id: id, control: control, resource: resource, owner: owner, reason: reason, expires: expiry,
                                   createdAt: now, origin: "store")
        }
    }

    /// The register, expired exceptions included (they make findings fail with a note), in the
    /// order they were added.
    public func exceptions() throws -> [ExceptionRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, control, resource, owner, reason, expires, created_at FROM exception ORDER BY created_at, rowid
                """).map { row in
                let id: String = row[0]
                let expiresText: String = row[5]
                let createdText: String = row[6]
                guard let expires = StoreDate.date(expiresText), let created = StoreDate.date(createdText) else {
                    throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "exception \(id) has unreadable dates")
                }
                return ExceptionRecord(id: id, control: row[1], resource: row[2], owner: row[3], reason: row[4], expires: expires,
                                       createdAt: created, origin: "store")
            }
        }
    }

    /// Removes an exception from the register.
    ///
    /// - Throws: `HistoryError.unknownException` when no exception has that id.
    public func removeException(id: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM exception WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw HistoryError.unknownException(id: id) }
        }
    }
}
