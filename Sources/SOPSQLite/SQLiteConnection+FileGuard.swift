import CSQLite
import Foundation

/// Guards against the store file being deleted or replaced while a command holds it open.
///
/// SQLite keeps an unlinked file's inode open: a commit then "succeeds" into a file nobody will ever open
/// again (in WAL mode the close even skips the checkpoint, leaving the log orphaned). ``inTransaction(_:_:)``
/// checks before `COMMIT` (and rolls back) and again after it (and fails the command), so `sop` never
/// acknowledges a command that is not in the file at its path. A change between the second check and the
/// process's exit is not seen (see README, Reliability).
///
/// Truncation is left to SQLite: a size check against the header races with other processes' checkpoints
/// (which write page 1 before growing the file), so it would refuse good commands under load.
extension SQLiteConnection {
    /// Throws `SQLITE_IOERR` when the database file at this connection's path is no longer the file it opened.
    /// In-memory and read-only connections are not checked.
    func checkFileUnchanged(committed: Bool) throws(SQLiteError) {
        guard case .file(let path) = location, access == .readWrite else { return }
        var moved: Int32 = 0
        let code = sqlite3_file_control(handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved)
        guard code == SQLITE_OK, moved != 0 else { return }
        throw SQLiteError(code: SQLITE_IOERR, message: committed
            ? "the store file \(path) was deleted, moved or replaced while this command ran; what it recorded went into the old file, not the store at this path"
            : "the store file \(path) was deleted, moved or replaced while this command ran; nothing was recorded")
    }
}

extension SQLiteEventStore {
    /// Why a store could not be opened for writing, when the cause is a read-only file, folder or file system
    /// (SQLite only says "unable to open database file" or "attempt to write a readonly database").
    static func readOnlyHint(path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let place = folder.isEmpty ? "." : folder
        func failure(_ target: String) -> Int32? {
            guard access(target, W_OK) != 0 else { return nil }
            let code = errno
            return [EROFS, EACCES, EPERM].contains(code) ? code : nil
        }
        if let code = failure(place) {
            return code == EROFS
                ? ". The store is on a read-only file system; sop must write the store and its -wal and -shm files beside it"
                : ". The folder \(place) is not writable; sop must create the store's -wal and -shm files beside it"
        }
        if let code = failure(path) {
            return code == EROFS ? ". The store is on a read-only file system; sop must write it" : ". The store file is read-only; sop must write it"
        }
        return ""
    }
}
