import Foundation
import SOPCore

/// The quality team's commands: `sop check` records overdue and stalled deviations, `sop account` records
/// the written account (pertanggungjawaban) of one.
enum SLACommands {
    static let check = Command(
        spec: CommandSpec(name: "check",
                          abstract: Text(en: "Record overdue and stalled deviations of open instances (idempotent; run it from cron).",
                                         id: "Catat penyimpangan terlambat dan macet pada instans terbuka (idempoten; jalankan dari cron)."),
                          options: [OptionSpec(name: "at", valueName: "time",
                                               help: Text(en: "Examine as of this time, in each instance's zone (default: now).",
                                                          id: "Periksa per waktu ini, dalam zona tiap instans (bawaan: sekarang)."))]),
        run: { invocation throws(CommandFailure) in
            let store = try StoreAccess.open(invocation)
            let calendars = CalendarFiles(invocation)
            let now = invocation.context.clock.now
            let headers: [InstanceHeader]
            do throws(StoreError) { headers = try store.headers(matching: InstanceFilter(statuses: [.open])) } catch {
                throw StoreAccess.failure(error)
            }
            var recorded: [(Deviation, LocalTime)] = []
            for header in headers {
                let loaded = try InstanceSession.load(header.id.rawValue, store: store)
                let at = try InstanceSession.at(invocation, time: loaded.time) ?? now
                guard at <= now else {
                    throw EngineMessages.failure(.timeInFuture(at: at, now: now), time: loaded.time)
                }
                let calendar = try calendars.calendar(for: loaded.procedure)
                let found = DeviationDetector.deviations(in: loaded.state, procedure: loaded.procedure, calendar: calendar, at: at)
                let transition: Engine.Transition
                do throws(EngineError) {
                    transition = try Engine.recordDeviations(found, state: loaded.state, procedure: loaded.procedure, now: now)
                } catch {
                    throw EngineMessages.failure(error, time: loaded.time)
                }
                guard !transition.events.isEmpty else { continue }
                do throws(CommandFailure) {
                    try InstanceSession.append(transition, expectedSequence: loaded.state.lastSequence, instanceID: loaded.state.id,
                                               store: store, before: loaded.state, procedure: loaded.procedure, calendar: calendar)
                } catch {
                    // An officer acted on this instance meanwhile; the next run examines it again.
                    guard error.code == "conflict" else { throw error }
                    continue
                }
                for event in transition.events {
                    if case .deviationRecorded(let deviation) = event.payload { recorded.append((deviation, loaded.time)) }
                }
            }
            let l = invocation.language
            if invocation.json {
                invocation.out(.object([("examined", .int(headers.count)),
                                        ("recorded", .array(recorded.map { DeviationJSON.deviation($0.0, time: $0.1) }))]))
            } else {
                for (deviation, time) in recorded {
                    invocation.out(DeviationJSON.line(deviation, time: time, language: l) + "\n")
                }
                invocation.out(Text(en: "\(headers.count) open instance(s) examined, \(recorded.count) new deviation(s) recorded.",
                                    id: "\(headers.count) instans terbuka diperiksa, \(recorded.count) penyimpangan baru dicatat.")(l) + "\n")
            }
            return .success
        })

    static let account = Command(
        spec: CommandSpec(name: "account",
                          abstract: Text(en: "Record the written account (pertanggungjawaban) of a deviation.",
                                         id: "Catat pertanggungjawaban tertulis atas sebuah penyimpangan."),
                          arguments: [ArgumentSpec(name: "deviation", help: Text(en: "Deviation id (see 'sop report deviations').",
                                                                                 id: "Id penyimpangan (lihat 'sop report deviations')."))],
                          options: [InstanceCommands.byOption, InstanceCommands.reasonOption, InstanceCommands.atOption]),
        run: { invocation throws(CommandFailure) in
            let text = invocation.parsed.arguments[0]
            let id = DeviationID(text)
            guard let instance = id.instanceID else {
                throw CommandFailure(.dataError, code: "invalid-deviation-id",
                                     Text(en: "'\(text)' is not a deviation id; ids look like INSTANCE/KIND/STEP/N.",
                                          id: "'\(text)' bukan id penyimpangan; bentuknya INSTANS/JENIS/LANGKAH/N."))
            }
            let store = try StoreAccess.open(invocation)
            let officer = try StoreAccess.officer(invocation, store: store)
            let loaded = try InstanceSession.load(instance.rawValue, store: store)
            let at = try InstanceSession.at(invocation, time: loaded.time)
            let transition = try InstanceSession.perform(.accountDeviation(id: id, reason: try invocation.parsed.required("reason"), at: at),
                                                         on: loaded, procedure: loaded.procedure, officer: officer,
                                                         now: invocation.context.clock.now, store: store)
            let l = invocation.language
            if invocation.json {
                invocation.out(.array(transition.events.map { InstanceJSON.event($0, time: loaded.time) }))
            } else {
                invocation.out(Text(en: "Account recorded for \(id).", id: "Pertanggungjawaban untuk \(id) dicatat.")(l) + "\n")
            }
            return .success
        })
}
