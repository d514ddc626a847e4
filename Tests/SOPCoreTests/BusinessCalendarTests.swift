import Foundation
import Testing
@testable import SOPCore

/// The shipped calendar files, read from the repository, so the tests pin the real data.
enum ShippedCalendar {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("definitions/calendars")

    static func data(_ id: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(id + ".json"))
    }

    /// Perpres 21/2023 hours with the 2026 national closures, in the given zone.
    static func asn(_ zone: String = "Asia/Makassar") throws -> BusinessCalendar {
        try BusinessCalendar.decode(calendarJSON: data("asn-perpres-21-2023"),
                                    closureSets: ["id-national-2026": data("id-national-2026")],
                                    timeZone: zone)
    }
}

/// An instant from an explicit UTC timestamp (`2026-03-17T07:30:00Z`); never the machine zone.
func utc(_ text: String) throws -> Date {
    try Date(text, strategy: .iso8601)
}

@Suite("Working-time deadlines on the Perpres 21/2023 calendar")
struct BusinessCalendarTests {
    // WITA is UTC+8: 15:30 WITA = 07:30Z. WIB is UTC+7.

    @Test("a limit that fills Friday afternoon ends at Friday closing")
    func fridayClosing() throws {
        let cal = try ShippedCalendar.asn()
        #expect(cal.deadline(from: try utc("2026-03-06T07:30:00Z"), workingMinutes: 60) == (try utc("2026-03-06T08:30:00Z")))
        #expect(cal.format(cal.deadline(from: try utc("2026-03-06T07:30:00Z"), workingMinutes: 60)) == "2026-03-06 16:30 WITA")
    }

    @Test("across a weekend: Fri 16:00 + 1 Jam = Mon 08:00")
    func acrossWeekend() throws {
        let cal = try ShippedCalendar.asn()
        let end = cal.deadline(from: try utc("2026-03-06T08:00:00Z"), workingMinutes: 60)
        #expect(end == (try utc("2026-03-09T00:00:00Z")))
        #expect(cal.format(end) == "2026-03-09 08:00 WITA")
    }

    @Test("a national holiday is skipped (Mon 17 Aug, Proklamasi)")
    func nationalHoliday() throws {
        let cal = try ShippedCalendar.asn()
        // Fri 14 Aug 16:00 WITA: 30 min Friday, Sat, Sun, Monday closed, 30 min Tuesday.
        #expect(cal.deadline(from: try utc("2026-08-14T08:00:00Z"), workingMinutes: 60) == (try utc("2026-08-18T00:00:00Z")))
        #expect(cal.closure(on: try utc("2026-08-17T03:00:00Z"))?.kind == .liburNasional)
        #expect(cal.closure(on: try utc("2026-08-17T03:00:00Z"))?.name == "Proklamasi Kemerdekaan")
    }

    @Test("cuti bersama and Natal: Wed 23 Dec 15:30 + 1 Jam = Mon 28 Dec 08:00")
    func christmas() throws {
        let cal = try ShippedCalendar.asn()
        #expect(cal.deadline(from: try utc("2026-12-23T07:30:00Z"), workingMinutes: 60) == (try utc("2026-12-28T00:00:00Z")))
        #expect(cal.closure(on: try #require(LocalDate(year: 2026, month: 12, day: 24)))?.kind == .cutiBersama)
    }

    @Test("the Nyepi and Idul Fitri block 18–24 March closes five working days")
    func idulFitriBlock() throws {
        let cal = try ShippedCalendar.asn()
        let start = try utc("2026-03-17T07:30:00Z") // Tue 17 Mar 15:30 WITA
        let end = cal.deadline(from: start, workingMinutes: 60)
        #expect(end == (try utc("2026-03-25T00:00:00Z")))
        #expect(cal.format(end) == "2026-03-25 08:00 WITA")
        for day in [18, 19, 20, 23, 24] {
            #expect(cal.schedule(on: try #require(LocalDate(year: 2026, month: 3, day: day))).isClosed)
        }
        #expect(cal.workingMinutes(from: start, to: end) == 60)
    }

    @Test("a start outside working hours counts from the next working moment",
          arguments: [
            ("2026-03-09T22:00:00Z", "2026-03-10T00:30:00Z"), // Tue 06:00 WITA → 08:30
            ("2026-03-10T09:00:00Z", "2026-03-11T00:30:00Z"), // Tue 17:00 → Wed 08:30
            ("2026-03-10T08:00:00Z", "2026-03-11T00:30:00Z"), // Tue 16:00 sharp (closing) → Wed 08:30
            ("2026-03-08T02:00:00Z", "2026-03-09T00:30:00Z"), // Sun 10:00 → Mon 08:30
            ("2026-03-09T23:30:00Z", "2026-03-10T00:30:00Z"), // Tue 07:30 sharp → 08:30
          ])
    func outsideHours(start: String, expected: String) throws {
        let cal = try ShippedCalendar.asn()
        #expect(cal.deadline(from: try utc(start), workingMinutes: 60) == (try utc(expected)))
    }

    @Test("breaks do not count: 12:00–13:00 Mon–Thu, 11:30–13:00 Friday",
          arguments: [
            ("2026-03-10T04:15:00Z", 30, "2026-03-10T05:30:00Z"),  // Tue 12:15 (in break) + 30 → 13:30
            ("2026-03-10T03:30:00Z", 60, "2026-03-10T05:30:00Z"),  // Tue 11:30 + 60 → 13:30
            ("2026-03-10T02:00:00Z", 120, "2026-03-10T04:00:00Z"), // Tue 10:00 + 120 → 12:00, not 13:00
            ("2026-03-06T03:00:00Z", 60, "2026-03-06T05:30:00Z"),  // Fri 11:00 + 60 → 13:30
            ("2026-03-06T03:45:00Z", 15, "2026-03-06T05:15:00Z"),  // Fri 11:45 (in break) + 15 → 13:15
          ])
    func breaks(start: String, minutes: Int, expected: String) throws {
        let cal = try ShippedCalendar.asn()
        #expect(cal.deadline(from: try utc(start), workingMinutes: minutes) == (try utc(expected)))
        #expect(!cal.isWorkingTime(try utc("2026-03-10T04:30:00Z")))
        #expect(cal.isWorkingTime(try utc("2026-03-10T05:00:00Z")))
    }

    @Test("WIB and WITA: the same instant gives different local deadlines")
    func wibVersusWita() throws {
        let kalbar = try ShippedCalendar.asn("Asia/Pontianak")
        let kaltim = try ShippedCalendar.asn("Asia/Makassar")
        let start = try utc("2026-03-10T07:30:00Z") // 14:30 WIB, 15:30 WITA
        #expect(kalbar.format(start) == "2026-03-10 14:30 WIB")
        #expect(kaltim.format(start) == "2026-03-10 15:30 WITA")
        let wib = kalbar.deadline(from: start, workingMinutes: 60)
        let wita = kaltim.deadline(from: start, workingMinutes: 60)
        #expect(wib == (try utc("2026-03-10T08:30:00Z")))
        #expect(kalbar.format(wib) == "2026-03-10 15:30 WIB")
        #expect(wita == (try utc("2026-03-11T00:00:00Z")))
        #expect(kaltim.format(wita) == "2026-03-11 08:00 WITA")
        #expect(kalbar.utcOffsetSeconds == 7 * 3600 && kaltim.utcOffsetSeconds == 8 * 3600)
        #expect(try ShippedCalendar.asn("Asia/Jayapura").zoneAbbreviation == "WIT")
    }

    @Test("multi-day limits: 3 Hari = 3 × 450 working minutes")
    func multiDay() throws {
        let cal = try ShippedCalendar.asn()
        let threeDays = TimeLimit(minutes: 3 * TimeLimitParser.workingMinutesPerDay, sourceText: "3 Hari")
        // Mon 9 Mar 07:30 → end of Wed 11 Mar.
        #expect(cal.deadline(from: try utc("2026-03-08T23:30:00Z"), limit: threeDays) == (try utc("2026-03-11T08:00:00Z")))
        // Mon 9 Mar 10:00 → Thu 12 Mar 10:00.
        #expect(cal.deadline(from: try utc("2026-03-09T02:00:00Z"), limit: threeDays) == (try utc("2026-03-12T02:00:00Z")))
        // Mon 16 Mar 07:30: Mon, Tue, then the closed block, then Wed 25 Mar to 16:00.
        #expect(cal.deadline(from: try utc("2026-03-15T23:30:00Z"), limit: threeDays) == (try utc("2026-03-25T08:00:00Z")))
    }

    @Test("a wall-clock limit counts nights and weekends")
    func wallLimit() throws {
        let cal = try ShippedCalendar.asn()
        let limit = TimeLimit(minutes: 60, basis: .wall, sourceText: "1 Jam (kalender)")
        #expect(cal.deadline(from: try utc("2026-03-06T08:00:00Z"), limit: limit) == (try utc("2026-03-06T09:00:00Z")))
    }

    @Test("zero or negative limits return the start unchanged")
    func zeroLimit() throws {
        let cal = try ShippedCalendar.asn()
        let sunday = try utc("2026-03-08T02:00:00Z")
        #expect(cal.deadline(from: sunday, workingMinutes: 0) == sunday)
        #expect(cal.deadline(from: sunday, workingMinutes: -5) == sunday)
        #expect(cal.nextWorkingMoment(atOrAfter: sunday) == (try utc("2026-03-08T23:30:00Z")))
    }

    @Test("2026 has 240 open weekdays × 450 min = 108,000 working minutes")
    func wholeYear() throws {
        let cal = try ShippedCalendar.asn()
        #expect(cal.workingMinutes(from: try utc("2025-12-31T16:00:00Z"), to: try utc("2026-12-31T16:00:00Z")) == 108_000)
        #expect(cal.workingMinutes(from: try utc("2026-12-31T16:00:00Z"), to: try utc("2025-12-31T16:00:00Z")) == 0)
        #expect(cal.weeklyHours.workingMinutes == 2_250)
    }

    @Test("deadline then measure back gives the limit, for many starts and limits")
    func inverseProperty() throws {
        let cal = try ShippedCalendar.asn()
        var start = try utc("2025-12-20T00:00:00Z")
        let stop = try utc("2027-01-10T00:00:00Z")
        var checked = 0
        while start < stop {
            for minutes in [1, 15, 30, 60, 90, 450, 1_350, 4_500, 45_000] {
                let end = cal.deadline(from: start, workingMinutes: minutes)
                #expect(cal.workingMinutes(from: start, to: end) == minutes, "from \(cal.format(start)) + \(minutes)")
                // The deadline is never later than needed: one second earlier is one minute short.
                #expect(cal.workingSeconds(from: start, to: end.addingTimeInterval(-1)) < Double(minutes * 60))
                checked += 1
            }
            start.addTimeInterval(37 * 60 + 13) // odd step, so starts fall in breaks, nights and seconds
        }
        #expect(checked > 100_000)
    }

    @Test("the fast path agrees with a minute-by-minute count")
    func bruteForce() throws {
        let cal = try ShippedCalendar.asn("Asia/Pontianak")
        var start = try utc("2026-03-01T00:00:00Z")
        let stop = try utc("2026-04-10T00:00:00Z")
        while start < stop {
            for minutes in [1, 60, 500] {
                #expect(cal.deadline(from: start, workingMinutes: minutes) == Self.countMinutes(cal, from: start, minutes))
            }
            start.addTimeInterval(97 * 60)
        }
        let long = try utc("2026-01-02T01:00:00Z")
        #expect(cal.deadline(from: long, workingMinutes: 45_000) == Self.countMinutes(cal, from: long, 45_000))
    }

    /// Reference: walk whole minutes (starts are on minute boundaries) and count the working ones.
    static func countMinutes(_ cal: BusinessCalendar, from start: Date, _ minutes: Int) -> Date {
        var t = start, counted = 0
        while true {
            if cal.isWorkingTime(t) { counted += 1 }
            t.addTimeInterval(60)
            if counted == minutes { return t }
        }
    }

    @Test("closures are loaded for 2026 only: later deadlines are provisional")
    func coverage() throws {
        let cal = try ShippedCalendar.asn()
        #expect(cal.coveredYears == [2026])
        #expect(cal.isCovered(try utc("2026-06-01T00:00:00Z")))
        #expect(cal.isCovered(try utc("2026-12-31T15:59:00Z")))  // 23:59 WITA, 31 Dec
        #expect(!cal.isCovered(try utc("2026-12-31T16:30:00Z"))) // 00:30 WITA, 1 Jan 2027
        #expect(!cal.isCovered(try utc("2027-03-10T00:00:00Z")))
        let start = try utc("2026-12-30T07:00:00Z")
        let end = cal.deadline(from: start, workingMinutes: 3 * 450)
        #expect(!cal.isCovered(from: start, to: end))
        #expect(cal.isCovered(from: start, to: start))
    }

    @Test("an absurd limit or instant neither traps nor hangs")
    func extremes() throws {
        let cal = try ShippedCalendar.asn()
        let start = try utc("2026-03-10T00:00:00Z")
        #expect(cal.deadline(from: start, workingMinutes: Int.max) > start)
        #expect(cal.deadline(from: .distantFuture, workingMinutes: 60) > .distantFuture)
        let absurd = Date(timeIntervalSince1970: 1e300)
        #expect(cal.deadline(from: absurd, workingMinutes: 60) == absurd)
        #expect(cal.workingMinutes(from: start, to: absurd) == 0)
        #expect(cal.localDateTime(absurd) == nil)
    }
}
