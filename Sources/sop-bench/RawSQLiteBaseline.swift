import CSQLite
import Foundation

/// The baseline of figure 1: SQLite's C API with the store's production settings (WAL, `synchronous=FULL`),
/// committing one row of a given size per `BEGIN IMMEDIATE` transaction, statements prepared once.
///
/// This is the floor any store built on SQLite can reach for "one durable write": one WAL append and one
/// fsync per commit, and almost no CPU.
final class RawSQLiteBaseline {
    private let db: OpaquePointer
    private let begin: OpaquePointer
    private let insert: OpaquePointer
    private let commit: OpaquePointer
    private let body: [UInt8]

    init(path: String, rowBytes: Int) throws {
        var handle: OpaquePointer?
        // The same process-wide settings as sop's connections (memory statistics off, no connection mutex),
        // so the baseline is the fastest single-threaded C client, not a handicapped one.
        _ = sop_sqlite3_disable_memory_statistics()
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
              let handle else {
            sqlite3_close_v2(handle)
            throw BenchError("raw baseline: cannot open \(path)")
        }
        db = handle
        func exec(_ sql: String) throws {
            guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else {
                throw BenchError("raw baseline: \(sql): \(String(cString: sqlite3_errmsg(handle)))")
            }
        }
        func prepare(_ sql: String) throws -> OpaquePointer {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
                throw BenchError("raw baseline: \(sql): \(String(cString: sqlite3_errmsg(handle)))")
            }
            return statement
        }
        sqlite3_busy_timeout(handle, 5000)
        try exec("PRAGMA journal_mode = WAL")
        try exec("PRAGMA synchronous = FULL")
        try exec("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        begin = try prepare("BEGIN IMMEDIATE TRANSACTION")
        insert = try prepare("INSERT INTO rows(body) VALUES (?1)")
        commit = try prepare("COMMIT TRANSACTION")
        // Bytes that do not compress to nothing, in case the file system compresses.
        body = (0..<max(rowBytes, 1)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
    }

    deinit {
        sqlite3_finalize(begin)
        sqlite3_finalize(insert)
        sqlite3_finalize(commit)
        sqlite3_close_v2(db)
    }

    /// One durable commit of one row.
    func commitOne() throws {
        guard sqlite3_step(begin) == SQLITE_DONE else { throw failure("BEGIN") }
        sqlite3_reset(begin)
        // Bound without a copy (SQLITE_STATIC), so the bytes must stay valid until the step: both happen here.
        let inserted = body.withUnsafeBytes { buffer in
            sqlite3_bind_blob(insert, 1, buffer.baseAddress, Int32(buffer.count), nil) == SQLITE_OK
                && sqlite3_step(insert) == SQLITE_DONE
        }
        sqlite3_reset(insert)
        sqlite3_clear_bindings(insert)
        guard inserted else { throw failure("INSERT") }
        guard sqlite3_step(commit) == SQLITE_DONE else { throw failure("COMMIT") }
        sqlite3_reset(commit)
    }

    private func failure(_ what: String) -> BenchError {
        BenchError("raw baseline: \(what): \(String(cString: sqlite3_errmsg(db)))")
    }
}

/// The SQLite library the process is linked with (the store's and the baseline's alike).
var sqliteLibraryVersion: String { String(cString: sqlite3_libversion()) }
