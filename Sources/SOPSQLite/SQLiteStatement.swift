import CSQLite
import Foundation

/// `SQLITE_TRANSIENT` is a C macro cast that Swift cannot import: it tells SQLite to copy bound bytes
/// at once, because Swift's buffers only live for the duration of the call.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One prepared statement, finalized when the object goes away.
///
/// Parameters are bound by position only (`?1`, `?2`, ...). Column reads are NULL-safe: a NULL text
/// reads as `nil` and an empty or NULL blob as empty `Data`, where a force-unwrap would crash.
final class SQLiteStatement {
    private let handle: OpaquePointer
    /// Not owned: the connection finalizes its statements before it closes (and closes with
    /// `sqlite3_close_v2`, which waits for any straggler).
    private let db: OpaquePointer
    let sql: String

    init(db: OpaquePointer, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(db, sql, -1, &statement, nil)
        guard code == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw SQLiteError(code: code, connection: db, sql: sql)
        }
        guard let statement else {
            // Only whitespace or a comment: nothing to run is a programming error worth a clear message.
            throw SQLiteError(code: SQLITE_MISUSE, message: "empty statement", sql: sql)
        }
        self.handle = statement
        self.db = db
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Resets the statement and binds `values` to parameters 1...n.
    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        reset()
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw SQLiteError(code: SQLITE_RANGE,
                              message: "statement has \(expected) parameters, \(values.count) values given", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .real(let number):
                code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                // withCString always yields a valid pointer (even for ""), and the explicit
                // length keeps any embedded NUL.
                code = text.withCString { pointer in
                    sqlite3_bind_text64(handle, index, pointer, sqlite3_uint64(text.utf8.count),
                                        sqliteTransient, UInt8(SQLITE_UTF8))
                }
            case .blob(let data):
                if data.isEmpty {
                    // A nil pointer would bind NULL; an empty blob must stay an empty blob.
                    code = sqlite3_bind_zeroblob(handle, index, 0)
                } else {
                    code = data.withUnsafeBytes { buffer in
                        sqlite3_bind_blob64(handle, index, buffer.baseAddress, sqlite3_uint64(buffer.count),
                                            sqliteTransient)
                    }
                }
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: db, sql: sql) }
        }
    }

    /// Advances to the next row; `false` when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(code: code, connection: db, sql: sql)
        }
    }

    /// Ends the current run so the statement holds no read snapshot or lock while it waits in the cache.
    func reset() {
        sqlite3_reset(handle)
    }

    /// Binds, runs to completion and resets: for writes.
    func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
        try bind(values)
        defer { reset() }
        while try step() {}
    }

    /// Binds, then calls `body` once per row; the statement is reset afterwards whatever happens.
    func forEachRow(_ values: [SQLiteValue] = [], _ body: (SQLiteStatement) throws -> Void) throws {
        try bind(values)
        defer { reset() }
        while try step() {
            try body(self)
        }
    }

    // MARK: Columns of the current row (0-based, as in SQLite).

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// The column as text, or nil when it is NULL.
    func text(_ column: Int32) -> String? {
        // Text first, then its length: that order is what SQLite documents as safe.
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column as bytes; NULL and empty blobs both read as empty `Data` (SQLite returns a nil pointer for both).
    func blob(_ column: Int32) -> Data {
        guard let pointer = sqlite3_column_blob(handle, column) else { return Data() }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Data(bytes: pointer, count: count)
    }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}
