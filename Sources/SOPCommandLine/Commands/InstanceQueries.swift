import Foundation
import SOPCore

/// Read-only views of instances: inbox, list, status, history.
enum InstanceQueries {
    static let inbox = Command(
        spec: CommandSpec(name: "inbox", abstract: Text(en: "List the active steps waiting for your roles, oldest first.",
                                                        id: "Daftar langkah aktif yang menunggu peran Anda, terlama dahulu."),
                          options: [InstanceCommands.byOption]),
        run: { invocation throws(CommandFailure) in
            let store = try StoreAccess.open(invocation)
            let officer = try StoreAccess.officer(invocation, store: store)
            let headers: [InstanceHeader]
            do throws(StoreError) {
                headers = officer.grants.isEmpty ? [] : try store.headers(matching: InstanceFilter(statuses: [.open], activeFor: officer.grants))
            } catch { throw StoreAccess.failure(error) }
            let now = invocation.context.clock.now
            let l = invocation.language
            var rows: [[String]] = []
            var json: [JSONValue] = []
            let procedures = InstanceSession.ProcedureCache()
            let calendars = CalendarFiles(invocation)
            for header in headers.sorted(by: { ($0.activeSince ?? $0.startedAt) < ($1.activeSince ?? $1.startedAt) }) {
                let procedure = try procedures.procedure(hash: header.definitionHash, store: store)
                let time = LocalTime(zoneID: procedure.calendar.timeZone)
                let step = header.activeStep.flatMap { procedure.step($0) }
                let since = header.activeSince ?? header.startedAt
                let waited = Int(now.timeIntervalSince(since) / 60)
                let sla = try step.map { step throws(CommandFailure) in
                    SLAStatus(step: step.id, limit: step.timeLimit, activeSince: since, calendar: try calendars.calendar(for: procedure), at: now)
                }
                rows.append([header.id.rawValue, header.activeStep?.rawValue ?? "-",
                             procedure.actor(header.activeActor ?? "")?.name ?? "-",
                             Durations.text(minutes: waited, l), sla.map { SLAText.left($0, time: time, language: l) } ?? "-"])
                var entry = InstanceJSON.header(header, time: time)
                if case .object(var members) = entry {
                    members.append(("waitedMinutes", .int(waited)))
                    members.append(("sla", sla.map { InstanceJSON.sla($0, time: time) } ?? .null))
                    entry = .object(members)
                }
                json.append(entry)
            }
            if invocation.json {
                invocation.out(.array(json))
            } else if rows.isEmpty {
                invocation.out(Text(en: "Nothing is waiting for \(officer.name).", id: "Tidak ada yang menunggu \(officer.name).")(l) + "\n")
            } else {
                invocation.out(TableRenderer.render(
                    headers: [Text(en: "INSTANCE", id: "INSTANS")(l), Text(en: "STEP", id: "LANGKAH")(l),
                              Text(en: "ROLE", id: "PERAN")(l),
                              Text(en: "WAITED", id: "MENUNGGU")(l), Text(en: "WORKING TIME LEFT", id: "SISA WAKTU KERJA")(l)],
                    rows: rows, width: 80))
            }
            return .success
        })

    static let list = Command(
        spec: CommandSpec(name: "list", abstract: Text(en: "List instances.", id: "Daftar instans."),
                          options: [OptionSpec(name: "open", valueName: nil, help: Text(en: "Only open ones.", id: "Hanya yang terbuka.")),
                                    OptionSpec(name: "done", valueName: nil, help: Text(en: "Only finished ones.", id: "Hanya yang selesai.")),
                                    OptionSpec(name: "cancelled", valueName: nil, help: Text(en: "Only cancelled ones.", id: "Hanya yang dibatalkan.")),
                                    OptionSpec(name: "definition", valueName: "id", help: Text(en: "Only this definition's.", id: "Hanya milik definisi ini."))]),
        run: { invocation throws(CommandFailure) in
            let store = try StoreAccess.open(invocation)
            var statuses: Set<InstanceStatus> = []
            if invocation.parsed.has("open") { statuses.insert(.open) }
            if invocation.parsed.has("done") { statuses.insert(.done) }
            if invocation.parsed.has("cancelled") { statuses.insert(.cancelled) }
            let filter = InstanceFilter(statuses: statuses, procedureID: invocation.parsed.value("definition").map(ProcedureID.init))
            let headers: [InstanceHeader]
            do throws(StoreError) { headers = try store.headers(matching: filter) } catch { throw StoreAccess.failure(error) }
            let l = invocation.language
            let procedures = InstanceSession.ProcedureCache()
            func time(_ h: InstanceHeader) -> LocalTime {
                let zone = (try? procedures.procedure(hash: h.definitionHash, store: store))?.calendar.timeZone ?? "UTC"
                return LocalTime(zoneID: zone)
            }
            if invocation.json {
                invocation.out(.array(headers.map { InstanceJSON.header($0, time: time($0)) }))
            } else if headers.isEmpty {
                invocation.out(Text(en: "No instances.", id: "Tidak ada instans.")(l) + "\n")
            } else {
                invocation.out(TableRenderer.render(
                    headers: [Text(en: "INSTANCE", id: "INSTANS")(l), Text(en: "STATUS", id: "STATUS")(l), Text(en: "STEP", id: "LANGKAH")(l),
                              Text(en: "STARTED", id: "DIMULAI")(l), Text(en: "TITLE", id: "PERIHAL")(l)],
                    rows: headers.map { h in
                        [h.id.rawValue, StatusText.text(h.status)(l), h.activeStep?.rawValue ?? "-",
                         time(h).format(h.startedAt), h.title ?? ""]
                    }, width: 80))
            }
            return .success
        })

    static let status = Command(
        spec: CommandSpec(name: "status", abstract: Text(en: "Show an instance: its procedure, current step and what was done by whom.",
                                                         id: "Tampilkan instans: prosedurnya, langkah saat ini dan apa yang dikerjakan siapa."),
                          arguments: [InstanceCommands.instanceArgument]),
        run: { invocation throws(CommandFailure) in
            let store = try StoreAccess.open(invocation)
            let loaded = try InstanceSession.load(invocation.parsed.arguments[0], store: store)
            let now = invocation.context.clock.now
            let calendar = try CalendarFiles(invocation).calendar(for: loaded.procedure)
            let sla = SLAStatus.active(in: loaded.state, procedure: loaded.procedure, calendar: calendar, at: now)
            if invocation.json {
                var body = InstanceJSON.status(loaded)
                if case .object(var members) = body {
                    members.append(("sla", sla.map { InstanceJSON.sla($0, time: loaded.time) } ?? .null))
                    members.append(("deviations", .array(loaded.state.deviations.map { DeviationJSON.deviation($0, time: loaded.time) })))
                    body = .object(members)
                }
                invocation.out(body)
            } else {
                invocation.out(StatusRenderer.render(loaded, now: now, sla: sla, language: invocation.language))
            }
            return .success
        })

    static let history = Command(
        spec: CommandSpec(name: "history", abstract: Text(en: "Show every event of an instance.", id: "Tampilkan setiap kejadian pada instans."),
                          arguments: [InstanceCommands.instanceArgument]),
        run: { invocation throws(CommandFailure) in
            let store = try StoreAccess.open(invocation)
            let loaded = try InstanceSession.load(invocation.parsed.arguments[0], store: store)
            if invocation.json {
                invocation.out(.array(loaded.events.map { InstanceJSON.event($0, time: loaded.time) }))
            } else {
                for event in loaded.events {
                    invocation.out(StatusRenderer.describe(event, loaded: loaded, language: invocation.language) + "\n")
                }
            }
            return .success
        })
}

enum StatusText {
    static func text(_ status: InstanceStatus) -> Text {
        switch status {
        case .open: Text(en: "open", id: "terbuka")
        case .done: Text(en: "done", id: "selesai")
        case .cancelled: Text(en: "cancelled", id: "dibatalkan")
        }
    }
}
