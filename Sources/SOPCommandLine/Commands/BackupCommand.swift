import Foundation
import SOPCore
import SOPSQLite

/// `sop backup FILE`: a consistent copy of the store, taken while others keep working, and verified.
enum BackupCommand {
    static let backup = Command(
        spec: CommandSpec(name: "backup",
                          abstract: Text(en: "Copy the store to a new file while others keep working, then verify the copy.",
                                         id: "Salin penyimpanan ke berkas baru sementara yang lain tetap bekerja, lalu verifikasi salinannya."),
                          discussion: Text(en: "Uses SQLite's online backup API. The copy (created 0600, never over an existing file) passes SQLite's integrity_check and every audit chain before success is reported. To restore, see the README, 'Backups'.",
                                           id: "Memakai API backup daring SQLite. Salinan (dibuat 0600, tidak pernah menimpa berkas) harus lolos integrity_check SQLite dan setiap rantai audit sebelum dinyatakan berhasil. Cara memulihkan: README, 'Backups'."),
                          arguments: [ArgumentSpec(name: "file", help: Text(en: "The new backup file.", id: "Berkas cadangan baru."))]),
        run: { invocation throws(CommandFailure) in
            let target = invocation.context.url(for: invocation.parsed.arguments[0]).path
            guard !FileManager.default.fileExists(atPath: target) else { throw PrivateFile.exists(target) }
            let store = try StoreAccess.open(invocation)
            guard let sqlite = store as? SQLiteEventStore else {
                throw StoreAccess.failure(.io(message: "only a SQLite store can be backed up"))
            }
            let integrity: [String]
            let audit: (checked: Int, breaks: [ChainBreak])
            do throws(StoreError) {
                try sqlite.backup(to: target)
                let copy = try SQLiteEventStore(path: target)
                integrity = try copy.integrityCheck()
                audit = try ChainAudit.verifyAll(in: copy)
            } catch { throw StoreAccess.failure(error, path: target) }
            let l = invocation.language
            guard integrity == ["ok"], audit.breaks.isEmpty else {
                let problems = (integrity == ["ok"] ? [] : integrity) + audit.breaks.map { AuditJSON.describe($0)(l) }
                throw CommandFailure(.dataError, code: "backup-not-verified",
                                     Text(en: "The backup \(target) was written but does not verify: \(problems.joined(separator: "; ")). Run 'sop audit verify' on the store.",
                                          id: "Cadangan \(target) sudah ditulis tetapi tidak lolos verifikasi: \(problems.joined(separator: "; ")). Jalankan 'sop audit verify' pada penyimpanan."))
            }
            let size = ((try? FileManager.default.attributesOfItem(atPath: target)[.size]) as? Int) ?? 0
            if invocation.json {
                invocation.out(.object([("backup", .string(target)), ("bytes", .int(size)), ("integrity", .string("ok")),
                                        ("instances", .int(audit.checked)), ("chainsIntact", .bool(true))]))
            } else {
                invocation.out(Text(en: "Backup written to \(target) (\(size) bytes): integrity ok, \(audit.checked) instance chain(s) intact.",
                                    id: "Cadangan ditulis ke \(target) (\(size) byte): integritas baik, \(audit.checked) rantai instans utuh.")(l) + "\n")
            }
            return .success
        })
}
