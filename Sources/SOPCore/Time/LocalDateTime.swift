/// A wall-clock reading in an agency's zone: what an officer sees on the office clock.
///
/// It has no zone of its own; ``BusinessCalendar`` converts it to and from `Date` with
/// the agency's UTC offset.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let date: LocalDate
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// A valid reading, or nil (hour 24, minute 60, ...).
    public init?(date: LocalDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.date = date; self.hour = hour; self.minute = minute; self.second = second
    }

    /// A valid reading from its parts, or nil.
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0) {
        guard let date = LocalDate(year: year, month: month, day: day) else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second)
    }

    /// Parses `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (a `T` may replace the space).
    public init?(parsing text: String) {
        let trimmed = text.trimmingASCIISpaces()
        guard let separator = trimmed.firstIndex(where: { $0 == " " || $0 == "T" }),
              let date = LocalDate(parsing: String(trimmed[..<separator])) else { return nil }
        let clock = trimmed[trimmed.index(after: separator)...].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3,
              clock.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(clock[0]), let m = Int(clock[1]) else { return nil }
        let s = clock.count == 3 ? Int(clock[2]) : 0
        guard let s else { return nil }
        self.init(date: date, hour: h, minute: m, second: s)
    }

    /// Seconds since the local midnight.
    public var secondOfDay: Int { hour * 3600 + minute * 60 + second }

    /// `YYYY-MM-DD HH:MM`, with `:SS` only when the seconds are not zero.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let base = "\(date) \(two(hour)):\(two(minute))"
        return second == 0 ? base : base + ":" + two(second)
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.secondOfDay) < (b.date, b.secondOfDay)
    }
}

extension StringProtocol {
    fileprivate func trimmingASCIISpaces() -> Substring {
        let s = Substring(self)
        guard let first = s.firstIndex(where: { $0 != " " }), let last = s.lastIndex(where: { $0 != " " }) else { return "" }
        return s[first...last]
    }
}
