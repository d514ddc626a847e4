import Foundation

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
        let seconds = zone.secondsFromGMT(for: date)
        switch seconds {
        case 7 * 3600: return "WIB"
        case 8 * 3600: return "WITA"
        case 9 * 3600: return "WIT"
        default:
            let sign = seconds < 0 ? "-" : "+"
            return String(format: "UTC%@%02d:%02d", sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
        }
    }

    /// `2026-03-17 15:30 WITA`.
    func format(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
            + abbreviation(at: date)
    }

    /// ISO 8601 with the zone's offset, for JSON: `2026-03-17T15:30:00+08:00`.
    func iso(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let seconds = zone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0, sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
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
