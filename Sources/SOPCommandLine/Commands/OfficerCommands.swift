import Foundation
import SOPCore

/// `sop officers add|list|grant|revoke`: the roster. Every change is kept as a roster event.
enum OfficerCommands {
    static let nipArgument = ArgumentSpec(name: "nip", help: Text(en: "The officer's NIP (18 digits).", id: "NIP pegawai (18 digit)."))
    static let agencyOption = OptionSpec(name: "agency", valueName: "id", help: Text(en: "Agency id (see 'sop definitions').",
                                                                                    id: "Id instansi (lihat 'sop definitions')."))
    static let roleOption = OptionSpec(name: "role", valueName: "actor", help: Text(en: "An actor (lane) id of that agency's procedures.",
                                                                                   id: "Id pelaksana pada prosedur instansi itu."))
    static let adminBy = OptionSpec(name: "by", valueName: "nip", help: Text(en: "NIP of whoever makes the change (recorded).",
                                                                            id: "NIP yang melakukan perubahan (dicatat)."))

    static func required(_ option: OptionSpec) -> OptionSpec {
        var copy = option
        copy.isRequired = true
        return copy
    }

    static let add = Command(
        spec: CommandSpec(name: "add", abstract: Text(en: "Add an officer to the roster.", id: "Tambahkan pegawai ke daftar."),
                          arguments: [nipArgument],
                          options: [OptionSpec(name: "name", valueName: "name", help: Text(en: "Full name with titles.", id: "Nama lengkap dengan gelar."), isRequired: true),
                                    adminBy]),
        run: { invocation throws(CommandFailure) in
            let nip = try NIPFormat.normalized(invocation.parsed.arguments[0])
            guard let name = invocation.parsed.value("name"), !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .usage(.missingOption("name", path: invocation.parsed.path))
            }
            let store = try StoreAccess.open(invocation)
            let by = try invocation.parsed.value("by").map { text throws(CommandFailure) in try NIPFormat.normalized(text) }
            do throws(StoreError) {
                try store.applyRosterChange(RosterChange(nip: nip, kind: .add(name: name), by: by, at: invocation.context.clock.now))
            } catch { throw StoreAccess.failure(error) }
            invocation.out(invocation.json ? JSONValue.object([("nip", .string(nip)), ("name", .string(name))]).rendered()
                           : Text(en: "Added \(name) (\(nip)).", id: "\(name) (\(nip)) ditambahkan.")(invocation.language) + "\n")
            return .success
        })

    static func change(grant: Bool) -> Command {
        Command(
            spec: CommandSpec(name: grant ? "grant" : "revoke",
                              abstract: grant ? Text(en: "Give an officer a role in an agency.", id: "Berikan peran di sebuah instansi kepada pegawai.")
                                              : Text(en: "Take a role away from an officer.", id: "Cabut peran dari pegawai."),
                              arguments: [nipArgument], options: [required(agencyOption), required(roleOption), adminBy]),
            run: { invocation throws(CommandFailure) in
                let nip = try NIPFormat.normalized(invocation.parsed.arguments[0])
                guard let agency = invocation.parsed.value("agency") else { throw .usage(.missingOption("agency", path: invocation.parsed.path)) }
                guard let role = invocation.parsed.value("role") else { throw .usage(.missingOption("role", path: invocation.parsed.path)) }
                if grant { try checkRole(agency: agency, role: role, invocation: invocation) }
                let store = try StoreAccess.open(invocation)
                let by = try invocation.parsed.value("by").map { text throws(CommandFailure) in try NIPFormat.normalized(text) }
                let roleGrant = RoleGrant(agencyID: agency, role: ActorID(role))
                do throws(StoreError) {
                    try store.applyRosterChange(RosterChange(nip: nip, kind: grant ? .grant(roleGrant) : .revoke(roleGrant), by: by,
                                                             at: invocation.context.clock.now))
                } catch { throw StoreAccess.failure(error) }
                let l = invocation.language
                if invocation.json {
                    invocation.out(.object([("nip", .string(nip)), ("agency", .string(agency)), ("role", .string(role)),
                                            ("granted", .bool(grant))]))
                } else {
                    invocation.out((grant ? Text(en: "\(nip) now holds \(role) in \(agency).", id: "\(nip) kini memegang \(role) di \(agency).")
                                          : Text(en: "\(nip) no longer holds \(role) in \(agency).", id: "\(nip) tidak lagi memegang \(role) di \(agency)."))(l) + "\n")
                }
                return .success
            })
    }

    /// A grant must name an agency and an actor that the loaded definitions know, so typos are caught here.
    private static func checkRole(agency: String, role: String, invocation: Invocation) throws(CommandFailure) {
        let procedures = DefinitionCommands.loadAll(invocation, paths: [], lint: false).compactMap(\.procedure)
        guard !procedures.isEmpty else { return }
        let agencies = Array(Set(procedures.map(\.agency.id))).sorted()
        guard agencies.contains(agency) else {
            let hint = closestMatch(to: agency, in: agencies)
            throw CommandFailure(.dataError, code: "unknown-agency",
                                 Text(en: "No definition belongs to agency '\(agency)'." + (hint.map { " Did you mean '\($0)'?" } ?? "")
                                        + " Agencies: \(agencies.joined(separator: ", ")).",
                                      id: "Tidak ada definisi milik instansi '\(agency)'." + (hint.map { " Maksud Anda '\($0)'?" } ?? "")
                                        + " Instansi: \(agencies.joined(separator: ", "))."))
        }
        let roles = Array(Set(procedures.filter { $0.agency.id == agency }.flatMap { $0.actors.map(\.id.rawValue) })).sorted()
        guard roles.contains(role) else {
            let hint = closestMatch(to: role, in: roles)
            throw CommandFailure(.dataError, code: "unknown-role",
                                 Text(en: "Agency '\(agency)' has no role '\(role)'." + (hint.map { " Did you mean '\($0)'?" } ?? "")
                                        + " Roles: \(roles.joined(separator: ", ")).",
                                      id: "Instansi '\(agency)' tidak punya peran '\(role)'." + (hint.map { " Maksud Anda '\($0)'?" } ?? "")
                                        + " Peran: \(roles.joined(separator: ", "))."))
        }
    }

    static let list = Command(
        spec: CommandSpec(name: "list", abstract: Text(en: "List the roster.", id: "Tampilkan daftar pegawai."),
                          options: [agencyOption]),
        run: { invocation throws(CommandFailure) in
            let store = try StoreAccess.open(invocation)
            var officers: [Officer]
            do throws(StoreError) { officers = try store.officers() } catch { throw StoreAccess.failure(error) }
            if let agency = invocation.parsed.value("agency") {
                officers = officers.filter { $0.grants.contains { $0.agencyID == agency } }
            }
            let l = invocation.language
            if invocation.json {
                invocation.out(.array(officers.map { o in
                    .object([("nip", .string(o.nip)), ("name", .string(o.name)),
                             ("roles", .array(o.grants.sorted().map { .object([("agency", .string($0.agencyID)), ("role", .string($0.role.rawValue))]) }))])
                }))
            } else if officers.isEmpty {
                invocation.out(Text(en: "The roster is empty.", id: "Daftar pegawai kosong.")(l) + "\n")
            } else {
                invocation.out(TableRenderer.render(
                    headers: ["NIP", Text(en: "NAME", id: "NAMA")(l), Text(en: "ROLES", id: "PERAN")(l)],
                    rows: officers.map { o in [o.nip, o.name, o.grants.sorted().map { "\($0.agencyID):\($0.role)" }.joined(separator: " ")] },
                    width: 80))
            }
            return .success
        })

    static let group = CommandSpec(name: "officers", abstract: Text(en: "Manage the roster of officers and their roles.",
                                                                    id: "Kelola daftar pegawai dan perannya."),
                                   subcommands: [add.spec, list.spec, change(grant: true).spec, change(grant: false).spec])

    static let nested: [String: Command] = ["officers add": add, "officers list": list,
                                            "officers grant": change(grant: true), "officers revoke": change(grant: false)]
}
