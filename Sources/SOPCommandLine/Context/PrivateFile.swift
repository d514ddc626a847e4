import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files sop writes beside the store (exports, evidence handed out): created owner-only (0600), never
/// replacing an existing file.
enum PrivateFile {
    /// Writes `data` to a new file at `path` with mode 0600, flushed to disk.
    static func create(_ path: String, data: Data) throws(CommandFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(0o600))
        guard descriptor >= 0 else {
            let code = errno
            throw code == EEXIST ? exists(path) : failure(path, code)
        }
        var failed: Int32?
        if fchmod(descriptor, mode_t(0o600)) != 0 { failed = errno }
        if failed == nil {
            failed = data.withUnsafeBytes { buffer -> Int32? in
                var offset = 0
                while offset < buffer.count, let base = buffer.baseAddress {
                    let written = write(descriptor, base + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += written
                }
                return nil
            }
        }
        if failed == nil, fsync(descriptor) != 0 { failed = errno }
        close(descriptor)
        if let failed {
            unlink(path)
            throw failure(path, failed)
        }
    }

    /// Gives the file at `from` the name `to` without ever replacing a file already there.
    static func publish(_ from: String, as to: String) throws(CommandFailure) {
        guard link(from, to) == 0 else {
            let code = errno
            throw code == EEXIST ? exists(to) : failure(to, code)
        }
        unlink(from)
    }

    static func exists(_ path: String) -> CommandFailure {
        CommandFailure(.ioError, code: "file-exists",
                       Text(en: "\(path) already exists; sop does not overwrite files. Choose another name.",
                            id: "\(path) sudah ada; sop tidak menimpa berkas. Pilih nama lain."))
    }

    private static func failure(_ path: String, _ code: Int32) -> CommandFailure {
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return CommandFailure(.ioError, code: "write-failed",
                              Text(en: "Cannot write \(path): \(reason)", id: "Tidak dapat menulis \(path): \(reason)"))
    }
}
