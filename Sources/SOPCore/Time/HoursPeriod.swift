/// A dated stretch with other working hours, such as Ramadan (32 h 30 min a week from 08.00).
///
/// Ramadan dates change every year, so they are calendar data, not code. Closures still win
/// over a period: a holiday inside Ramadan is closed.
public struct HoursPeriod: Sendable, Hashable {
    public let name: String
    /// First day, inclusive.
    public let from: LocalDate
    /// Last day, inclusive.
    public let to: LocalDate
    public let week: WeeklyHours

    public init(name: String, from: LocalDate, to: LocalDate, week: WeeklyHours) {
        self.name = name; self.from = from; self.to = to; self.week = week
    }
}
