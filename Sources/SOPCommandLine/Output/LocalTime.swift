import Foundation
import SOPCore

/// Reads and shows times in a definition's time zone (WIB, WITA, WIT), never the machine's.
struct LocalTime {
    let zone: TimeZone
    let zoneID: String

    init(zoneID: String) {
        self.zoneID = zoneID
        // Definitions are validated to name a known zone; UTC is a safe fallback for stored data.
        zone = TimeZone(identifier: zoneID) ?? TimeZone(secondsFromGMT: 0) ?? .gmt
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// "WITA" for +08:00, "WIB" for +07:00, "WIT" for +09:00, else "UTC+hh:mm".
    func abbreviation(at date: Date) -> String {
        BusinessCalendar.zoneAbbreviation(utcOffsetSeconds: zone.secondsFromGMT(for: date))
    }

    /// `2026-03-17 15:30 WITA`.
    func format(_ date: Date) -> String {
        if let f = fields(date) {
            return f.date.description + " " + Self.digits(f.hour, 2) + ":" + Self.digits(f.minute, 2) + " "
                + BusinessCalendar.zoneAbbreviation(utcOffsetSeconds: f.offset)
        }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
            + abbreviation(at: date)
    }

    /// ISO 8601 with the zone's offset, for JSON: `2026-03-17T15:30:00+08:00`.
    func iso(_ date: Date) -> String {
        if let f = fields(date) {
            let offset = abs(f.offset)
            return f.date.description + "T" + Self.digits(f.hour, 2) + ":" + Self.digits(f.minute, 2) + ":"
                + Self.digits(f.second, 2) + (f.offset < 0 ? "-" : "+") + Self.digits(offset / 3600, 2) + ":" + Self.digits(offset % 3600 / 60, 2)
        }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let seconds = zone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0, sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }

    /// The local date and time of `date` by arithmetic on the zone's offset at that instant, for instants from
    /// 1970 to 9999 (nil otherwise: the Foundation calendar above then answers, e.g. with its Julian dates
    /// before 1582).
    ///
    /// Every listed row shows a few times: a `Calendar` and `String(format:)` per time cost ~0.25 M
    /// instructions each, half of `sop inbox` on a large store. The same fields and digits come out
    /// (`LocalTimeTests` compares both ways across zones, offsets and daylight saving).
    private func fields(_ date: Date) -> (date: LocalDate, hour: Int, minute: Int, second: Int, offset: Int)? {
        let instant = date.timeIntervalSince1970
        guard instant >= 0, instant < 253_402_214_400 else { return nil }  // 1970-01-01 to 9999-12-31, UTC
        let offset = zone.secondsFromGMT(for: date)
        let local = Int(instant.rounded(.down)) + offset
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = local - dayNumber * 86_400
        let day = LocalDate(dayNumber: dayNumber)
        guard (1...9999).contains(day.year) else { return nil }
        return (day, second / 3600, second % 3600 / 60, second % 60, offset)
    }

    /// `value` in decimal, zero-padded to `width` digits (as `%0<width>d` does for a value that is not negative).
    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.utf8.count >= width ? text : String(repeating: "0", count: width - text.utf8.count) + text
    }

    /// Parses `YYYY-MM-DD HH:MM[:SS]` (in this zone), or ISO 8601 with `Z` or an offset.
    func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: trimmed) { return date }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: trimmed) { return date }
        let normalized = trimmed.replacingOccurrences(of: "T", with: " ")
        let parts = normalized.split(separator: " ")
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard day.count == 3, parts[0].split(separator: "-").count == 3, (2...3).contains(time.count),
              parts[1].split(separator: ":").count == time.count,
              (1...12).contains(day[1]), (1...31).contains(day[2]), (0...23).contains(time[0]), (0...59).contains(time[1]),
              time.count < 3 || (0...59).contains(time[2]) else { return nil }
        let components = DateComponents(year: day[0], month: day[1], day: day[2], hour: time[0], minute: time[1],
                                        second: time.count == 3 ? time[2] : 0)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day[2] else { return nil } // refuse 31 June
        return date
    }
}
