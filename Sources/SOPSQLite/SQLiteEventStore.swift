import CSQLite
import Foundation
import SOPCore

/// The ``EventStore`` of record: one SQLite file in WAL mode, written one `BEGIN IMMEDIATE` transaction per call.
///
/// The file holds exempted information, so it is created owner-only (0600, in a 0700 folder when the folder
/// is new); SQLite gives its `-wal` and `-shm` files the same mode. Optimistic concurrency (the
/// `expectedSequence` of each commit) is checked inside the write lock, so two `sop` processes acting on one
/// instance cannot both succeed. Every appended event is sealed into its instance's ``EventChain`` (SHA-256
/// from OpenSSL) inside the append transaction, and triggers refuse `UPDATE`/`DELETE` on events.
///
/// Not `Sendable`: it owns one connection. Open one store per thread of work.
public final class SQLiteEventStore: EventStore {
    let connection: SQLiteConnection
    /// Where the store lives, for messages.
    let displayName: String

    /// Opens (creating when missing) the store at `path` and brings its schema up to date.
    ///
    /// With `readOnly`, the file must exist and be fully migrated; nothing is created or changed.
    public convenience init(path: String, readOnly: Bool = false) throws(StoreError) {
        if !readOnly { try Self.createPrivateFile(at: path) }
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection(location: .file(path: path), access: readOnly ? .readOnly : .readWrite)
        } catch {
            if error.isCorruption { throw .corrupt(message: error.description) }
            throw .io(message: error.description + (readOnly ? "" : Self.readOnlyHint(path: path)))
        }
        try self.init(connection: connection, displayName: path)
    }

    /// A private store in memory that disappears with the object (tests, dry runs).
    public static func inMemory() throws(StoreError) -> SQLiteEventStore {
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection(location: .memory)
        } catch {
            throw .io(message: error.description)
        }
        return try SQLiteEventStore(connection: connection, displayName: ":memory:")
    }

    private init(connection: SQLiteConnection, displayName: String) throws(StoreError) {
        self.connection = connection
        self.displayName = displayName
        let migrator = SQLiteMigrator(Self.migrations, followUps: Self.migrationFollowUps)
        if connection.access == .readOnly {
            let pending = try perform { try migrator.pending(in: connection) }
            guard pending.isEmpty else {
                throw .corrupt(message: "store \(displayName) needs schema migrations "
                    + pending.map(\.id).joined(separator: ", ") + "; open it for writing once")
            }
        } else {
            _ = try perform { try migrator.migrate(connection) }
        }
    }

    /// Runs store work, turning SQLite failures into ``StoreError/io(message:)`` with SQLite's own message,
    /// or ``StoreError/corrupt(message:)`` when SQLite found the file damaged or not a database (nothing to
    /// retry: restore a backup).
    ///
    /// A busy database (another process held the lock past the 5 s timeout) is also `.io`: the command
    /// did nothing and can be retried.
    func perform<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw error.isCorruption ? .corrupt(message: error.description) : .io(message: error.description)
        } catch {
            throw .io(message: String(describing: error))
        }
    }

    /// Runs `body` in one immediate (write-locking) transaction, mapping errors as ``perform(_:)`` does.
    func write<T>(_ body: () throws -> T) throws(StoreError) -> T {
        try perform { try connection.inTransaction(.immediate, body) }
    }
}

@available(*, unavailable)
extension SQLiteEventStore: Sendable {}
