import CSQLite
import Foundation
import SOPCore

extension SQLiteEventStore {
    /// Copies the whole store to a new file at `path` (created 0600) with SQLite's online backup API.
    ///
    /// The copy is taken in one step, inside one read transaction: in WAL mode other processes keep
    /// writing meanwhile, and the copy is the store exactly as it was when the step began. An existing
    /// file is never overwritten. The caller verifies the copy (``integrityCheck()``, ``ChainAudit``).
    public func backup(to path: String) throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw .io(message: "\(path) already exists; a backup never overwrites a file")
        }
        try Self.createPrivateFile(at: path)
        var destination: OpaquePointer?
        let opened = sqlite3_open_v2(path, &destination, SQLITE_OPEN_READWRITE, nil)
        defer { sqlite3_close_v2(destination) }
        guard opened == SQLITE_OK, let destination else {
            throw .io(message: SQLiteError(code: opened, connection: destination).description)
        }
        guard let backup = sqlite3_backup_init(destination, "main", connection.handle, "main") else {
            throw .io(message: SQLiteError(code: sqlite3_extended_errcode(destination), connection: destination).description)
        }
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE, finished == SQLITE_OK else {
            let code = stepped == SQLITE_DONE ? finished : stepped
            unlink(path)  // a partial copy must not pass for a backup
            throw .io(message: "backup to \(path) failed: " + SQLiteError(code: code, connection: destination).description)
        }
    }
}
