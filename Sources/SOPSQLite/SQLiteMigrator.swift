import CSQLite

/// Brings a database's schema up to date with an ordered list of migrations fixed in code.
///
/// Each migration runs in its own immediate transaction together with its row in `schema_migrations`,
/// so it is either applied and recorded, or neither. A shipped migration is never edited: add a new one.
struct SQLiteMigrator {
    struct Migration {
        var id: String
        var sql: String
        /// Work SQL cannot do (hashing existing rows), run after `sql` in the same transaction.
        var followUp: FollowUp?
    }

    typealias FollowUp = @Sendable (SQLiteConnection) throws -> Void

    var migrations: [Migration]

    init(_ migrations: [(id: String, sql: String)], followUps: [String: FollowUp] = [:]) {
        self.migrations = migrations.map { Migration(id: $0.id, sql: $0.sql, followUp: followUps[$0.id]) }
    }

    static let createLedger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            id TEXT PRIMARY KEY NOT NULL,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """

    /// The ids recorded as applied, in the order they were applied.
    static func appliedIDs(in connection: SQLiteConnection) throws(SQLiteError) -> [String] {
        let exists = try connection.prepare(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        try exists.bind([])
        guard try exists.step(), exists.int64(0) > 0 else { return [] }
        exists.reset()
        var ids: [String] = []
        let statement = try connection.prepare("SELECT id FROM schema_migrations ORDER BY rowid")
        try statement.bind([])
        defer { statement.reset() }
        while try statement.step() {
            if let id = statement.text(0) { ids.append(id) }
        }
        return ids
    }

    /// The migrations not yet applied (none when the database is current).
    func pending(in connection: SQLiteConnection) throws(SQLiteError) -> [Migration] {
        let applied = Set(try Self.appliedIDs(in: connection))
        return migrations.filter { !applied.contains($0.id) }
    }

    /// Applies every pending migration; returns the ids it applied.
    ///
    /// Throws when the database records a migration this code does not know: it was written by a newer `sop`.
    @discardableResult
    func migrate(_ connection: SQLiteConnection) throws -> [String] {
        let known = Set(migrations.map(\.id))
        // The common case, a current schema, costs one read: no ledger DDL and no write transactions.
        let recorded = try Self.appliedIDs(in: connection)
        if recorded.count == known.count, Set(recorded) == known { return [] }
        try connection.execute(Self.createLedger)
        let unknown = try Self.appliedIDs(in: connection).filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw SQLiteError(code: SQLITE_ERROR,
                              message: "database has migrations this version does not know: "
                                  + unknown.joined(separator: ", ") + " (written by a newer sop?)")
        }
        var applied: [String] = []
        let record = "INSERT INTO schema_migrations(id) VALUES (?1)"
        let check = "SELECT count(*) FROM schema_migrations WHERE id = ?1"
        for migration in migrations {
            let didApply = try connection.inTransaction(.immediate) { () throws -> Bool in
                // Checked inside the write lock: another process may have migrated since we looked.
                let statement = try connection.prepare(check)
                try statement.bind([.text(migration.id)])
                let done = try statement.step() && statement.int64(0) > 0
                statement.reset()
                guard !done else { return false }
                try connection.execute(migration.sql)
                try migration.followUp?(connection)
                try connection.prepare(record).run([.text(migration.id)])
                return true
            }
            if didApply { applied.append(migration.id) }
        }
        return applied
    }
}
