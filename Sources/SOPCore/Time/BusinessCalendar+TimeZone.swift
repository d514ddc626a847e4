import Foundation

extension BusinessCalendar {
    /// The Indonesian abbreviation of the calendar's offset (WIB, WITA, WIT), else `UTC+hh:mm`.
    ///
    /// Taken from the offset, not from Foundation, whose abbreviations on Linux depend on
    /// ICU data and locale ("GMT+8").
    public var zoneAbbreviation: String { Self.zoneAbbreviation(utcOffsetSeconds: utcOffsetSeconds) }

    /// The Indonesian abbreviation of an offset in seconds east of UTC (WIB, WITA, WIT), else `UTC+hh:mm`.
    public static func zoneAbbreviation(utcOffsetSeconds: Int) -> String {
        switch utcOffsetSeconds {
        case 7 * 3600: return "WIB"
        case 8 * 3600: return "WITA"
        case 9 * 3600: return "WIT"
        default:
            let sign = utcOffsetSeconds < 0 ? "-" : "+"
            let minutes = abs(utcOffsetSeconds) / 60
            let hh = minutes / 60, mm = minutes % 60
            return "UTC\(sign)\(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
        }
    }

    /// The UTC offset of an IANA zone, checked to be the same on 1 January and 1 July of
    /// every year from 1990 to 2100.
    ///
    /// The clock keeps one offset because local days must be whole 24-hour days for the
    /// arithmetic to skip them; a zone with daylight saving (or a later offset change) is
    /// refused rather than measured wrongly. Asia/Pontianak moved from +8 to +7 in 1988
    /// (Keppres 41/1987), hence the start in 1990.
    static func fixedUTCOffset(of identifier: String) throws(CalendarError) -> Int {
        guard let zone = TimeZone(identifier: identifier) else {
            throw CalendarError(.unknownTimeZone, in: .timeZone, at: "$", value: identifier)
        }
        let reference = zone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_767_225_600)) // 2026-01-01
        for year in 1990...2100 {
            for month in [1, 7] {
                let day = LocalDate.daysFromCivil(year: year, month: month, day: 1)
                let instant = Date(timeIntervalSince1970: Double(day) * 86_400)
                guard zone.secondsFromGMT(for: instant) == reference else {
                    throw CalendarError(.variableUTCOffset, in: .timeZone, at: "$", value: identifier)
                }
            }
        }
        return reference
    }
}
