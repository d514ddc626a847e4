import CSQLite

/// One open SQLite database handle, closed when the object goes away.
///
/// Set up the way a store of record needs: extended result codes, a 5 s busy timeout (a second `sop`
/// process waits instead of failing at once), foreign keys enforced, and for files WAL with
/// `synchronous=FULL`, so a command that was acknowledged survives a power cut.
///
/// Not `Sendable`: one connection belongs to one thread of work at a time.
final class SQLiteConnection {
    enum Access: Equatable {
        /// Read and write, creating the file when missing.
        case readWrite
        /// Read only; the file must exist. Pragmas that change the file are skipped.
        case readOnly
    }

    /// Where the database lives.
    enum Location: Equatable {
        case file(path: String)
        /// A private database that disappears with the connection (tests).
        case memory
    }

    /// How long a statement waits on another connection's lock before failing with `SQLITE_BUSY`.
    static let busyTimeoutMilliseconds: Int32 = 5000

    /// Process-wide SQLite settings, applied once before the first connection opens.
    /// Memory statistics are off: nothing reads them, and they cost a global mutex per allocation.
    private static let libraryConfigured: Bool = sop_sqlite3_disable_memory_statistics() == SQLITE_OK

    let handle: OpaquePointer
    let location: Location
    let access: Access
    private var statementCache: [String: SQLiteStatement] = [:]
    /// The same statements with where their SQL text is stored, searched in order: hashing a few hundred
    /// bytes of SQL cost ~1 k instructions per lookup, ~11 k per step completion (sop-bench figure 1). A list,
    /// not a dictionary keyed by the address: a connection caches a few dozen statements, and the first
    /// `UInt`-keyed table of a static binary costs a scan of every protocol conformance (~0.29 M instructions).
    private var statementsByStorage: [(storage: UInt, sql: String, statement: SQLiteStatement)] = []
    /// How many addresses are remembered: SQL built at run time gets new storage on every call, and must not
    /// grow the list without end (such text is still found by the text).
    private static let storageHints = 64

    init(location: Location, access: Access = .readWrite) throws(SQLiteError) {
        let path: String
        switch location {
        case .file(let filePath): path = filePath
        case .memory: path = ":memory:"
        }
        // NOMUTEX: a connection is never shared between threads (the type is not Sendable), so SQLite's
        // per-call connection mutex is pure cost (about 480 lock/unlock pairs per step completion).
        let flags = (access == .readOnly
            ? SQLITE_OPEN_READONLY
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        _ = Self.libraryConfigured
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            // sqlite3_open_v2 usually hands back a handle even on failure; it holds the message
            // and must still be closed.
            let error = SQLiteError(code: db.map { sqlite3_extended_errcode($0) } ?? code, connection: db,
                                    sql: nil)
            sqlite3_close_v2(db)
            throw SQLiteError(code: error.code, message: "cannot open \(path): \(error.message)")
        }
        self.handle = db
        self.location = location
        self.access = access
        // From here on, deinit closes the handle if setup throws.
        try configure()
    }

    deinit {
        // Finalize cached statements first so the close is immediate; close_v2 covers any straggler.
        statementsByStorage.removeAll()
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    private func configure() throws(SQLiteError) {
        sqlite3_extended_result_codes(handle, 1)
        let code = sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: handle) }
        try execute("PRAGMA foreign_keys = ON")
        guard case .file = location, access == .readWrite else { return }
        let mode = try pragmaText("PRAGMA journal_mode = WAL")
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(code: SQLITE_ERROR,
                              message: "could not switch to WAL journal mode (SQLite answered '\(mode ?? "nothing")')",
                              sql: "PRAGMA journal_mode = WAL")
        }
        try execute("PRAGMA synchronous = FULL")
    }

    /// Runs SQL that is fixed in code (pragmas, migrations), possibly several statements.
    ///
    /// Never pass text built from data here: values go through ``prepare(_:)`` and parameters.
    func execute(_ sql: String) throws(SQLiteError) {
        var utf8 = Array(sql.utf8CString)
        let count = utf8.count
        try utf8.withUnsafeMutableBufferPointer { (buffer) throws(SQLiteError) in
            guard let base = buffer.baseAddress else { return }
            var cursor: UnsafePointer<CChar>? = UnsafePointer(base)
            let end = UnsafePointer(base) + (count - 1)  // the terminating NUL
            while let start = cursor, start < end {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, start, -1, &statement, &tail)
                let text = String(decoding: UnsafeRawBufferPointer(start: start, count: (tail ?? end) - start)
                    .bindMemory(to: UInt8.self), as: UTF8.self)
                    .trimmingWhitespace()
                guard code == SQLITE_OK else {
                    sqlite3_finalize(statement)
                    throw SQLiteError(code: code, connection: handle, sql: text)
                }
                cursor = tail
                guard let statement else { continue }  // whitespace or a comment
                defer { sqlite3_finalize(statement) }
                var result = sqlite3_step(statement)
                while result == SQLITE_ROW { result = sqlite3_step(statement) }
                guard result == SQLITE_DONE else { throw SQLiteError(code: result, connection: handle, sql: text) }
            }
        }
    }

    /// Prepares a statement owned by the caller.
    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(db: handle, sql: sql)
    }

    /// A statement kept for the life of the connection, for hot paths (append, load) that run the same SQL often.
    ///
    /// Call sites pass string literals, whose text lives at one address for the life of the process, so the
    /// first lookup is by that address. It is only a hint: the hit is taken when the text is equal (for the same
    /// literal `==` answers without reading the bytes), and any other string falls back to the text.
    func cached(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        let storage = sql.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } ?? 0
        if storage != 0, let hit = statementsByStorage.first(where: { $0.storage == storage }), hit.sql == sql {
            return hit.statement
        }
        let statement: SQLiteStatement
        if let known = statementCache[sql] {
            statement = known
        } else {
            statement = try prepare(sql)
            statementCache[sql] = statement
        }
        if storage != 0 {
            if let index = statementsByStorage.firstIndex(where: { $0.storage == storage }) {
                statementsByStorage[index] = (storage, sql, statement)
            } else if statementsByStorage.count < Self.storageHints {
                statementsByStorage.append((storage, sql, statement))
            }
        }
        return statement
    }

    /// The first column of the first row of a pragma (or any query), as text.
    func pragmaText(_ sql: String) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        try statement.bind([])
        defer { statement.reset() }
        return try statement.step() ? statement.text(0) : nil
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// True while a transaction is open on this connection.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
