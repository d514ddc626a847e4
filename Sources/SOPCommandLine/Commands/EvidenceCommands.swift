import Foundation
import SOPCore
import SOPSQLite

/// `sop evidence get`: hands an evidence file to an officer who takes part in the instance's procedure.
///
/// Every read is an `evidence-read` event and every refusal an `evidence-refused` event of the instance,
/// so the history says who saw the exempted documents, and who tried to.
enum EvidenceCommands {
    static let get = Command(
        spec: CommandSpec(name: "get",
                          abstract: Text(en: "Copy an evidence file out of the store, recording who read it.",
                                         id: "Salin berkas bukti dari penyimpanan, dengan mencatat siapa yang membacanya."),
                          discussion: Text(en: "Only an officer holding a role of the instance's procedure in its agency may read; anyone else is refused, and the refusal is recorded too. The file is checked against its SHA-256 first.",
                                           id: "Hanya pegawai yang memegang peran prosedur instans itu di instansinya yang boleh membaca; yang lain ditolak, dan penolakan juga dicatat. Berkas diperiksa terhadap SHA-256-nya lebih dahulu."),
                          arguments: [InstanceCommands.instanceArgument,
                                      ArgumentSpec(name: "evidence", help: Text(en: "The item id (latest file recorded under it) or the file's SHA-256.",
                                                                                id: "Id butir (berkas terakhir yang dicatat dengan id itu) atau SHA-256 berkas."))],
                          options: [InstanceCommands.byOption,
                                    OptionSpec(name: "to", valueName: "file", help: Text(en: "A new file to write (created 0600; never overwritten).",
                                                                                         id: "Berkas baru yang ditulis (dibuat 0600; tidak pernah ditimpa)."),
                                               isRequired: true)]),
        run: { invocation throws(CommandFailure) in
            let parsed = invocation.parsed
            guard let byText = parsed.value("by") else { throw .usage(.missingOption("by", path: parsed.path)) }
            guard let to = parsed.value("to") else { throw .usage(.missingOption("to", path: parsed.path)) }
            let nip = try NIPFormat.normalized(byText)
            let requested = parsed.arguments[1]
            let target = invocation.context.url(for: to).path
            let store = try StoreAccess.open(invocation)
            let now = invocation.context.clock.now
            let loaded = try InstanceSession.load(parsed.arguments[0], store: store)
            let officer: Officer?
            do throws(StoreError) { officer = try store.officer(nip: nip) } catch { throw StoreAccess.failure(error) }
            let l = invocation.language

            guard let officer, let role = Engine.evidenceReadingRole(of: officer, state: loaded.state, procedure: loaded.procedure) else {
                let reason = officer == nil ? "unknown-officer" : "not-a-participant"
                let access = EvidenceAccess(reader: nip, requested: requested, reason: reason)
                let sequence = try record(access, granted: false, officer: officer, role: nil, instance: loaded, store: store, now: now)
                let roles = loaded.procedure.actors.map(\.id.rawValue).joined(separator: ", ")
                throw CommandFailure(.refused, code: "evidence-refused",
                                     Text(en: "\(nip) holds no role of \(loaded.procedure.id) in \(loaded.state.agencyID) (roles: \(roles)), so may not read its evidence. The refusal was recorded as event #\(sequence).",
                                          id: "\(nip) tidak memegang peran \(loaded.procedure.id) di \(loaded.state.agencyID) (peran: \(roles)), jadi tidak boleh membaca buktinya. Penolakan dicatat sebagai kejadian #\(sequence)."))
            }
            guard let (item, file) = Engine.evidenceFiles(matching: requested, in: loaded.state).first else {
                let files = loaded.state.completions.flatMap { $0.requirements + $0.outputs }
                    .filter { if case .file = $0.content { true } else { false } }.map(\.id.rawValue)
                let list = Array(Set(files)).sorted().joined(separator: ", ")
                throw CommandFailure(.refused, code: "unknown-evidence",
                                     Text(en: "Instance \(loaded.state.id) has no evidence file '\(requested)'. Files: \(list.isEmpty ? "none" : list).",
                                          id: "Instans \(loaded.state.id) tidak memiliki berkas bukti '\(requested)'. Berkas: \(list.isEmpty ? "tidak ada" : list)."))
            }
            let blob: EvidenceBlob?
            do throws(StoreError) { blob = try store.evidence(sha256: file.sha256) } catch { throw StoreAccess.failure(error) }
            guard let blob else {
                throw CommandFailure(.dataError, code: "evidence-missing",
                                     Text(en: "The bytes of '\(item)' (sha256 \(file.sha256)) are not in the store. Run 'sop audit verify \(loaded.state.id)'.",
                                          id: "Isi berkas '\(item)' (sha256 \(file.sha256)) tidak ada di penyimpanan. Jalankan 'sop audit verify \(loaded.state.id)'."))
            }
            let actual: String
            do throws(StoreError) { actual = try ContentHash.sha256(blob.data) } catch { throw StoreAccess.failure(error) }
            guard actual == file.sha256, blob.data.count == file.size else {
                throw CommandFailure(.dataError, code: "evidence-corrupt",
                                     Text(en: "The stored bytes of '\(item)' no longer match their record (sha256 \(file.sha256), \(file.size) bytes; found \(actual), \(blob.data.count) bytes). Nothing was written. Restore from a backup.",
                                          id: "Isi berkas '\(item)' yang tersimpan tidak cocok lagi dengan catatannya (sha256 \(file.sha256), \(file.size) byte; ditemukan \(actual), \(blob.data.count) byte). Tidak ada yang ditulis. Pulihkan dari cadangan."))
            }

            // Written under a temporary name, recorded, then published: a file handed out is always a recorded read.
            guard !FileManager.default.fileExists(atPath: target) else { throw PrivateFile.exists(target) }
            let partial = target + ".sop-partial"
            try PrivateFile.create(partial, data: blob.data)
            let sequence: Int
            do throws(CommandFailure) {
                let access = EvidenceAccess(reader: nip, requested: requested, item: item, sha256: file.sha256)
                sequence = try record(access, granted: true, officer: officer, role: role, instance: loaded, store: store, now: now)
                try PrivateFile.publish(partial, as: target)
            } catch {
                unlink(partial)
                throw error
            }
            if invocation.json {
                invocation.out(.object([("instance", .string(loaded.state.id.rawValue)), ("item", .string(item.rawValue)),
                                        ("sha256", .string(file.sha256)), ("size", .int(file.size)), ("name", .string(file.name)),
                                        ("to", .string(to)), ("sequence", .int(sequence))]))
            } else {
                invocation.out(Text(en: "Wrote \(file.name) (\(file.size) bytes, sha256 verified) to \(to); the read is event #\(sequence).",
                                    id: "\(file.name) (\(file.size) byte, sha256 terverifikasi) ditulis ke \(to); pembacaan ini kejadian #\(sequence).")(l) + "\n")
            }
            return .success
        })

    /// Appends the access event; retries on a conflict (a read must not fail because someone completed a step meanwhile).
    private static func record(_ access: EvidenceAccess, granted: Bool, officer: Officer?, role: ActorID?,
                               instance: LoadedInstance, store: any EventStore, now: Date) throws(CommandFailure) -> Int {
        var loaded = instance
        var attempt = 0
        while true {
            attempt += 1
            let transition: Engine.Transition
            do throws(EngineError) {
                transition = try Engine.recordEvidenceAccess(access, granted: granted, officer: officer, role: role,
                                                             state: loaded.state, procedure: loaded.procedure, now: now)
            } catch {
                throw EngineMessages.failure(error, time: loaded.time)
            }
            do throws(CommandFailure) {
                try InstanceSession.append(transition, expectedSequence: loaded.state.lastSequence, instanceID: loaded.state.id,
                                           store: store, conflictDetail: false, before: loaded.state,
                                           procedure: loaded.procedure, calendar: nil)
                return transition.state.lastSequence
            } catch where error.code == "conflict" && attempt < 5 {
                loaded = try InstanceSession.load(loaded.state.id.rawValue, store: store)
            }
        }
    }

    static let group = CommandSpec(name: "evidence", abstract: Text(en: "Read evidence files, with every read recorded.",
                                                                    id: "Baca berkas bukti, dengan setiap pembacaan dicatat."),
                                   subcommands: [get.spec])

    static let nested: [String: Command] = ["evidence get": get]
}
