import Foundation

/// Where an active step stands against its time limit at a moment: what inbox and status show.
///
/// Derived, never a timer: the same state, calendar and moment always give the same status. Minutes
/// are whole minutes on the limit's basis (working time unless the limit counts wall-clock time),
/// measured exactly as ``DeviationDetector`` measures lateness, so "overdue" here is "late" there.
public struct SLAStatus: Sendable, Equatable {
    /// At or above this share of the limit used, a step still in time is at risk.
    public static let atRiskFraction = 0.8

    public var step: StepID
    public var limit: TimeLimit
    public var activeSince: Date
    /// When the limit runs out (counting only working time for a working limit).
    public var deadline: Date
    public var minutesUsed: Int
    /// Minutes before the limit runs out; 0 once it has.
    public var minutesLeft: Int
    /// Minutes past the limit; 0 while in time.
    public var minutesOver: Int
    /// `minutesUsed / limit` (1 or more once the limit is used up).
    public var usedFraction: Double
    /// In time, with at least ``atRiskFraction`` of the limit used.
    public var atRisk: Bool
    /// More whole minutes used than the limit allows.
    public var overdue: Bool
    /// The calendar lacks the closures of a year the clock runs through, so a holiday not yet loaded
    /// could still move the deadline (DOMAIN §3.4). Never set for a wall-clock limit.
    public var provisional: Bool

    /// The status of a step active since `activeSince` with `limit`, at `now`.
    public init(step: StepID, limit: TimeLimit, activeSince: Date, calendar: BusinessCalendar, at now: Date) {
        let used = calendar.minutes(from: activeSince, to: now, basis: limit.basis)
        let deadline = calendar.deadline(from: activeSince, limit: limit)
        self.step = step
        self.limit = limit
        self.activeSince = activeSince
        self.deadline = deadline
        minutesUsed = used
        minutesLeft = max(0, limit.minutes - used)
        minutesOver = max(0, used - limit.minutes)
        usedFraction = limit.minutes > 0 ? Double(used) / Double(limit.minutes) : (used > 0 ? 1 : 0)
        overdue = used > limit.minutes
        atRisk = !overdue && usedFraction >= SLAStatus.atRiskFraction
        provisional = limit.basis == .working && !calendar.isCovered(from: activeSince, to: max(deadline, now))
    }

    /// The status of the instance's active step, or nil when it has none (done or cancelled).
    public static func active(in state: InstanceState, procedure: Procedure, calendar: BusinessCalendar,
                              at now: Date) -> SLAStatus? {
        guard state.status == .open, let id = state.activeStep, let since = state.activeSince,
              let step = procedure.step(id) else { return nil }
        return SLAStatus(step: step.id, limit: step.timeLimit, activeSince: since, calendar: calendar, at: now)
    }
}
