import CSQLite

/// A failed SQLite call: the extended result code, SQLite's own message and the SQL being run.
///
/// The message comes from `sqlite3_errmsg` (not the generic `sqlite3_errstr`), so the log says
/// *which* constraint failed; callers match on the code, never on the text.
///
///     SQLite error 1555: UNIQUE constraint failed: events.instance_id, events.sequence
///     - while executing `INSERT INTO events ...`
struct SQLiteError: Error, Equatable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_PRIMARYKEY`, `SQLITE_BUSY_SNAPSHOT`, ...).
    var code: Int32
    var message: String
    /// The statement that failed, when there was one.
    var sql: String?

    /// The primary result code (the low byte), which groups the extended codes.
    var primaryCode: Int32 { code & 0xFF }
    /// Another connection held the lock past the busy timeout.
    var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    /// The file is damaged ("database disk image is malformed") or is not a database at all.
    var isCorruption: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }
    /// A UNIQUE, PRIMARY KEY, FOREIGN KEY, NOT NULL or CHECK constraint refused the write.
    var isConstraint: Bool { primaryCode == SQLITE_CONSTRAINT }

    var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }

    /// Reads the connection's last error; `code` is what the failing call returned.
    init(code: Int32, connection db: OpaquePointer?, sql: String? = nil) {
        self.code = code
        if let db, let text = sqlite3_errmsg(db) {
            self.message = String(cString: text)
        } else if let text = sqlite3_errstr(code) {
            self.message = String(cString: text)
        } else {
            self.message = "unknown error"
        }
        self.sql = sql
    }

    init(code: Int32, message: String, sql: String? = nil) {
        self.code = code; self.message = message; self.sql = sql
    }
}
