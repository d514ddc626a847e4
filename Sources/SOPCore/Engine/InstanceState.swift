import Foundation

/// Where an instance stands, derived entirely from its events.
///
/// Nothing here is authoritative: it is always ``replay(_:procedure:)`` of the stored history, and a
/// cached copy (the store's ``InstanceHeader``) must agree with it.
public struct InstanceState: Sendable, Equatable {
    public var id: InstanceID
    public var procedureID: ProcedureID
    public var procedureVersion: String
    /// The definition version this instance is pinned to for life.
    public var definitionHash: String
    public var agencyID: String
    public var title: String?
    public var status: InstanceStatus
    /// The step waiting to be done; nil once done or cancelled.
    public var activeStep: StepID?
    /// The actor of the active step, copied so the header needs no definition lookup.
    public var activeActor: ActorID?
    /// When the active step became active.
    public var activeSince: Date?
    public var startedAt: Date
    public var startedBy: ActingOfficer?
    /// Every completion, oldest first; a step done twice (rework) appears twice.
    public var completions: [StepCompletion]
    public var returns: [StepReturn]
    public var notes: [InstanceNote]
    public var cancellation: Cancellation?
    /// Deviations recorded by the system, in record order, each with its account once given.
    public var deviations: [Deviation]
    public var lastSequence: Int
    /// When the latest work or note happened: no later event may claim an earlier time.
    ///
    /// Deviation records do not move it: a check that ran at 11:00 must not stop an officer from
    /// recording, afterwards, work actually done at 10:30.
    public var lastOccurredAt: Date
    public var lastRecordedAt: Date

    public init(id: InstanceID, procedureID: ProcedureID, procedureVersion: String, definitionHash: String,
                agencyID: String, title: String?, status: InstanceStatus, activeStep: StepID?,
                activeActor: ActorID?, activeSince: Date?, startedAt: Date, startedBy: ActingOfficer?,
                completions: [StepCompletion] = [], returns: [StepReturn] = [], notes: [InstanceNote] = [],
                cancellation: Cancellation? = nil, deviations: [Deviation] = [], lastSequence: Int,
                lastOccurredAt: Date, lastRecordedAt: Date) {
        self.id = id; self.procedureID = procedureID; self.procedureVersion = procedureVersion
        self.definitionHash = definitionHash; self.agencyID = agencyID; self.title = title; self.status = status
        self.activeStep = activeStep; self.activeActor = activeActor; self.activeSince = activeSince
        self.startedAt = startedAt; self.startedBy = startedBy; self.completions = completions
        self.returns = returns; self.notes = notes; self.cancellation = cancellation; self.deviations = deviations
        self.lastSequence = lastSequence; self.lastOccurredAt = lastOccurredAt; self.lastRecordedAt = lastRecordedAt
    }

    /// The recorded deviation with this id, if any.
    public func deviation(_ id: DeviationID) -> Deviation? { deviations.first { $0.id == id } }

    /// Steps completed at least once in this instance.
    public var completedSteps: Set<StepID> { Set(completions.map(\.step)) }

    /// The steps the active step may be returned to: those already completed in this instance that come
    /// before the active step in the definition, in definition order.
    ///
    /// Rework means doing again what was done, so a step never reached cannot be "returned" to, and a
    /// return never jumps forward.
    public func returnTargets(in procedure: Procedure) -> [StepID] {
        guard status == .open, let activeStep,
              let activeIndex = procedure.steps.firstIndex(where: { $0.id == activeStep }) else { return [] }
        let completed = completedSteps
        return procedure.steps[..<activeIndex].map(\.id).filter(completed.contains)
    }

    /// The latest recorded output `reference` names, if that step has been completed with it.
    public func recordedOutput(_ reference: OutputReference) -> EvidenceItem? {
        for completion in completions.reversed() where completion.step == reference.step {
            if let item = completion.outputs.first(where: { $0.id == reference.output }) { return item }
        }
        return nil
    }

    /// The store's cached summary of this state. `updatedAt` is when the latest event happened.
    public func header() -> InstanceHeader {
        InstanceHeader(id: id, procedureID: procedureID, procedureVersion: procedureVersion,
                       definitionHash: definitionHash, agencyID: agencyID, title: title, status: status,
                       activeStep: activeStep, activeActor: activeActor, activeSince: activeSince,
                       startedAt: startedAt, updatedAt: lastOccurredAt, lastSequence: lastSequence)
    }
}
