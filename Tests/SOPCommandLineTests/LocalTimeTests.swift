import Foundation
import Testing
import SOPTestSupport
@testable import SOPCommandLine

/// `LocalTime` formats by arithmetic on the zone's offset; these tests hold it to what the Foundation calendar
/// and `String(format:)` printed before, across zones with odd offsets and daylight saving.
@Suite("Showing times in a zone")
struct LocalTimeTests {
    static let zones = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Asia/Pontianak", "UTC", "America/New_York",
                        "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham",
                        "Pacific/Kiritimati", "Pacific/Pago_Pago", "Africa/Casablanca", "America/Sao_Paulo"]

    /// The Foundation formatting `LocalTime` used for every time before.
    static func reference(_ date: Date, zone: TimeZone) -> (iso: String, shown: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let seconds = zone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        let iso = String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                         c.hour ?? 0, c.minute ?? 0, c.second ?? 0, sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
        let abbreviation: String = switch seconds {
        case 7 * 3600: "WIB"
        case 8 * 3600: "WITA"
        case 9 * 3600: "WIT"
        default: String(format: "UTC%@%02d:%02d", sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
        }
        let shown = String(format: "%04d-%02d-%02d %02d:%02d ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
                           c.minute ?? 0) + abbreviation
        return (iso, shown)
    }

    @Test("the same text as the Foundation calendar, for random instants, offset changes and the range's edges",
          arguments: zones)
    func sameAsFoundation(_ zoneID: String) throws {
        let time = LocalTime(zoneID: zoneID)
        var instants: [TimeInterval] = [0, 0.999, 59.5, 86_399.999, 951_782_400, 1_772_413_200, 4_102_444_799,
                                        253_402_214_399, 253_402_214_400, -1, -0.5, -2_208_988_800, -12_219_292_800]
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            instants.append(Double(Int.random(in: 0..<4_102_444_800, using: &generator))
                            + Double(Int.random(in: 0..<1000, using: &generator)) / 1000)
        }
        // Either side of each offset change (daylight saving, or a zone's move) in 2000–2030.
        var cursor = Date(timeIntervalSince1970: 946_684_800)
        while let next = time.zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < 1_893_456_000 {
            instants += [next.timeIntervalSince1970 - 1, next.timeIntervalSince1970, next.timeIntervalSince1970 + 1]
            cursor = next
        }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            let expected = Self.reference(date, zone: time.zone)
            #expect(time.iso(date) == expected.iso, "\(zoneID) \(instant)")
            #expect(time.format(date) == expected.shown, "\(zoneID) \(instant)")
        }
    }
}
