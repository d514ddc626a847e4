import Foundation
import Testing
@testable import SOPCore

@Suite("Local time in the agency's zone")
struct BusinessCalendarLocalTimeTests {
    @Test("parsing a local reading gives the instant in that zone")
    func parsing() throws {
        let wita = try ShippedCalendar.asn("Asia/Makassar")
        let wib = try ShippedCalendar.asn("Asia/Pontianak")
        #expect(wita.date(parsingLocal: "2026-03-17 15:30") == (try utc("2026-03-17T07:30:00Z")))
        #expect(wib.date(parsingLocal: "2026-03-17 15:30") == (try utc("2026-03-17T08:30:00Z")))
        #expect(wita.date(parsingLocal: "2026-03-17T15:30:45") == (try utc("2026-03-17T07:30:45Z")))
        #expect(wita.date(parsingLocal: "2026-01-01 00:00") == (try utc("2025-12-31T16:00:00Z")))
    }

    @Test("malformed readings are refused",
          arguments: ["2026-02-30 10:00", "2026-03-17 24:00", "2026-03-17", "17-03-2026 10:00", "2026-3-17 10:00", "2026-03-17 10:0", ""])
    func refused(text: String) throws {
        #expect(try ShippedCalendar.asn().date(parsingLocal: text) == nil)
    }

    @Test("formatting shows the local reading and WIB/WITA/WIT")
    func formatting() throws {
        let instant = try utc("2026-03-17T07:30:00Z")
        #expect(try ShippedCalendar.asn("Asia/Makassar").format(instant) == "2026-03-17 15:30 WITA")
        #expect(try ShippedCalendar.asn("Asia/Pontianak").format(instant) == "2026-03-17 14:30 WIB")
        #expect(try ShippedCalendar.asn("Asia/Jayapura").format(instant) == "2026-03-17 16:30 WIT")
        #expect(try ShippedCalendar.asn("Asia/Jakarta").format(try utc("2026-03-17T07:30:09Z")) == "2026-03-17 14:30:09 WIB")
        #expect(try ShippedCalendar.asn("UTC").format(instant) == "2026-03-17 07:30 UTC+00:00")
    }

    @Test("local readings round-trip through instants")
    func roundTrip() throws {
        let cal = try ShippedCalendar.asn()
        let local = try #require(LocalDateTime(year: 2026, month: 12, day: 31, hour: 23, minute: 59))
        #expect(cal.localDateTime(cal.date(local)) == local)
    }

    @Test("day numbers match the Gregorian calendar, weekdays included")
    func dayNumbers() throws {
        #expect(LocalDate(dayNumber: 0).description == "1970-01-01")
        #expect(LocalDate(dayNumber: 0).weekday == .thursday)
        let date = try #require(LocalDate(year: 2026, month: 3, day: 17))
        #expect(date.weekday == .tuesday)
        #expect(LocalDate(dayNumber: date.dayNumber) == date)
        #expect(LocalDate(year: 2028, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(dayNumber: -1).description == "1969-12-31")
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
    }
}
