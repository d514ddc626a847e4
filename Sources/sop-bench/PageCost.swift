import CSQLite
import Foundation

/// What each page a durable commit writes costs on this file system: raw SQLite commits that rewrite
/// 1, 2, 4 or 6 rows on distinct leaf pages of one table (WAL, `synchronous=FULL`), interleaved.
///
/// Figure 1 compares sop's completion, which writes several pages (the event, its index, the instance row,
/// the inbox index, the report projection), with a commit of one appended row. This says how much of that
/// gap is the pages themselves (the WAL grows by one frame per page, and fsync flushes them all) rather than
/// the work around them, on the same disk in the same run.
final class PageCostProbe {
    static let pageCounts = [1, 2, 4, 6]
    private let connection: RawSQLiteConnection
    private let begin: OpaquePointer
    private let update: OpaquePointer
    private let commit: OpaquePointer
    private let rows: Int
    private var body: [UInt8]
    /// Ids this far apart never share a leaf page (fewer than 10 rows of this size fit in a 4 kB page).
    private static let spacing = 20

    init(path: String, rowBytes: Int, rows: Int) throws {
        let connection = try RawSQLiteConnection(path: path, purpose: "page cost")
        self.connection = connection
        self.rows = rows
        body = (0..<max(rowBytes, 1)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        try connection.useProductionDurability()
        try connection.exec("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        try connection.exec("BEGIN IMMEDIATE")
        let fill = try connection.prepare("INSERT OR REPLACE INTO rows(id, body) VALUES (?1, ?2)")
        for id in 0..<rows {
            sqlite3_bind_int64(fill, 1, Int64(id))
            let done = body.withUnsafeBytes { buffer in
                sqlite3_bind_blob(fill, 2, buffer.baseAddress, Int32(buffer.count), nil) == SQLITE_OK
                    && sqlite3_step(fill) == SQLITE_DONE
            }
            sqlite3_reset(fill)
            guard done else { sqlite3_finalize(fill); throw BenchError("page cost: filling the table failed") }
        }
        sqlite3_finalize(fill)
        try connection.exec("COMMIT")
        try connection.exec("PRAGMA wal_checkpoint(TRUNCATE)")
        begin = try connection.prepare("BEGIN IMMEDIATE TRANSACTION")
        update = try connection.prepare("UPDATE rows SET body = ?2 WHERE id = ?1")
        commit = try connection.prepare("COMMIT TRANSACTION")
    }

    deinit {
        sqlite3_finalize(begin)
        sqlite3_finalize(update)
        sqlite3_finalize(commit)
        connection.close()
    }

    /// One durable commit rewriting one row on each of `pages` distinct leaf pages; `serial` picks which.
    func commitOne(pages: Int, serial: Int) throws {
        let slots = rows / Self.spacing
        guard pages >= 1, slots >= pages else { throw BenchError("page cost: \(pages) pages need a larger table") }
        // A changed byte per commit: SQLite skips an update that writes the bytes already there.
        body[0] = UInt8(truncatingIfNeeded: serial)
        guard sqlite3_step(begin) == SQLITE_DONE else { throw connection.failure("BEGIN") }
        sqlite3_reset(begin)
        let start = (serial &* 7_919) % slots
        for page in 0..<pages {
            let slot = (start + page * (slots / pages)) % slots
            sqlite3_bind_int64(update, 1, Int64(slot * Self.spacing))
            let done = body.withUnsafeBytes { buffer in
                sqlite3_bind_blob(update, 2, buffer.baseAddress, Int32(buffer.count), nil) == SQLITE_OK
                    && sqlite3_step(update) == SQLITE_DONE
            }
            sqlite3_reset(update)
            guard done, sqlite3_changes(connection.db) == 1 else { throw connection.failure("UPDATE") }
        }
        guard sqlite3_step(commit) == SQLITE_DONE else { throw connection.failure("COMMIT") }
        sqlite3_reset(commit)
    }
}

/// WAL frames (pages) per commit that `commits` commits made by `body` write into the database at `path`.
///
/// Empties the WAL first (a TRUNCATE checkpoint from a connection of its own), runs `body`, and reads the
/// frame count off the WAL's size: a 32-byte header, then one 24-byte header and one page per frame. `body`
/// must write fewer frames than the auto-checkpoint threshold (1,000), or the count would restart.
func walFramesPerCommit(ofDatabaseAt path: String, commits: Int, _ body: () throws -> Void) throws -> Double {
    let connection = try RawSQLiteConnection(path: path, create: false, purpose: "WAL frames")
    defer { connection.close() }
    let pageSize = try connection.firstRow("PRAGMA page_size")[0]
    guard try connection.firstRow("PRAGMA wal_checkpoint(TRUNCATE)")[0] == 0 else {
        throw BenchError("WAL frames: the checkpoint of \(path) was blocked by a reader")
    }
    try body()
    let size = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.int64Value ?? 0
    let frames = Double(max(size - 32, 0)) / Double(24 + pageSize)
    guard frames < 1_000 else { throw BenchError("WAL frames: \(frames) frames, past the auto-checkpoint") }
    return frames / Double(max(commits, 1))
}
