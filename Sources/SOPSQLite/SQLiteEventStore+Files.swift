import Foundation
import SOPCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteEventStore {
    /// Reports the permissions of the store at `path` and its `-wal`/`-shm` files, so a caller can refuse
    /// a store that group or others can read.
    public static func checkPermissions(path: String) throws(StoreError) -> StoreFileAccess {
        var files: [StoreFileAccess.File] = []
        for (candidate, required) in [(path, true), (path + "-wal", false), (path + "-shm", false)] {
            var info = stat()
            guard stat(candidate, &info) == 0 else {
                let code = errno
                if !required && code == ENOENT { continue }
                throw .io(message: "cannot inspect \(candidate): \(errorText(code))")
            }
            files.append(.init(path: candidate, permissions: UInt32(info.st_mode) & 0o777))
        }
        return StoreFileAccess(files: files)
    }

    /// Creates the database file owner-only (0600) before SQLite opens it, and its folder (0700) when missing.
    ///
    /// Done here rather than with `umask`, which is process-wide and would race with other threads.
    /// An existing file is left as it is (``checkPermissions(path:)`` reports on it).
    static func createPrivateFile(at path: String) throws(StoreError) {
        guard path != ":memory:", !path.isEmpty else { return }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try createPrivateFolders(folder) }
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(0o600))
        if descriptor >= 0 {
            // A write-ahead log without its database: the store was deleted or moved while in use. SQLite
            // would replay that log into the new empty file and make a half store of it; refuse instead.
            var wal = stat()
            if stat(path + "-wal", &wal) == 0, wal.st_size > 0 {
                close(descriptor)
                unlink(path)
                throw .io(message: "\(path) is missing but its write-ahead log \(path)-wal remains: the store was deleted or "
                    + "moved while in use. Restore it from a backup (or move the -wal and -shm files aside to start an empty store)")
            }
            // The umask may have taken bits away (or a strange one left others'): set exactly 0600.
            let changed = fchmod(descriptor, mode_t(0o600))
            let code = errno
            close(descriptor)
            guard changed == 0 else { throw .io(message: "cannot restrict \(path) to 0600: \(errorText(code))") }
        } else {
            let code = errno
            guard code == EEXIST else { throw .io(message: "cannot create \(path): \(errorText(code))") }
        }
    }

    /// Creates each missing folder on the way to `folder` with mode 0700.
    private static func createPrivateFolders(_ folder: String) throws(StoreError) {
        var info = stat()
        if stat(folder, &info) == 0 { return }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder { try createPrivateFolders(parent) }
        guard mkdir(folder, mode_t(0o700)) == 0 else {
            let code = errno
            if code == EEXIST { return }  // created meanwhile by another process
            throw .io(message: "cannot create folder \(folder): \(errorText(code))")
        }
        guard chmod(folder, mode_t(0o700)) == 0 else {
            throw .io(message: "cannot restrict folder \(folder) to 0700: \(errorText(errno))")
        }
    }

    private static func errorText(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
