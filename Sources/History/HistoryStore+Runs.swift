import Controls
import Foundation
import GRDB
import GRDBSQLite

extension HistoryStore {
    /// Stores a run and all its findings in one transaction: a run is either fully recorded or
    /// absent, never half there (a killed process leaves no partial run behind).
    ///
    /// One prepared statement serves every finding, bound through the SQLite C API: about 1 s
    /// per 100,000 findings, most of it SQLite's own work. Remediation text is not stored.
    @discardableResult
    public func recordRun(_ run: NewRun, findings: [Finding]) throws -> RunRecord {
        try recordRun(run, stored: findings.map(StoredFinding.init))
    }

    /// Stores a run from findings already in their stored form: what a report streamed out
    /// batch by batch keeps for the store, without holding the full findings (and their
    /// remediation text) of a whole fleet.
    @discardableResult
    public func recordRun(_ run: NewRun, stored findings: [StoredFinding]) throws -> RunRecord {
        var counts: [String: Int] = [:]
        var perControl: [String: (assessed: Int, total: Int)] = [:]
        for finding in findings {
            counts[finding.verdict.rawValue, default: 0] += 1
            let assessed = Self.assessedVerdicts.contains(finding.verdict) ? 1 : 0
            let tally = perControl[finding.control] ?? (0, 0)
            perControl[finding.control] = (tally.assessed + assessed, tally.total + 1)
        }
        let startedAt = StoreDate.normalized(run.startedAt)
        let countsText = Self.encodeCounts(counts)

        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (started_at, recorded_at, user, source, scope, snapshot_hash, tool_version, finding_count, counts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [StoreDate.text(startedAt), StoreDate.text(Date()), run.user, run.source, run.scope, run.snapshotHash,
                            run.toolVersion, findings.count, countsText])
            let runId = db.lastInsertedRowID

            let insert = try db.makeStatement(sql: """
                INSERT INTO finding (run_id, control, resource_type, resource_id, resource_name, environment, verdict, severity,
                                     suppression, reason, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // Bound and stepped with the SQLite C API: GRDB's argument boxing costs more than
            // SQLite's own insert at this volume.
            let statement = insert.sqliteStatement
            for finding in findings {
                sqlite3_reset(statement)
                sqlite3_bind_int64(statement, 1, runId)
                Self.bind(statement, 2, finding.control)
                Self.bind(statement, 3, finding.resource.type)
                Self.bind(statement, 4, finding.resource.id)
                Self.bind(statement, 5, finding.resource.name)
                Self.bind(statement, 6, finding.resource.environment)
                Self.bind(statement, 7, finding.verdict.rawValue)
                Self.bind(statement, 8, finding.severity.rawValue)
                Self.bind(statement, 9, finding.suppression)
                Self.bind(statement, 10, finding.reason)
                Self.bind(statement, 11, JSONStrings.encode(finding.evidence))
                let code = sqlite3_step(statement)
                guard code == SQLITE_DONE else {
                    let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                    sqlite3_reset(statement)
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
                }
            }
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)

            let summary = try db.makeStatement(sql: "INSERT INTO run_control (run_id, control, assessed, total) VALUES (?, ?, ?, ?)")
            for (control, tally) in perControl {
                try summary.execute(arguments: [runId, control, tally.assessed, tally.total])
            }
            return RunRecord(id: runId, startedAt: startedAt, user: run.user, source: run.source, scope: run.scope,
                             snapshotHash: run.snapshotHash, toolVersion: run.toolVersion, counts: counts)
        }
    }

    /// Stored runs, newest first (by start time, then by id).
    public func runs(limit: Int? = nil) throws -> [RunRecord] {
        try read { db in
            try Self.fetchRuns(db, where: "1", limit: limit, arguments: [])
        }
    }

    /// One run, or nil if the store has no run with that id.
    public func run(id: Int64) throws -> RunRecord? {
        try read { db in
            try Self.fetchRuns(db, where: "id = ?", limit: 1, arguments: [id]).first
        }
    }

    /// The newest run of any scope.
    public func latestRun() throws -> RunRecord? {
        try runs(limit: 1).first
    }

    /// The run of `scope` just before run `id` (by start time, then id): the baseline for drift.
    /// When run `id` is not in the store, the newest run of `scope` with a smaller id.
    public func previousRun(scope: String, before id: Int64) throws -> RunRecord? {
        try read { db in
            if let started = try String.fetchOne(db, sql: "SELECT started_at FROM run WHERE id = ?", arguments: [id]) {
                return try Self.fetchRuns(
                    db, where: "scope = ? AND id != ? AND (started_at < ? OR (started_at = ? AND id < ?))",
                    limit: 1, arguments: [scope, id, started, started, id]).first
            }
            return try Self.fetchRuns(db, where: "scope = ? AND id < ?", limit: 1, arguments: [scope, id]).first
        }
    }

    /// The newest run of `scope` started no later than `date`: the run that a new run of `scope`
    /// started at `date` follows, as `previousRun(scope:before:)` will say once it is stored (unless
    /// another process records a run of the scope meanwhile). Lets drift be computed while the
    /// new run's findings are written.
    public func latestRun(scope: String, startedBy date: Date) throws -> RunRecord? {
        try read { db in
            try Self.fetchRuns(db, where: "scope = ? AND started_at <= ?", limit: 1,
                               arguments: [scope, StoreDate.text(StoreDate.normalized(date))]).first
        }
    }

    /// The findings of run `id`, in the order they were recorded (empty for an unknown run).
    ///
    /// - Parameter evidence: false leaves every finding's evidence empty, for comparisons
    ///   (drift) that look at verdicts only and need not decode half a million evidence lists.
    public func findings(run id: Int64, evidence: Bool = true) throws -> [StoredFinding] {
        try read { db in
            let select = try db.makeStatement(sql: """
                SELECT control, resource_type, resource_id, resource_name, environment, verdict, severity, suppression, reason\(evidence ? ", evidence" : "")
                FROM finding WHERE run_id = ? ORDER BY rowid
                """)
            // Read with the SQLite C API, like `recordRun` writes: a drift compares two
            // fleet-sized runs, and GRDB's row decoding would be most of the time.
            let statement = select.sqliteStatement
            defer { sqlite3_reset(statement) }
            sqlite3_bind_int64(statement, 1, id)
            var result: [StoredFinding] = []
            result.reserveCapacity(try Int.fetchOne(db, sql: "SELECT finding_count FROM run WHERE id = ?", arguments: [id]) ?? 0)
            var repeated = RepeatedText()
            while true {
                let code = sqlite3_step(statement)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                let verdictText = Self.text(statement, 5) ?? ""
                let severityText = Self.text(statement, 6) ?? ""
                guard let verdict = Verdict(rawValue: verdictText), let severity = Severity(rawValue: severityText),
                      let evidence = evidence ? JSONStrings.decode(Self.text(statement, 9) ?? "") : [] else {
                    throw HistoryError.damaged(path: path, detail: "run \(id) holds a finding this build cannot read (verdict \(verdictText), severity \(severityText))")
                }
                result.append(StoredFinding(
                    control: repeated.text(statement, 0) ?? "",
                    resource: ResourceRef(type: repeated.text(statement, 1) ?? "", id: repeated.text(statement, 2) ?? "",
                                          name: repeated.text(statement, 3), environment: repeated.text(statement, 4)),
                    verdict: verdict, severity: severity, suppression: Self.text(statement, 7), reason: Self.text(statement, 8),
                    evidence: evidence))
            }
            return result
        }
    }

    // MARK: - Helpers

    /// Reads text columns whose value often repeats from one row to the next (a run's findings
    /// come environment by environment, resource by resource): an unchanged value is the same
    /// `String` as the row before, so a fleet-sized run is not half a million copies of each name.
    private struct RepeatedText {
        /// The last value read from each column, by column index.
        private var previous: [String?] = Array(repeating: nil, count: 16)

        mutating func text(_ statement: SQLiteStatement, _ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(statement, column) else { return nil }
            let count = Int(sqlite3_column_bytes(statement, column))
            let buffer = UnsafeBufferPointer(start: bytes, count: count)
            let slot = Int(column)
            if slot < previous.count, var last = previous[slot], last.utf8.count == count,
               last.withUTF8({ $0.elementsEqual(buffer) }) {
                return last
            }
            let value = String(decoding: buffer, as: UTF8.self)
            if slot < previous.count { previous[slot] = value }
            return value
        }
    }

    /// SQLite copies the text before `bind` returns (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func text(_ statement: SQLiteStatement, _ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    private static func bind(_ statement: SQLiteStatement, _ index: Int32, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(statement, index)
            return
        }
        let length = Int32(text.utf8.count)
        _ = text.withCString { sqlite3_bind_text(statement, index, $0, length, transient) }
    }

    /// Verdicts that mean a control looked at the resource (as opposed to not-assessed or n/a).
    static let assessedVerdicts: Set<Verdict> = [.pass, .fail, .suppressed]

    static func encodeCounts(_ counts: [String: Int]) -> String {
        "{" + counts.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    static func decodeCounts(_ text: String) -> [String: Int] {
        (try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))) ?? [:]
    }

    /// Runs matching `condition`, newest first.
    static func fetchRuns(_ db: Database, where condition: String, limit: Int?,
                          arguments: StatementArguments) throws -> [RunRecord] {
        var sql = """
            SELECT id, started_at, user, source, scope, snapshot_hash, tool_version, counts FROM run
            WHERE \(condition) ORDER BY started_at DESC, id DESC
            """
        if let limit { sql += " LIMIT \(max(0, limit))" }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let startedText: String = row[1]
            return RunRecord(id: row[0], startedAt: StoreDate.date(startedText) ?? Date(timeIntervalSince1970: 0), user: row[2],
                             source: row[3], scope: row[4], snapshotHash: row[5], toolVersion: row[6], counts: decodeCounts(row[7]))
        }
    }
}
