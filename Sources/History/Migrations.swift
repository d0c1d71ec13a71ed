import GRDB

/// The store's schema, as an ordered list of migrations.
///
/// Migrations are append-only: a released migration is never edited, so a store made by any
/// earlier ebguard can be brought up to date, and a store that has a migration this build does
/// not list was made by a newer ebguard (and is refused rather than touched).
enum Migrations {
    /// Identifiers in order; the last one is the schema this build writes.
    static let identifiers = ["v1", "v2"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        // Runs and what they found.
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    user TEXT NOT NULL,
                    source TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    snapshot_hash TEXT,
                    tool_version TEXT NOT NULL,
                    finding_count INTEGER NOT NULL,
                    counts TEXT NOT NULL
                );
                CREATE INDEX run_by_start ON run(started_at, id);
                CREATE INDEX run_by_scope ON run(scope, started_at, id);

                CREATE TABLE finding (
                    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    control TEXT NOT NULL,
                    resource_type TEXT NOT NULL,
                    resource_id TEXT NOT NULL,
                    resource_name TEXT,
                    environment TEXT,
                    verdict TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    suppression TEXT,
                    reason TEXT,
                    evidence TEXT NOT NULL
                );
                CREATE INDEX finding_by_run ON finding(run_id);

                -- One row per (run, control): which controls a run assessed, without scanning findings.
                CREATE TABLE run_control (
                    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    control TEXT NOT NULL,
                    assessed INTEGER NOT NULL,
                    total INTEGER NOT NULL,
                    PRIMARY KEY (run_id, control)
                ) WITHOUT ROWID;
                """)
        }

        // Change records (apply/rollback), the exceptions register, reviews done by hand.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE change_record (
                    change_id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    rollback_of TEXT REFERENCES change_record(change_id),
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    user TEXT NOT NULL,
                    region TEXT NOT NULL,
                    environment_name TEXT NOT NULL,
                    environment_id TEXT,
                    controls TEXT NOT NULL,
                    changes TEXT NOT NULL,
                    status TEXT NOT NULL,
                    verification TEXT,
                    detail TEXT,
                    plan_hash TEXT
                );
                CREATE INDEX change_by_environment ON change_record(environment_name, created_at);

                CREATE TABLE exception (
                    id TEXT PRIMARY KEY NOT NULL,
                    control TEXT NOT NULL,
                    resource TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    expires TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );

                CREATE TABLE review_record (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    review TEXT NOT NULL,
                    performed_by TEXT NOT NULL,
                    note TEXT,
                    performed_at TEXT NOT NULL
                );
                CREATE INDEX review_by_id ON review_record(review, performed_at);
                """)
        }
        return migrator
    }
}
