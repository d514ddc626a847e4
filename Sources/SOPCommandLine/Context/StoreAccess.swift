import Foundation
import SOPCore
import SOPSQLite

/// Opens the store a command works on: `--store`, else `$SOP_STORE`, else `sop.sqlite` in the current directory.
enum StoreAccess {
    static let defaultFileName = "sop.sqlite"

    static func path(_ parsed: ParsedCommand, _ context: CommandContext) -> String {
        context.path(for: parsed.value("store") ?? context.environment[EnvironmentVariable.store] ?? defaultFileName)
    }

    /// Opens (creating when needed, readable by its owner only) the SQLite store.
    ///
    /// Refuses (exit 1) a store whose files group or others can read: it holds exempted information.
    /// Checked before opening and again after, since SQLite creates `-wal`/`-shm` on open.
    static func open(_ invocation: Invocation) throws(CommandFailure) -> any EventStore {
        let path = path(invocation.parsed, invocation.context)
        func refuseIfShared() throws(CommandFailure) {
            let access: StoreFileAccess
            do throws(StoreError) { access = try SQLiteEventStore.checkPermissions(path: path) } catch { throw failure(error, path: path) }
            let shared = access.readableByOthers
            guard !shared.isEmpty else { return }
            let modes = shared.map { "\($0.path) (" + String($0.permissions, radix: 8) + ")" }.joined(separator: ", ")
            let fix = "chmod 600 " + shared.map { "'\($0.path)'" }.joined(separator: " ")
            throw CommandFailure(.refused, code: "store-not-private",
                                 Text(en: "The store can be read by others: \(modes). It holds exempted information, so sop will not use it. Fix: \(fix)",
                                      id: "Penyimpanan dapat dibaca pihak lain: \(modes). Isinya informasi yang dikecualikan, jadi sop tidak akan memakainya. Perbaiki: \(fix)"))
        }
        if FileManager.default.fileExists(atPath: path) { try refuseIfShared() }
        let store: SQLiteEventStore
        do throws(StoreError) {
            store = try SQLiteEventStore(path: path)
        } catch {
            throw failure(error, path: path)
        }
        try refuseIfShared()
        return store
    }

    /// A store error as the user reads it.
    static func failure(_ error: StoreError, path: String? = nil) -> CommandFailure {
        let place = path.map { " (\($0))" } ?? ""
        switch error {
        case .io(let message):
            return CommandFailure(.ioError, code: "store-io",
                                  Text(en: "The store could not be used\(place): \(message)",
                                       id: "Penyimpanan tidak dapat dipakai\(place): \(message)"))
        case .corrupt(let message):
            return CommandFailure(.ioError, code: "store-corrupt",
                                  Text(en: "The store holds data that fails its checks\(place): \(message)",
                                       id: "Penyimpanan memuat data yang gagal diperiksa\(place): \(message)"))
        case .conflict(let instance, _, _):
            return CommandFailure(.refused, code: "conflict",
                                  Text(en: "Instance \(instance) was changed by someone else; nothing was recorded. Run 'sop status \(instance)' and try again.",
                                       id: "Instans \(instance) telah diubah orang lain; tidak ada yang dicatat. Jalankan 'sop status \(instance)' lalu coba lagi."))
        case .rosterRefused(let refusal):
            switch refusal {
            case .officerExists(let nip):
                return CommandFailure(.refused, code: "officer-exists",
                                      Text(en: "Officer \(nip) is already on the roster.", id: "Pegawai \(nip) sudah ada dalam daftar."))
            case .unknownOfficer(let nip):
                return unknownOfficer(nip)
            case .roleAlreadyHeld(let nip, let grant):
                return CommandFailure(.refused, code: "role-already-held",
                                      Text(en: "Officer \(nip) already holds \(grant.role) in \(grant.agencyID).",
                                           id: "Pegawai \(nip) sudah memegang peran \(grant.role) di \(grant.agencyID)."))
            case .roleNotHeld(let nip, let grant):
                return CommandFailure(.refused, code: "role-not-held",
                                      Text(en: "Officer \(nip) does not hold \(grant.role) in \(grant.agencyID).",
                                           id: "Pegawai \(nip) tidak memegang peran \(grant.role) di \(grant.agencyID)."))
            }
        }
    }

    static func unknownOfficer(_ nip: String) -> CommandFailure {
        CommandFailure(.refused, code: "unknown-officer",
                       Text(en: "No officer with NIP \(nip) on the roster. Add one with 'sop officers add \(nip) --name NAME'.",
                            id: "Tidak ada pegawai dengan NIP \(nip). Tambahkan dengan 'sop officers add \(nip) --name NAMA'."))
    }

    /// The acting officer named by `--by`.
    static func officer(_ invocation: Invocation, store: any EventStore) throws(CommandFailure) -> Officer {
        guard let given = invocation.parsed.value("by") else {
            throw .usage(.missingOption("by", path: invocation.parsed.path))
        }
        let nip = try NIPFormat.normalized(given)
        let found: Officer?
        do throws(StoreError) { found = try store.officer(nip: nip) } catch { throw failure(error) }
        guard let found else { throw unknownOfficer(nip) }
        return found
    }
}

/// A NIP as typed (spaces allowed) turned into its 18 digits, or a clear refusal.
enum NIPFormat {
    static func normalized(_ text: String) throws(CommandFailure) -> String {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw CommandFailure(.dataError, code: "invalid-nip",
                                 Text(en: "'\(text)' is not a NIP: a NIP has 18 digits (birth date, appointment month, sex, sequence).",
                                      id: "'\(text)' bukan NIP: NIP terdiri atas 18 digit (tanggal lahir, bulan pengangkatan, jenis kelamin, nomor urut)."))
        }
        return digits
    }
}
