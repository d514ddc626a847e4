import Foundation

/// The rules of every procedure, in one place: which commands are allowed and what events they produce.
///
/// Pure: no storage, no clock, no knowledge of any agency, step or role name. The caller loads the
/// instance's events and its pinned definition, asks ``decide(_:state:procedure:officer:now:)``, and
/// appends the events it returns; folding them with ``InstanceState/applying(_:procedure:)`` gives the
/// new state (``execute(_:state:procedure:officer:now:)`` does both).
public enum Engine {
    /// The events a command produces, or why it is refused.
    ///
    /// Rules beyond the issue's, chosen here:
    /// - Starting, cancelling and adding a note need any role of the procedure in the instance's agency.
    /// - A return is made by the holder of the active step's role: the one who cannot go on sends the
    ///   work back; the target step's officer cannot pull it away.
    /// - Notes are allowed after the instance is done or cancelled (explanations often come after).
    /// - Deviations are recorded by the system (no officer, no role): `officer` is not consulted for
    ///   ``EngineCommand/recordDeviations(_:at:)``. Recording and accounting are allowed after the end.
    ///
    /// - Parameters:
    ///   - state: The instance's current state, nil when starting.
    ///   - procedure: The definition the instance is pinned to (the caller resolves it by hash).
    ///   - now: The caller's clock; `at` may not be later than this.
    public static func decide(_ command: EngineCommand, state: InstanceState?, procedure: Procedure,
                              officer: Officer, now: Date) throws(EngineError) -> [InstanceEvent] {
        if case .start(let instanceID, let definitionHash, let agencyID, let title, let at) = command {
            if let state { throw .instanceAlreadyStarted(state.id) }
            return [try start(instanceID: instanceID, definitionHash: definitionHash,
                              agencyID: agencyID ?? procedure.agency.id, title: title,
                              at: at, procedure: procedure, officer: officer, now: now)]
        }
        guard let state else { throw .instanceNotStarted }
        guard state.procedureID == procedure.id, state.procedureVersion == procedure.version else {
            throw .definitionMismatch(instance: state.procedureID, instanceVersion: state.procedureVersion,
                                      given: procedure.id, givenVersion: procedure.version)
        }
        let context = Context(state: state, procedure: procedure, officer: officer, now: now)
        switch command {
        case .start:
            throw .instanceAlreadyStarted(state.id)
        case .complete(let step, let requirements, let outputs, let outcome, let note, let at):
            return [try context.complete(step: step, requirements: requirements, outputs: outputs,
                                         outcome: outcome, note: note, at: at)]
        case .returnTo(let step, let reason, let at):
            return [try context.returnTo(step, reason: reason, at: at)]
        case .cancel(let reason, let at):
            return [try context.cancel(reason: reason, at: at)]
        case .addNote(let text, let at):
            return [try context.addNote(text, at: at)]
        case .recordDeviations(let deviations, let at):
            return try record(deviations, state: state, at: at, now: now)
        case .accountDeviation(let id, let reason, let at):
            return [try context.accountDeviation(id, reason: reason, at: at)]
        }
    }

    /// Records deviations as the system, with no officer: what `sop check` does after asking
    /// ``DeviationDetector``. The same as ``execute(_:state:procedure:officer:now:)`` with
    /// ``EngineCommand/recordDeviations(_:at:)``; an empty transition when nothing is new.
    public static func recordDeviations(_ deviations: [Deviation], state: InstanceState, procedure: Procedure,
                                        at: Date? = nil, now: Date) throws(EngineError) -> Transition {
        guard state.procedureID == procedure.id, state.procedureVersion == procedure.version else {
            throw .definitionMismatch(instance: state.procedureID, instanceVersion: state.procedureVersion,
                                      given: procedure.id, givenVersion: procedure.version)
        }
        return try fold(record(deviations, state: state, at: at, now: now), into: state, procedure: procedure)
    }

    /// One `deviation-recorded` event per deviation whose id the instance has not recorded yet.
    private static func record(_ deviations: [Deviation], state: InstanceState, at: Date?,
                               now: Date) throws(EngineError) -> [InstanceEvent] {
        // Keyed by the ids' text: a Set<DeviationID> costs the static binary a runtime conformance scan (BENCHMARKS.md).
        var known = Set(state.deviations.map(\.id.rawValue))
        var fresh: [Deviation] = []
        for var deviation in deviations {
            guard deviation.instance == state.id else { throw .foreignDeviation(deviation.id, instance: deviation.instance) }
            guard known.insert(deviation.id.rawValue).inserted else { continue }
            deviation.account = nil
            deviation.detectedAt = deviation.detectedAt.wholeMilliseconds
            fresh.append(deviation)
        }
        guard !fresh.isEmpty else { return [] }
        let occurredAt = try occurrence(at, now: now, previous: state.lastOccurredAt)
        return fresh.enumerated().map { offset, deviation in
            InstanceEvent(instanceID: state.id, sequence: state.lastSequence + 1 + offset, officer: nil, role: nil,
                          occurredAt: occurredAt, recordedAt: now, payload: .deviationRecorded(deviation))
        }
    }

    /// A command's events together with the state they lead to.
    public struct Transition: Sendable, Equatable {
        public var events: [InstanceEvent]
        public var state: InstanceState

        public init(events: [InstanceEvent], state: InstanceState) {
            self.events = events
            self.state = state
        }
    }

    /// ``decide(_:state:procedure:officer:now:)`` followed by folding the events into the state.
    public static func execute(_ command: EngineCommand, state: InstanceState?, procedure: Procedure,
                               officer: Officer, now: Date) throws(EngineError) -> Transition {
        let events = try decide(command, state: state, procedure: procedure, officer: officer, now: now)
        return try fold(events, into: state, procedure: procedure)
    }

    /// The events with the state they lead to.
    private static func fold(_ events: [InstanceEvent], into state: InstanceState?,
                             procedure: Procedure) throws(EngineError) -> Transition {
        do throws(ReplayError) {
            var remaining = events[...]
            var next: InstanceState
            if let state {
                next = state
            } else if let first = remaining.popFirst() {
                next = try InstanceState.started(by: first, procedure: procedure)
            } else {
                throw .noEvents
            }
            next = try next.applying(Array(remaining), procedure: procedure)
            return Transition(events: events, state: next)
        } catch {
            throw .inconsistentHistory(error)
        }
    }

    private static func start(instanceID: InstanceID, definitionHash: String, agencyID: String, title: String?,
                              at: Date?, procedure: Procedure, officer: Officer, now: Date) throws(EngineError) -> InstanceEvent {
        guard let firstStep = procedure.firstStep else { throw .procedureHasNoSteps }
        let role = try actingRole(of: officer, in: agencyID, procedure: procedure, preferring: firstStep.actor)
        let occurredAt = try occurrence(at, now: now, previous: nil)
        let cleanTitle = title?.trimmingWhitespace
        return InstanceEvent(
            instanceID: instanceID, sequence: 1, officer: ActingOfficer(officer), role: role,
            occurredAt: occurredAt, recordedAt: now,
            payload: .started(.init(procedureID: procedure.id, version: procedure.version, definitionHash: definitionHash,
                                    agencyID: agencyID, title: cleanTitle?.isEmpty == false ? cleanTitle : nil,
                                    firstStep: firstStep.id)))
    }

    /// When the work happened: `at` or now, never in the future and never before the previous event.
    static func occurrence(_ at: Date?, now: Date, previous: Date?) throws(EngineError) -> Date {
        let occurredAt = at ?? now
        guard occurredAt <= now else { throw .timeInFuture(at: occurredAt, now: now) }
        if let previous, occurredAt < previous { throw .beforePreviousEvent(at: occurredAt, previous: previous) }
        return occurredAt
    }

    /// The roles `officer` holds in `agencyID`, sorted: what a refusal lists.
    static func roles(of officer: Officer, in agencyID: String) -> [ActorID] {
        officer.grants.filter { $0.agencyID == agencyID }.map(\.role).sorted()
    }

    /// The role an officer acts in for commands open to any participant: `preferred` if held,
    /// else the first of the procedure's actors (in sheet order) the officer holds.
    static func actingRole(of officer: Officer, in agencyID: String, procedure: Procedure,
                           preferring preferred: ActorID?) throws(EngineError) -> ActorID {
        if let preferred, officer.holds(preferred, in: agencyID) { return preferred }
        guard let role = procedure.actors.map(\.id).first(where: { officer.holds($0, in: agencyID) }) else {
            throw .notAParticipant(procedureRoles: procedure.actors.map(\.id),
                                   officerRoles: roles(of: officer, in: agencyID))
        }
        return role
    }
}
