import Foundation

extension BusinessCalendar {
    /// The reading of the agency's office clock at `date` (seconds rounded down).
    ///
    /// Returns nil only for instants some 300,000 years away, which no clock can show.
    public func localDateTime(_ date: Date) -> LocalDateTime? {
        guard let local = localSeconds(date) else { return nil }
        let day = BusinessCalendar.dayNumber(local)
        let second = Int((local - Double(day) * 86_400).rounded(.down))
        return LocalDateTime(date: LocalDate(dayNumber: day), hour: second / 3600,
                             minute: second % 3600 / 60, second: second % 60)
    }

    /// The instant at which the agency's office clock reads `local`.
    public func date(_ local: LocalDateTime) -> Date {
        date(localSeconds: Double(local.date.dayNumber) * 86_400 + Double(local.secondOfDay))
    }

    /// The instant of a local `YYYY-MM-DD HH:MM` (or `…:SS`) in the agency's zone, or nil if it
    /// is not such a reading.
    public func date(parsingLocal text: String) -> Date? {
        LocalDateTime(parsing: text).map(date)
    }

    /// `2026-03-17 15:30 WITA`: how officers read a deadline.
    public func format(_ date: Date) -> String {
        guard let local = localDateTime(date) else { return "\(date)" }
        return "\(local) \(zoneAbbreviation)"
    }
}
