/// A day of the week, Monday first (ISO 8601), spelled as in calendar files (`mon` … `sun`).
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of the date `dayNumber` days after 1970-01-01, which was a Thursday.
    public init(dayNumber: Int) {
        let index = ((dayNumber % 7) + 7 + 3) % 7
        self = Weekday(rawValue: index) ?? .monday
    }

    /// The key used in the `week` object of a calendar file.
    public var key: String {
        switch self {
        case .monday: "mon"
        case .tuesday: "tue"
        case .wednesday: "wed"
        case .thursday: "thu"
        case .friday: "fri"
        case .saturday: "sat"
        case .sunday: "sun"
        }
    }

    /// The weekday with this file key, if any.
    public init?(key: String) {
        guard let match = Weekday.allCases.first(where: { $0.key == key }) else { return nil }
        self = match
    }

    public var description: String { key }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}
