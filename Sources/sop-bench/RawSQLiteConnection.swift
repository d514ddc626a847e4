import CSQLite
import Foundation

/// A bare SQLite connection for the baselines and probes, opened with the same process-wide settings as sop's
/// (memory statistics off, no connection mutex), so a baseline is the fastest single-threaded C client, not a
/// handicapped one. Errors name `purpose` and the SQL.
struct RawSQLiteConnection {
    let db: OpaquePointer
    let purpose: String

    /// Opens `path` read-write (created when `create`) with a 5 s busy timeout; the caller closes it.
    init(path: String, create: Bool = true, purpose: String) throws {
        _ = sop_sqlite3_disable_memory_statistics()
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            throw BenchError("\(purpose): cannot open \(path)")
        }
        db = handle
        self.purpose = purpose
        sqlite3_busy_timeout(handle, 5000)
    }

    func close() { sqlite3_close_v2(db) }

    /// WAL and `synchronous=FULL`: the store's production settings.
    func useProductionDurability() throws {
        try exec("PRAGMA journal_mode = WAL")
        try exec("PRAGMA synchronous = FULL")
    }

    func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql) }
    }

    /// A statement the caller finalizes.
    func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure(sql) }
        return statement
    }

    /// The integer columns of the first row `sql` returns.
    func firstRow(_ sql: String) throws -> [Int64] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { throw BenchError("\(purpose): \(sql) returned no row") }
        return (0..<sqlite3_column_count(statement)).map { sqlite3_column_int64(statement, $0) }
    }

    func failure(_ what: String) -> BenchError {
        BenchError("\(purpose): \(what): \(String(cString: sqlite3_errmsg(db)))")
    }
}
