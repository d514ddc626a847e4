import Foundation
import SOPCore
import SOPSQLite

/// The officer's commands: start, inbox, list, status, complete, return, cancel, note, history.
enum InstanceCommands {
    static let byOption = OptionSpec(name: "by", valueName: "nip",
                                     help: Text(en: "NIP of the officer acting.", id: "NIP pegawai yang bertindak."), isRequired: true)
    static let atOption = OptionSpec(name: "at", valueName: "time",
                                     help: Text(en: "When it happened, for work recorded after the fact (YYYY-MM-DD HH:MM in the POS's zone, or ISO 8601). (default: now)",
                                                id: "Kapan terjadi, untuk pekerjaan yang dicatat kemudian (YYYY-MM-DD HH:MM zona POS, atau ISO 8601). (bawaan: sekarang)"))
    static let reasonOption = OptionSpec(name: "reason", valueName: "text", help: Text(en: "Why.", id: "Alasannya."), isRequired: true)
    static let instanceArgument = ArgumentSpec(name: "instance", help: Text(en: "Instance id.", id: "Id instans."))

    static let start = Command(
        spec: CommandSpec(name: "start", abstract: Text(en: "Start an instance of a procedure.", id: "Mulai instans sebuah prosedur."),
                          arguments: [ArgumentSpec(name: "definition", help: Text(en: "Definition id.", id: "Id definisi."))],
                          options: [byOption,
                                    OptionSpec(name: "title", valueName: "text",
                                               help: Text(en: "What this instance is about.", id: "Perihal instans ini.")),
                                    atOption]),
        run: { invocation throws(CommandFailure) in
            let catalog = try DefinitionCommands.loadedCatalog(invocation)
            let procedure = try DefinitionCommands.find(invocation.parsed.arguments[0], in: catalog.compactMap(\.procedure))
            // The exact bytes of that version: the instance is pinned to them by hash.
            let bytes = Data(catalog.first { $0.procedure == procedure }?.bytes ?? [])
            let store = try StoreAccess.open(invocation)
            let officer = try StoreAccess.officer(invocation, store: store)
            let time = LocalTime(zoneID: procedure.calendar.timeZone)
            let at = try InstanceSession.at(invocation, time: time)
            let hash: String
            do throws(StoreError) { hash = try ContentHash.sha256(bytes) } catch { throw StoreAccess.failure(error) }
            do throws(StoreError) {
                try store.saveDefinition(DefinitionSnapshot(hash: hash, procedureID: procedure.id, version: procedure.version, json: bytes))
            } catch { throw StoreAccess.failure(error) }
            let now = invocation.context.clock.now
            var transition: Engine.Transition?
            // Propose the next serial; if another officer took it first, take the one after.
            var serial: Int
            do throws(StoreError) { serial = try store.instanceCount() + 1 } catch { throw StoreAccess.failure(error) }
            for _ in 0..<20 where transition == nil {
                let year = Calendar(identifier: .gregorian).dateComponents(in: time.zone, from: at ?? now).year ?? 0
                let id = InstanceID(String(format: "%@-%04d-%05d", procedure.agency.id, year, serial))
                do throws(CommandFailure) {
                    transition = try InstanceSession.perform(
                        .start(instanceID: id, definitionHash: hash, title: invocation.parsed.value("title"), at: at),
                        on: nil, procedure: procedure, officer: officer, now: now, store: store, instanceID: id)
                } catch {
                    guard error.code == "conflict" else { throw error }
                    serial += 1
                }
            }
            guard let transition else {
                throw StoreAccess.failure(.io(message: "could not allocate an instance id"))
            }
            let state = transition.state
            if invocation.json {
                invocation.out(InstanceJSON.header(state.header(), time: time))
            } else {
                invocation.out(state.id.rawValue + "\n")
            }
            return .success
        })

    static let complete = Command(
        spec: CommandSpec(name: "complete", abstract: Text(en: "Complete the active step as your role.",
                                                           id: "Selesaikan langkah aktif sesuai peran Anda."),
                          arguments: [instanceArgument],
                          options: [byOption,
                                    OptionSpec(name: "step", valueName: "step",
                                               help: Text(en: "The step you mean to complete (refused if it is not the active one).",
                                                          id: "Langkah yang hendak diselesaikan (ditolak bila bukan yang aktif).")),
                                    OptionSpec(name: "requirement", valueName: "id=file|text",
                                               help: Text(en: "A requirement (kelengkapan): a file to attach or a text reference.",
                                                          id: "Kelengkapan: berkas untuk dilampirkan atau rujukan teks."), isRepeating: true),
                                    OptionSpec(name: "output", valueName: "id=file|text",
                                               help: Text(en: "An output: a file to attach or a text reference.",
                                                          id: "Output: berkas untuk dilampirkan atau rujukan teks."), isRepeating: true),
                                    OptionSpec(name: "outcome", valueName: "label",
                                               help: Text(en: "The decision's outcome (e.g. ya, tidak).", id: "Hasil keputusan (mis. ya, tidak).")),
                                    OptionSpec(name: "note", valueName: "text", help: Text(en: "A remark.", id: "Catatan.")),
                                    atOption]),
        run: { invocation throws(CommandFailure) in
            try act(invocation) { _, at throws(CommandFailure) in
                var requirements = EvidenceArgument.Parsed()
                try EvidenceArgument.read(invocation.parsed.values("requirement"), option: "requirement", invocation: invocation, into: &requirements)
                var outputs = EvidenceArgument.Parsed()
                try EvidenceArgument.read(invocation.parsed.values("output"), option: "output", invocation: invocation, into: &outputs)
                let blobs = requirements.blobs + outputs.blobs.filter { blob in !requirements.blobs.contains { $0.sha256 == blob.sha256 } }
                return (.complete(step: invocation.parsed.value("step").map(StepID.init), requirements: requirements.items,
                                  outputs: outputs.items, outcome: invocation.parsed.value("outcome"),
                                  note: invocation.parsed.value("note"), at: at), blobs)
            }
        })

    /// After a command: the new state in a line (or JSON), and what was missing, since the peringatan make it a deviation.
    private static func report(_ transition: Engine.Transition, loaded: LoadedInstance, invocation: Invocation) throws(CommandFailure) {
        let l = invocation.language
        let state = transition.state
        let p = loaded.procedure
        if invocation.json {
            invocation.out(.object([("instance", InstanceJSON.header(state.header(), time: loaded.time)),
                                    ("events", .array(transition.events.map { InstanceJSON.event($0, time: loaded.time) }))]))
            return
        }
        for event in transition.events {
            if case .stepCompleted(let c) = event.payload, !(c.missingRequirements.isEmpty && c.missingOutputs.isEmpty) {
                let missing = (c.missingRequirements + c.missingOutputs).map(\.rawValue).joined(separator: ", ")
                invocation.out(Text(en: "Recorded as missing: \(missing).", id: "Dicatat tidak ada: \(missing).")(l) + "\n")
            }
        }
        switch state.status {
        case .done:
            invocation.out(Text(en: "\(state.id): done.", id: "\(state.id): selesai.")(l) + "\n")
        case .cancelled:
            invocation.out(Text(en: "\(state.id): cancelled.", id: "\(state.id): dibatalkan.")(l) + "\n")
        case .open:
            let step = state.activeStep.flatMap { p.step($0) }
            let actor = step.flatMap { p.actor($0.actor)?.name } ?? "-"
            invocation.out(Text(en: "\(state.id): now at step \(step?.number ?? "?") '\(step?.id.rawValue ?? "?")' (\(actor)).",
                                id: "\(state.id): kini di langkah \(step?.number ?? "?") '\(step?.id.rawValue ?? "?")' (\(actor)).")(l) + "\n")
        }
    }

    static let returnTo = Command(
        spec: CommandSpec(name: "return", abstract: Text(en: "Return the work to an earlier step for rework.",
                                                         id: "Kembalikan pekerjaan ke langkah sebelumnya untuk diperbaiki."),
                          arguments: [instanceArgument],
                          options: [byOption, OptionSpec(name: "to", valueName: "step", help: Text(en: "The earlier step.", id: "Langkah sebelumnya."), isRequired: true),
                                    reasonOption, atOption]),
        run: { invocation throws(CommandFailure) in
            try act(invocation) { _, at throws(CommandFailure) in
                (.returnTo(step: StepID(try invocation.parsed.required("to")), reason: try invocation.parsed.required("reason"), at: at), [])
            }
        })

    static let cancel = Command(
        spec: CommandSpec(name: "cancel", abstract: Text(en: "Cancel an instance.", id: "Batalkan instans."),
                          arguments: [instanceArgument], options: [byOption, reasonOption, atOption]),
        run: { invocation throws(CommandFailure) in
            try act(invocation) { _, at throws(CommandFailure) in (.cancel(reason: try invocation.parsed.required("reason"), at: at), []) }
        })

    static let note = Command(
        spec: CommandSpec(name: "note", abstract: Text(en: "Add a note to an instance.", id: "Tambahkan catatan pada instans."),
                          arguments: [instanceArgument],
                          options: [byOption, OptionSpec(name: "text", valueName: "text", help: Text(en: "The note.", id: "Catatannya."), isRequired: true), atOption]),
        run: { invocation throws(CommandFailure) in
            try act(invocation) { _, at throws(CommandFailure) in (.addNote(text: try invocation.parsed.required("text"), at: at), []) }
        })

    /// The shape of every command on one instance: open the store, name the officer, load the instance,
    /// read `--at`, perform what `command` builds (with any evidence to store), and report the new state.
    static func act(_ invocation: Invocation,
                    _ command: (LoadedInstance, Date?) throws(CommandFailure) -> (EngineCommand, [EvidenceBlob])) throws(CommandFailure) -> ExitCode {
        let store = try StoreAccess.open(invocation)
        let officer = try StoreAccess.officer(invocation, store: store)
        let loaded = try InstanceSession.load(invocation.parsed.arguments[0], store: store)
        let at = try InstanceSession.at(invocation, time: loaded.time)
        let (engineCommand, evidence) = try command(loaded, at)
        let calendar = try CalendarFiles(invocation).calendar(for: loaded.procedure)
        let transition = try InstanceSession.perform(engineCommand, on: loaded, procedure: loaded.procedure, officer: officer,
                                                     now: invocation.context.clock.now, store: store, evidence: evidence,
                                                     calendar: calendar)
        try report(transition, loaded: loaded, invocation: invocation)
        return .success
    }
}
