import Foundation
import GRDB

extension HistoryStore {
    /// The kinds of change record.
    public static let changeKinds = ["apply", "rollback"]

    /// Records a change before it is made. Durable on return (the transaction is committed with
    /// `synchronous = FULL`), so the process may be killed right after and the change can still
    /// be found and rolled back.
    public func recordChange(kind: String, rollbackOf: String? = nil, user: String, region: String, environmentName: String,
                             environmentId: String? = nil, controls: [String], changes: [OptionValueChange],
                             planHash: String? = nil) throws -> ChangeRecord {
        guard Self.changeKinds.contains(kind) else {
            throw HistoryError.invalidInput("a change is \(Self.changeKinds.joined(separator: " or ")), not \(kind.debugDescription)")
        }
        guard !environmentName.isEmpty else { throw HistoryError.invalidInput("a change record needs the environment name") }
        let now = StoreDate.normalized(Date())
        let controlsText = try Self.json(controls)
        let changesText = try Self.json(changes)

        return try write { db in
            if let rollbackOf, try !Bool(exists: db, "SELECT 1 FROM change_record WHERE change_id = ?", [rollbackOf]) {
                throw HistoryError.unknownChange(id: rollbackOf)
            }
            // 48 random bits: a clash is astronomically rare, but cheap to rule out.
            var changeId = Self.randomId(prefix: "chg-", hexDigits: 12)
            while try Bool(exists: db, "SELECT 1 FROM change_record WHERE change_id = ?", [changeId]) {
                changeId = Self.randomId(prefix: "chg-", hexDigits: 12)
            }
            try db.execute(sql: """
                INSERT INTO change_record (change_id, kind, rollback_of, created_at, updated_at, user, region, environment_name,
                                           environment_id, controls, changes, status, verification, detail, plan_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)
                """, arguments: [changeId, kind, rollbackOf, StoreDate.text(now), StoreDate.text(now), user, region, environmentName,
                                 environmentId, controlsText, changesText, ChangeStatus.recorded.rawValue, planHash])
            return ChangeRecord(changeId: changeId, kind: kind, rollbackOf: rollbackOf, createdAt: now, updatedAt: now, user: user,
                                region: region, environmentName: environmentName, environmentId: environmentId, controls: controls,
                                changes: changes, status: .recorded, verification: nil, detail: nil, planHash: planHash)
        }
    }

    /// Moves a change along (`updating`, `completed`, `failed`). `verification` and `detail` are
    /// kept as they were when nil is passed.
    public func updateChange(_ id: String, status: ChangeStatus, verification: String? = nil, detail: String? = nil) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE change_record SET status = ?, updated_at = ?, verification = COALESCE(?, verification), detail = COALESCE(?, detail)
                WHERE change_id = ?
                """, arguments: [status.rawValue, StoreDate.text(Date()), verification, detail, id])
            guard db.changesCount == 1 else { throw HistoryError.unknownChange(id: id) }
        }
    }

    /// The change with this id, or with this unique prefix of at least 6 characters (`chg-` may
    /// be left out), as people type ids from a terminal. Nil when none matches.
    ///
    /// - Throws: `HistoryError.ambiguousChange` naming the candidates when the prefix matches
    ///   several; `invalidInput` for a prefix shorter than 6 characters that is no id.
    public func change(id: String) throws -> ChangeRecord? {
        try read { db in
            if let exact = try Self.fetchChanges(db, where: "change_id = ?", arguments: [id]).first { return exact }
            let prefix = id.hasPrefix("chg-") ? id : "chg-" + id
            guard id.count >= 6 else {
                throw HistoryError.invalidInput("give at least 6 characters of the change id, not \(id.debugDescription)")
            }
            let pattern = prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            let matches = try Self.fetchChanges(db, where: "change_id LIKE ? ESCAPE '\\'", arguments: [pattern])
            guard matches.count <= 1 else {
                throw HistoryError.ambiguousChange(prefix: id, candidates: matches.map(\.changeId).sorted())
            }
            return matches.first
        }
    }

    /// Change records, newest first, optionally for one environment (by name).
    public func changes(environment: String? = nil) throws -> [ChangeRecord] {
        try read { db in
            if let environment {
                return try Self.fetchChanges(db, where: "environment_name = ?", arguments: [environment])
            }
            return try Self.fetchChanges(db, where: "1", arguments: [])
        }
    }

    // MARK: - Helpers

    static func randomId(prefix: String, hexDigits: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() & (hexDigits >= 16 ? UInt64.max : (UInt64(1) << (4 * UInt64(hexDigits))) - 1)
        let hex = String(value, radix: 16)
        return prefix + String(repeating: "0", count: max(0, hexDigits - hex.count)) + hex
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func fetchChanges(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [ChangeRecord] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT change_id, kind, rollback_of, created_at, updated_at, user, region, environment_name, environment_id, controls,
                   changes, status, verification, detail, plan_hash
            FROM change_record WHERE \(condition) ORDER BY created_at DESC, rowid DESC
            """, arguments: arguments)
        let decoder = JSONDecoder()
        return try rows.map { row in
            let id: String = row[0]
            let controlsText: String = row[9]
            let changesText: String = row[10]
            let statusText: String = row[11]
            let createdText: String = row[3]
            let updatedText: String = row[4]
            guard let status = ChangeStatus(rawValue: statusText), let created = StoreDate.date(createdText),
                  let updated = StoreDate.date(updatedText),
                  let controls = try? decoder.decode([String].self, from: Data(controlsText.utf8)),
                  let changes = try? decoder.decode([OptionValueChange].self, from: Data(changesText.utf8)) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "change record \(id) cannot be read by this build")
            }
            return ChangeRecord(changeId: id, kind: row[1], rollbackOf: row[2], createdAt: created, updatedAt: updated, user: row[5],
                                region: row[6], environmentName: row[7], environmentId: row[8], controls: controls, changes: changes,
                                status: status, verification: row[12], detail: row[13], planHash: row[14])
        }
    }
}

extension Bool {
    /// Whether the query returns a row.
    init(exists db: Database, _ sql: String, _ arguments: StatementArguments) throws {
        self = try Row.fetchOne(db, sql: sql, arguments: arguments) != nil
    }
}
