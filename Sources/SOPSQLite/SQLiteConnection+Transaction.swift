import CSQLite

extension SQLiteConnection {
    /// How a transaction takes its lock.
    enum TransactionKind {
        /// Takes locks as statements need them; for reads.
        case deferred
        /// Takes the write lock at BEGIN, so a read-then-write never deadlocks on upgrade: the default for writes.
        case immediate
        case exclusive

        /// The BEGIN statement, spelled out so no text is built per transaction.
        var begin: String {
            switch self {
            case .deferred: "BEGIN DEFERRED TRANSACTION"
            case .immediate: "BEGIN IMMEDIATE TRANSACTION"
            case .exclusive: "BEGIN EXCLUSIVE TRANSACTION"
            }
        }
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// The first error wins: a failed rollback never hides the error that caused it.
    ///
    ///     try connection.inTransaction(.immediate) {
    ///         try connection.cached("INSERT INTO officers(nip, name) VALUES (?1, ?2)").run([...])
    ///     }
    func inTransaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        // BEGIN and COMMIT are prepared once per connection: every command runs them.
        try cached(kind.begin).run()
        let result: T
        do {
            result = try body()
            // SQLite rolls back on its own after some errors (SQLITE_FULL, SQLITE_IOERR, ...);
            // committing then would silently do nothing.
            guard isInTransaction else {
                throw SQLiteError(code: SQLITE_ABORT, message: "transaction was rolled back by SQLite", sql: nil)
            }
            // A write into a store file deleted under this command would be lost (see FileGuard).
            if kind != .deferred { try checkFileUnchanged(committed: false) }
            try cached("COMMIT TRANSACTION").run()
            if kind != .deferred { try checkFileUnchanged(committed: true) }
        } catch {
            rollbackIfNeeded()
            throw error
        }
        return result
    }

    /// Rolls back when a transaction is still open, ignoring a rollback failure (the caller reports the cause).
    private func rollbackIfNeeded() {
        guard isInTransaction else { return }
        _ = try? execute("ROLLBACK TRANSACTION")
    }
}
