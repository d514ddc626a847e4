import Foundation
import SOPCore
import SOPSQLite

/// An instance as loaded for a command: its pinned definition, its events folded into state, and its zone.
struct LoadedInstance {
    var header: InstanceHeader
    var procedure: Procedure
    var events: [InstanceEvent]
    var state: InstanceState
    var time: LocalTime
}

/// Loads instances and runs engine commands against the store, one transaction per command.
enum InstanceSession {
    static func load(_ id: String, store: any EventStore, procedures: ProcedureCache? = nil) throws(CommandFailure) -> LoadedInstance {
        let instanceID = InstanceID(id)
        let header: InstanceHeader?
        do throws(StoreError) { header = try store.header(of: instanceID) } catch { throw StoreAccess.failure(error) }
        guard let header else { throw unknownInstance(id, store: store) }
        let procedure: Procedure
        if let procedures {
            procedure = try procedures.procedure(hash: header.definitionHash, store: store)
        } else {
            procedure = try pinnedProcedure(hash: header.definitionHash, store: store)
        }
        do {
            let records = try store.events(of: instanceID)
            let events = try InstanceEvent.events(from: records)
            let state = try InstanceState.replay(events, procedure: procedure)
            return LoadedInstance(header: header, procedure: procedure, events: events, state: state,
                                  time: LocalTime(zoneID: procedure.calendar.timeZone))
        } catch let error as StoreError {
            throw StoreAccess.failure(error)
        } catch {
            throw StoreAccess.failure(.corrupt(message: "instance \(id): \(error)"))
        }
    }

    /// The exact definition version an instance was started with, from the store (never from the folder).
    static func pinnedProcedure(hash: String, store: any EventStore) throws(CommandFailure) -> Procedure {
        let snapshot: DefinitionSnapshot?
        do throws(StoreError) { snapshot = try store.definition(hash: hash) } catch { throw StoreAccess.failure(error) }
        guard let snapshot, let procedure = DefinitionLoader.load(Array(snapshot.json)).procedure else {
            throw StoreAccess.failure(.corrupt(message: "definition version \(hash) is missing or unreadable"))
        }
        return procedure
    }

    /// Pinned definitions already parsed, for commands that read many instances (reports, check).
    final class ProcedureCache {
        private var byHash: [String: Procedure] = [:]
        func procedure(hash: String, store: any EventStore) throws(CommandFailure) -> Procedure {
            if let cached = byHash[hash] { return cached }
            let procedure = try pinnedProcedure(hash: hash, store: store)
            byHash[hash] = procedure
            return procedure
        }
    }

    static func unknownInstance(_ id: String, store: any EventStore) -> CommandFailure {
        let ids = ((try? store.headers(matching: InstanceFilter())) ?? []).map(\.id.rawValue)
        let hint = closestMatch(to: id, in: ids)
        return CommandFailure(.refused, code: "unknown-instance",
                              Text(en: "No instance '\(id)'." + (hint.map { " Did you mean '\($0)'?" } ?? " See 'sop list'."),
                                   id: "Instans '\(id)' tidak ada." + (hint.map { " Maksud Anda '\($0)'?" } ?? " Lihat 'sop list'.")))
    }

    /// Decides, folds and appends; a conflict with another officer's command becomes a clear refusal.
    ///
    /// With a calendar, the deviations the new state shows (a late step, missing items, a cancellation the
    /// peringatan call "not run") are recorded in the same transaction, so none waits for `sop check`.
    @discardableResult
    static func perform(_ command: EngineCommand, on loaded: LoadedInstance?, procedure: Procedure, officer: Officer,
                        now: Date, store: any EventStore, evidence: [EvidenceBlob] = [],
                        instanceID: InstanceID? = nil, calendar: BusinessCalendar? = nil) throws(CommandFailure) -> Engine.Transition {
        let time = LocalTime(zoneID: procedure.calendar.timeZone)
        var transition: Engine.Transition
        do throws(EngineError) {
            transition = try Engine.execute(command, state: loaded?.state, procedure: procedure, officer: officer, now: now)
            if let calendar {
                // As of when the work happened: work recorded after the fact (--at) was not overdue then.
                let asOf = transition.events.last?.occurredAt ?? now
                let found = DeviationDetector.deviations(in: transition.state, procedure: procedure, calendar: calendar, at: asOf)
                let recorded = try Engine.recordDeviations(found, state: transition.state, procedure: procedure, now: now)
                transition = Engine.Transition(events: transition.events + recorded.events, state: recorded.state)
            }
        } catch {
            throw EngineMessages.failure(error, time: time)
        }
        return try append(transition, expectedSequence: loaded?.state.lastSequence ?? 0, instanceID: loaded?.state.id ?? instanceID,
                          evidence: evidence, store: store, conflictDetail: loaded != nil,
                          before: loaded?.state, procedure: procedure, calendar: calendar)
    }

    /// Appends a transition's events with the instance's new header and the reports' projection rows
    /// (the steps it ended, measured with `calendar`, and the deviations it recorded or accounted), in one transaction.
    @discardableResult
    static func append(_ transition: Engine.Transition, expectedSequence: Int, instanceID: InstanceID?, evidence: [EvidenceBlob] = [],
                       store: any EventStore, conflictDetail: Bool = true, before: InstanceState?, procedure: Procedure,
                       calendar: BusinessCalendar?) throws(CommandFailure) -> Engine.Transition {
        let records: [EventRecord]
        do {
            records = try transition.events.map { event throws(EventCodingError) in try event.record() }
        } catch {
            throw StoreAccess.failure(.corrupt(message: "\(error)"))
        }
        let id = instanceID ?? transition.state.id
        let projection: ReportProjection
        do throws(StoreError) {
            projection = try ReportProjection.changes(from: before, to: transition.state, procedure: procedure, calendar: calendar)
        } catch {
            throw StoreAccess.failure(error)
        }
        let commit = InstanceCommit(instanceID: id, expectedSequence: expectedSequence, events: records,
                                    header: transition.state.header(), evidence: evidence, projection: projection)
        do throws(StoreError) {
            try store.append(commit)
        } catch {
            if case .conflict = error, conflictDetail, let fresh = try? load(id.rawValue, store: store) {
                var failure = StoreAccess.failure(error)
                failure.detail = InstanceJSON.status(fresh)
                let current = fresh.state.activeStep.map { " Active step now: '\($0)'." } ?? " Status now: \(fresh.state.status.rawValue)."
                let currentID = fresh.state.activeStep.map { " Langkah aktif sekarang: '\($0)'." } ?? " Status sekarang: \(fresh.state.status.rawValue)."
                failure.message = Text(en: failure.message.en + current, id: failure.message.id + currentID)
                throw failure
            }
            throw StoreAccess.failure(error)
        }
        return transition
    }

    /// `--at TIME` read in the definition's zone, or nil for "now".
    static func at(_ invocation: Invocation, time: LocalTime) throws(CommandFailure) -> Date? {
        guard let text = invocation.parsed.value("at") else { return nil }
        guard let date = time.parse(text) else {
            throw .usage(.invalid(option: "at", value: text,
                                  expected: Text(en: "YYYY-MM-DD HH:MM (in \(time.zoneID)) or ISO 8601 such as 2026-03-17T15:30:00+08:00",
                                                 id: "YYYY-MM-DD HH:MM (zona \(time.zoneID)) atau ISO 8601 seperti 2026-03-17T15:30:00+08:00"),
                                  path: invocation.parsed.path))
        }
        return date
    }
}
