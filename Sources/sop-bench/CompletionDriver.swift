import Foundation
import SOPCore
import SOPSQLite

/// Completes active steps in-process the way `sop complete` does (`InstanceCommands.act`), on one long-lived
/// store: read the header, the pinned definition and every event; replay; decide with the engine; find
/// the deviations the new state shows; encode the events; append them with the new header in one
/// committed transaction (`SQLiteEventStore.append`: WAL, `synchronous=FULL`).
///
/// What a long-lived process keeps between commands is kept here too: the open connection (with its
/// prepared statements) and the parsed definition and calendar of each pinned hash. Everything per
/// instance is read from the store every time, as the command does.
final class CompletionDriver {
    let store: SQLiteEventStore
    private let fixture: Fixture
    /// Per pinned hash: the parsed definition and its calendar.
    private var pinned: [String: (procedure: Procedure, calendar: BusinessCalendar)] = [:]
    /// Open instances still to complete, taken in turn (each completion advances one instance by one step).
    private var open: [InstanceID]
    private var cursor = 0
    private(set) var completions = 0
    /// Events written per completion beyond the step-completed one (deviations), which would change the cost.
    private(set) var extraEvents = 0
    /// The last step-completed record written, to size the baseline's row.
    private(set) var lastRecord: EventRecord?
    /// Called with each commit once it is stored (figure 1d replays them with the C API).
    var onAppend: ((InstanceCommit) -> Void)?

    init(store: SQLiteEventStore, fixture: Fixture, open: [InstanceID]) {
        self.store = store
        self.fixture = fixture
        self.open = open
    }

    var hasWork: Bool { !open.isEmpty }

    /// The next instance in turn and its active step, read from the store (not part of a timed completion).
    func peek() throws -> (InstanceID, Step) {
        while !open.isEmpty {
            cursor %= open.count
            let id = open[cursor]
            if let header = try store.header(of: id), header.status == .open, let active = header.activeStep {
                let procedure = try self.pinned(hash: header.definitionHash).procedure
                guard let step = procedure.step(active) else { throw BenchError("\(id): unknown active step \(active)") }
                return (id, step)
            }
            open.remove(at: cursor)
        }
        throw BenchError("no open instance left to complete; start more")
    }

    /// Moves the turn to the next instance (after a completion made elsewhere, e.g. by a `sop` process).
    func advance() { cursor += 1 }

    /// One completion of the active step of the next instance in turn: one durable transaction.
    func completeNext() throws {
        guard !open.isEmpty else { throw BenchError("no open instance left to complete; start more") }
        cursor %= open.count
        let id = open[cursor]
        guard try complete(id) else {
            open.remove(at: cursor)
            return try completeNext()
        }
        cursor += 1
    }

    /// The command path: false when the instance is no longer open (nothing written).
    private func complete(_ id: InstanceID) throws -> Bool {
        guard let header = try store.header(of: id) else { throw BenchError("no instance \(id)") }
        let (procedure, calendar) = try self.pinned(hash: header.definitionHash)
        let events = try InstanceEvent.events(from: try store.events(of: id))
        let state = try InstanceState.replay(events, procedure: procedure)
        guard state.status == .open, let active = state.activeStep, let step = procedure.step(active) else { return false }
        let officer = try fixture.officer(forAgency: state.agencyID)
        let now = fixture.wallClock.now
        let (requirements, outputs) = Fixture.evidence(for: step, serial: completions)
        var transition = try Engine.execute(
            .complete(requirements: requirements, outputs: outputs, outcome: step.outcomes.first?.label),
            state: state, procedure: procedure, officer: officer, now: now)
        let found = DeviationDetector.deviations(in: transition.state, procedure: procedure,
                                                 calendar: calendar, at: now)
        let recorded = try Engine.recordDeviations(found, state: transition.state, procedure: procedure, now: now)
        transition = Engine.Transition(events: transition.events + recorded.events, state: recorded.state)
        let records = try transition.events.map { try $0.record() }
        let projection = try ReportProjection.changes(from: state, to: transition.state, procedure: procedure,
                                                      calendar: calendar)
        let commit = InstanceCommit(instanceID: id, expectedSequence: state.lastSequence, events: records,
                                    header: transition.state.header(), projection: projection)
        try store.append(commit)
        onAppend?(commit)
        completions += 1
        extraEvents += records.count - 1
        lastRecord = records.first
        return true
    }

    /// The pinned definition, parsed from the store's snapshot, and its calendar: once per hash.
    private func pinned(hash: String) throws -> (procedure: Procedure, calendar: BusinessCalendar) {
        if let cached = pinned[hash] { return cached }
        guard let snapshot = try store.definition(hash: hash),
              let procedure = DefinitionLoader.load(Array(snapshot.json)).procedure else {
            throw BenchError("definition \(hash) is missing from the store or does not load")
        }
        guard let definition = fixture.definitions.first(where: { $0.procedure.calendar == procedure.calendar }) else {
            throw BenchError("no calendar \(procedure.calendar.name)")
        }
        pinned[hash] = (procedure, definition.calendar)
        return (procedure, definition.calendar)
    }
}

extension Fixture {
    func officer(forAgency agency: String) throws -> Officer {
        guard let officer = officers[agency] else { throw BenchError("no officer for agency \(agency)") }
        return officer
    }
}

extension EventRecord {
    /// The bytes the events row holds: every column's content (integers as 8 bytes).
    var rowBytes: Int {
        instanceID.rawValue.utf8.count + 8 + kind.utf8.count + (officerNIP?.utf8.count ?? 0)
            + (role?.rawValue.utf8.count ?? 0) + 8 + 8 + payload.count
    }
}
