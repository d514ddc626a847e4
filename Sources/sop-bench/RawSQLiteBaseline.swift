import CSQLite
import Foundation

/// The baseline of figure 1: SQLite's C API with the store's production settings (WAL, `synchronous=FULL`),
/// committing one row of a given size per `BEGIN IMMEDIATE` transaction, statements prepared once.
///
/// This is the floor any store built on SQLite can reach for "one durable write": one WAL append and one
/// fsync per commit, and almost no CPU.
final class RawSQLiteBaseline {
    private let connection: RawSQLiteConnection
    private let begin: OpaquePointer
    private let insert: OpaquePointer
    private let commit: OpaquePointer
    private let body: [UInt8]

    init(path: String, rowBytes: Int) throws {
        let connection = try RawSQLiteConnection(path: path, purpose: "raw baseline")
        self.connection = connection
        try connection.useProductionDurability()
        try connection.exec("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        begin = try connection.prepare("BEGIN IMMEDIATE TRANSACTION")
        insert = try connection.prepare("INSERT INTO rows(body) VALUES (?1)")
        commit = try connection.prepare("COMMIT TRANSACTION")
        // Bytes that do not compress to nothing, in case the file system compresses.
        body = (0..<max(rowBytes, 1)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
    }

    deinit {
        sqlite3_finalize(begin)
        sqlite3_finalize(insert)
        sqlite3_finalize(commit)
        connection.close()
    }

    /// One durable commit of one row.
    func commitOne() throws {
        guard sqlite3_step(begin) == SQLITE_DONE else { throw connection.failure("BEGIN") }
        sqlite3_reset(begin)
        // Bound without a copy (SQLITE_STATIC), so the bytes must stay valid until the step: both happen here.
        let inserted = body.withUnsafeBytes { buffer in
            sqlite3_bind_blob(insert, 1, buffer.baseAddress, Int32(buffer.count), nil) == SQLITE_OK
                && sqlite3_step(insert) == SQLITE_DONE
        }
        sqlite3_reset(insert)
        sqlite3_clear_bindings(insert)
        guard inserted else { throw connection.failure("INSERT") }
        guard sqlite3_step(commit) == SQLITE_DONE else { throw connection.failure("COMMIT") }
        sqlite3_reset(commit)
    }
}

/// The SQLite library the process is linked with (the store's and the baseline's alike).
var sqliteLibraryVersion: String { String(cString: sqlite3_libversion()) }
