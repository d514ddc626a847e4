/// The working intervals of each weekday: an agency's ordinary week.
public struct WeeklyHours: Sendable, Hashable {
    /// Monday first, seven entries.
    private let days: [DaySchedule]

    /// A week from a schedule per weekday; a weekday left out is closed.
    public init(_ schedules: [Weekday: DaySchedule]) {
        days = Weekday.allCases.map { schedules[$0] ?? .closed }
    }

    /// A week from seven schedules, Monday first (`Weekday.allCases` order); the calendar reader builds
    /// weeks this way, without a `[Weekday: DaySchedule]` whose first use costs a runtime conformance scan.
    init(mondayFirst schedules: [DaySchedule]) {
        days = Weekday.allCases.map { $0.rawValue < schedules.count ? schedules[$0.rawValue] : .closed }
    }

    public subscript(_ weekday: Weekday) -> DaySchedule { days[weekday.rawValue] }

    /// Working minutes in the week (2250 = 37 h 30 min under Perpres 21/2023).
    public var workingMinutes: Int { days.reduce(0) { $0 + $1.workingMinutes } }

    var workingSeconds: Double { days.reduce(0) { $0 + $1.totalSeconds } }
}
