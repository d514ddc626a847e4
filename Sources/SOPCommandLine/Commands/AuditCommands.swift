import Foundation
import SOPCore
import SOPSQLite

/// `sop audit verify|export`: prove that the stored history is the one sop wrote (see `EventChain`).
enum AuditCommands {
    static let verify = Command(
        spec: CommandSpec(name: "verify",
                          abstract: Text(en: "Re-compute the hash chains and evidence hashes; report the first tampered event.",
                                         id: "Hitung ulang rantai hash dan hash bukti; laporkan kejadian pertama yang diubah."),
                          discussion: Text(en: "Exit 0 when every history is intact, 65 when an event was edited, deleted, inserted or reordered, or an evidence file no longer matches its hash.",
                                           id: "Keluar 0 bila semua riwayat utuh, 65 bila ada kejadian yang diubah, dihapus, disisipkan atau dipindah, atau berkas bukti tidak cocok lagi dengan hash-nya."),
                          arguments: [ArgumentSpec(name: "instance", help: Text(en: "Only this instance (default: all).", id: "Hanya instans ini (bawaan: semua)."),
                                                   isOptional: true)]),
        run: { invocation throws(CommandFailure) in
            let store = try StoreAccess.open(invocation)
            var ids: [InstanceID]
            var unknown: String?
            do throws(StoreError) {
                if let given = invocation.parsed.arguments.first {
                    let id = InstanceID(given)
                    ids = [id]
                    if try store.header(of: id) == nil, try store.events(of: id).isEmpty { unknown = given }
                } else if let sqlite = store as? SQLiteEventStore {
                    ids = try sqlite.auditedInstanceIDs()
                } else {
                    ids = try store.headers(matching: InstanceFilter()).map(\.id)
                }
            } catch { throw StoreAccess.failure(error) }
            if let unknown { throw InstanceSession.unknownInstance(unknown, store: store) }
            var rows: [JSONValue] = []
            var problems: [Text] = []
            for id in ids {
                let records: [EventRecord]
                let found: ChainBreak?
                let evidence: [EvidenceCheckResult]
                do throws(StoreError) {
                    records = try store.events(of: id)
                    found = try ChainAudit.verify(id, in: store)
                    evidence = try EvidenceCheckResult.check(records, store: store)
                } catch { throw StoreAccess.failure(error) }
                let damaged = evidence.filter { $0.status != .intact }
                if let found { problems.append(AuditJSON.describe(found)) }
                for item in damaged {
                    problems.append(Text(en: "\(id): evidence \(item.sha256) (\(item.names.joined(separator: ", "))) is \(item.status.rawValue)",
                                         id: "\(id): bukti \(item.sha256) (\(item.names.joined(separator: ", "))) \(item.status == .missing ? "hilang" : "rusak")"))
                }
                rows.append(.object([("instance", .string(id.rawValue)), ("events", .int(records.count)),
                                     ("head", .optional(records.last?.hash)), ("intact", .bool(found == nil && damaged.isEmpty)),
                                     ("break", found.map(AuditJSON.chainBreak) ?? .null),
                                     ("evidence", .array(evidence.map(AuditJSON.evidence)))]))
            }
            let l = invocation.language
            if invocation.json {
                invocation.out(.object([("intact", .bool(problems.isEmpty)), ("checked", .int(ids.count)), ("instances", .array(rows))]))
            } else if problems.isEmpty {
                invocation.out(Text(en: "Intact: \(ids.count) instance(s); every event matches its seal and every evidence file its hash.",
                                    id: "Utuh: \(ids.count) instans; setiap kejadian cocok dengan segelnya dan setiap berkas bukti dengan hash-nya.")(l) + "\n")
            } else {
                invocation.err(Text(en: "TAMPERED: \(problems.count) problem(s) in \(ids.count) instance(s):",
                                    id: "DIUBAH: \(problems.count) masalah pada \(ids.count) instans:")(l) + "\n")
                for problem in problems { invocation.err("  " + problem(l) + "\n") }
            }
            return problems.isEmpty ? .success : .dataError
        })

    static let export = Command(
        spec: CommandSpec(name: "export",
                          abstract: Text(en: "Write a self-contained, independently verifiable JSON record of an instance.",
                                         id: "Tulis catatan JSON mandiri sebuah instans yang dapat diverifikasi secara independen."),
                          discussion: Text(en: "The record holds the definition version, every event as stored with its seal, and the evidence hashes. See the README, 'Verifying an export'.",
                                           id: "Catatan memuat versi definisi, setiap kejadian sebagaimana tersimpan beserta segelnya, dan hash bukti. Lihat README, 'Verifying an export'."),
                          arguments: [InstanceCommands.instanceArgument],
                          options: [OptionSpec(name: "to", valueName: "file",
                                               help: Text(en: "Write to this new file (created 0600) instead of standard output.",
                                                          id: "Tulis ke berkas baru ini (dibuat 0600), bukan ke keluaran standar."))]),
        run: { invocation throws(CommandFailure) in
            let store = try StoreAccess.open(invocation)
            let given = invocation.parsed.arguments[0]
            let id = InstanceID(given)
            let header: InstanceHeader?
            do throws(StoreError) { header = try store.header(of: id) } catch { throw StoreAccess.failure(error) }
            guard let header else { throw InstanceSession.unknownInstance(given, store: store) }
            let document: JSONValue
            let found: ChainBreak?
            do throws(StoreError) {
                guard let definition = try store.definition(hash: header.definitionHash) else {
                    throw StoreError.corrupt(message: "definition version \(header.definitionHash) is missing")
                }
                let records = try store.events(of: id)
                found = try ChainAudit.verify(id, in: store)
                document = AuditExportJSON.render(header: header, definition: definition, records: records, chainBreak: found,
                                                  evidence: try EvidenceCheckResult.check(records, store: store))
            } catch { throw StoreAccess.failure(error) }
            let l = invocation.language
            if let path = invocation.parsed.value("to") {
                try PrivateFile.create(invocation.context.url(for: path).path, data: Data(document.rendered().utf8))
                if !invocation.json {
                    invocation.out(Text(en: "Exported \(id) to \(path).", id: "\(id) diekspor ke \(path).")(l) + "\n")
                }
            } else {
                invocation.out(document)
            }
            if let found {
                invocation.err(Text(en: "Warning: the exported history is not intact: ", id: "Peringatan: riwayat yang diekspor tidak utuh: ")(l)
                               + AuditJSON.describe(found)(l) + "\n")
                return .dataError
            }
            return .success
        })

    static let group = CommandSpec(name: "audit", abstract: Text(en: "Check and export the tamper-evident history.",
                                                                 id: "Periksa dan ekspor riwayat yang tahan-ubah."),
                                   subcommands: [verify.spec, export.spec])

    static let nested: [String: Command] = ["audit verify": verify, "audit export": export]
}
