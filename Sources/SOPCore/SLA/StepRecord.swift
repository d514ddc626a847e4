import Foundation

/// One activation of one step, reduced to what the SLA report counts: a small value, so millions of
/// them fit in memory and aggregate in one pass.
public struct StepRecord: Sendable, Equatable {
    /// How the activation ended.
    public enum End: UInt8, Sendable, Equatable, CaseIterable {
        case completed
        /// Sent back for rework by its own officer.
        case returned
        /// The instance was cancelled while this step was active.
        case cancelled
        /// Still waiting; measured up to the moment the records were taken.
        case active
    }

    public var instance: InstanceID
    public var procedureID: ProcedureID
    public var agencyID: String
    public var step: StepID
    /// 1 the first time the step was active in the instance; rework adds more.
    public var occurrence: Int
    /// The step's lane.
    public var actor: ActorID
    /// The officer who completed or returned it; nil while active or when cancelled.
    public var officerNIP: String?
    public var activeSince: Date
    public var endedAt: Date?
    public var end: End
    public var limitMinutes: Int
    /// Whole minutes taken on the limit's basis (working minutes unless the limit counts wall time),
    /// up to the end, or up to the moment taken while active.
    public var minutesTaken: Int

    public init(instance: InstanceID, procedureID: ProcedureID, agencyID: String, step: StepID, occurrence: Int,
                actor: ActorID, officerNIP: String?, activeSince: Date, endedAt: Date?, end: End,
                limitMinutes: Int, minutesTaken: Int) {
        self.instance = instance; self.procedureID = procedureID; self.agencyID = agencyID; self.step = step
        self.occurrence = occurrence; self.actor = actor; self.officerNIP = officerNIP
        self.activeSince = activeSince; self.endedAt = endedAt; self.end = end
        self.limitMinutes = limitMinutes; self.minutesTaken = minutesTaken
    }

    /// Over its limit: the same rule as a `late` deviation.
    public var late: Bool { minutesTaken > limitMinutes }

    /// When it was completed, if it was.
    public var completedAt: Date? { end == .completed ? endedAt : nil }

    /// The records of every step activation of an instance, in history order; an active step is
    /// measured up to `now`.
    public static func records(of state: InstanceState, procedure: Procedure, calendar: BusinessCalendar,
                               at now: Date) -> [StepRecord] {
        state.occurrences(in: procedure).map { StepRecord($0, of: state, calendar: calendar, at: now) }
    }

    /// One activation of `state`, measured on `calendar` up to its end, or up to `now` while it is active.
    init(_ occurrence: StepOccurrence, of state: InstanceState, calendar: BusinessCalendar, at now: Date) {
        let end: End
        switch occurrence.end {
        case .completed: end = .completed
        case .returned: end = .returned
        case .cancelled: end = .cancelled
        case .active: end = .active
        }
        let limit = occurrence.step.timeLimit
        self.init(
            instance: state.id, procedureID: state.procedureID, agencyID: state.agencyID,
            step: occurrence.step.id, occurrence: occurrence.number, actor: occurrence.step.actor,
            officerNIP: occurrence.executor?.nip, activeSince: occurrence.activeSince, endedAt: occurrence.endedAt,
            end: end, limitMinutes: limit.minutes,
            minutesTaken: calendar.minutes(from: occurrence.activeSince, to: occurrence.endedAt ?? now, basis: limit.basis))
    }
}
