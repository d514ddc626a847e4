import Foundation
import Testing
@testable import SOPCore

@Suite("Loading calendar data, and the typed errors of bad data")
struct BusinessCalendarDecodingTests {
    /// The shipped working-hours file with one change applied to its JSON object.
    static func calendar(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        try edited(ShippedCalendar.data("asn-perpres-21-2023"), edit)
    }

    /// The shipped 2026 closure set with one change applied.
    static func closures(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        try edited(ShippedCalendar.data("id-national-2026"), edit)
    }

    static func edited(_ data: Data, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func load(calendar: Data? = nil, closures: Data? = nil, zone: String = "Asia/Makassar") throws(CalendarError) -> BusinessCalendar {
        let calendarData = calendar ?? (try? ShippedCalendar.data("asn-perpres-21-2023")) ?? Data()
        let closureData = closures ?? (try? ShippedCalendar.data("id-national-2026")) ?? Data()
        return try BusinessCalendar.decode(calendarJSON: calendarData, closureSets: ["id-national-2026": closureData], timeZone: zone)
    }

    static func week(_ days: [String: Any]) -> (inout [String: Any]) -> Void {
        { object in
            var week = object["week"] as? [String: Any] ?? [:]
            for (key, value) in days { week[key] = value }
            object["week"] = week
        }
    }

    static func closure(at index: Int, _ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { object in
            var list = object["closures"] as? [[String: Any]] ?? []
            list[index][key] = value
            object["closures"] = list
        }
    }

    @Test("the shipped files load: 25 closures, 2,250 minutes a week")
    func shipped() throws {
        let cal = try ShippedCalendar.asn()
        #expect(cal.id == "asn-perpres-21-2023")
        #expect(cal.closedDays.count == 25)
        #expect(cal.closedDays.filter { $0.kind == .cutiBersama }.count == 8)
        #expect(cal.weeklyHours[.friday].intervals == [450..<690, 780..<990])
        #expect(cal.weeklyHours[.saturday].isClosed)
        #expect(Weekday.allCases.prefix(5).allSatisfy { cal.weeklyHours[$0].workingMinutes == 450 })
    }

    @Test("not JSON at all")
    func malformed() {
        let error = #expect(throws: CalendarError.self) { try Self.load(calendar: Data("{\"kind\": ".utf8)) }
        #expect(error?.code == .malformedJSON)
        #expect(error?.document == .calendar)
        #expect(error?.path == "$")
    }

    /// Edits of the shipped calendar and the exact error each must give (computed, as closures over
    /// `[String: Any]` are not `Sendable` test arguments).
    static var calendarCases: [((inout [String: Any]) -> Void, CalendarError)] { [
            (Self.week(["mon": [["07:30", "25:00"]]]), CalendarError(.invalidTime, in: .calendar, at: "$.week.mon[0][1]", value: "25:00")),
            (Self.week(["tue": [["7:30", "12:00"]]]), CalendarError(.invalidTime, in: .calendar, at: "$.week.tue[0][0]", value: "7:30")),
            (Self.week(["wed": [["13:00", "12:00"]]]), CalendarError(.invalidInterval, in: .calendar, at: "$.week.wed[0]", value: "13:00–12:00")),
            (Self.week(["thu": [["07:30", "12:30"], ["12:00", "16:00"]]]), CalendarError(.invalidInterval, in: .calendar, at: "$.week.thu[1]", value: "12:00–16:00")),
            (Self.week(["fri": [["07:30"]]]), CalendarError(.invalidInterval, in: .calendar, at: "$.week.fri[0]", value: "07:30")),
            (Self.week(["Mon": []]), CalendarError(.unknownWeekday, in: .calendar, at: "$.week.Mon", value: "Mon")),
            ({ o in var w = o["week"] as? [String: Any] ?? [:]; w["sun"] = nil; o["week"] = w }, CalendarError(.missingWeekday, in: .calendar, at: "$.week", value: "sun")),
            (Self.week(["mon": [], "tue": [], "wed": [], "thu": [], "fri": []]), CalendarError(.noWorkingTime, in: .calendar, at: "$.week")),
            ({ o in o["week"] = nil }, CalendarError(.missingField, in: .calendar, at: "$.week")),
            ({ o in o["kind"] = "closures" }, CalendarError(.wrongKind, in: .calendar, at: "$.kind", value: "closures")),
            ({ o in o["closures"] = ["id-national-2027"] }, CalendarError(.missingClosureSet, in: .calendar, at: "$.closures[0]", value: "id-national-2027")),
            ({ o in o["periods"] = [["name": "Ramadan", "from": "2026-02-30", "to": "2026-03-19", "week": o["week"] ?? [:]]] },
             CalendarError(.invalidDate, in: .calendar, at: "$.periods[0].from", value: "2026-02-30")),
            ({ o in o["periods"] = [["name": "Ramadan", "from": "2026-03-19", "to": "2026-02-19", "week": o["week"] ?? [:]]] },
             CalendarError(.invalidPeriod, in: .calendar, at: "$.periods[0]", value: "Ramadan")),
    ] }

    @Test("bad data names the code, the document and the JSON path", arguments: calendarCases.indices)
    func badCalendar(index: Int) throws {
        let (edit, expected) = Self.calendarCases[index]
        let data = try Self.calendar(edit)
        #expect(throws: expected) { try Self.load(calendar: data) }
    }

    static var closureCases: [((inout [String: Any]) -> Void, CalendarError)] { [
            (Self.closure(at: 0, "date", "2027-01-01"), CalendarError(.dateOutsideYear, in: .closureSet("id-national-2026"), at: "$.closures[0].date", value: "2027-01-01")),
            (Self.closure(at: 2, "date", "2026-02-30"), CalendarError(.invalidDate, in: .closureSet("id-national-2026"), at: "$.closures[2].date", value: "2026-02-30")),
            (Self.closure(at: 1, "date", "2026-01-01"), CalendarError(.duplicateDate, in: .closureSet("id-national-2026"), at: "$.closures[1].date", value: "2026-01-01")),
            (Self.closure(at: 3, "kind", "libur"), CalendarError(.unknownClosureKind, in: .closureSet("id-national-2026"), at: "$.closures[3].kind", value: "libur")),
            ({ o in o["id"] = "id-national-2025" }, CalendarError(.mismatchedID, in: .closureSet("id-national-2026"), at: "$.id", value: "id-national-2025")),
            ({ o in o["kind"] = "working-hours" }, CalendarError(.wrongKind, in: .closureSet("id-national-2026"), at: "$.kind", value: "working-hours")),
    ] }

    @Test("bad closure sets name the set and the JSON path", arguments: closureCases.indices)
    func badClosures(index: Int) throws {
        let (edit, expected) = Self.closureCases[index]
        let data = try Self.closures(edit)
        #expect(throws: expected) { try Self.load(closures: data) }
    }

    @Test("a wrong JSON type reports its path")
    func wrongType() throws {
        let data = try Self.closures(Self.closure(at: 4, "name", 7))
        let error = #expect(throws: CalendarError.self) { try Self.load(closures: data) }
        #expect(error?.code == .wrongType)
        #expect(error?.path == "$.closures[4].name")
        #expect(error?.document == .closureSet("id-national-2026"))
    }

    @Test("an unknown zone, and a zone with daylight saving, are refused")
    func zones() {
        #expect(throws: CalendarError(.unknownTimeZone, in: .timeZone, at: "$", value: "Asia/Borneo")) {
            try Self.load(zone: "Asia/Borneo")
        }
        #expect(throws: CalendarError(.variableUTCOffset, in: .timeZone, at: "$", value: "Europe/Berlin")) {
            try Self.load(zone: "Europe/Berlin")
        }
    }

    @Test("errors describe themselves with their stable code")
    func errorDescription() {
        let error = CalendarError(.invalidTime, in: .calendar, at: "$.week.mon[0][1]", value: "25:00")
        #expect(error.description == "calendar: error[calendar-invalid-time] at $.week.mon[0][1]: '25:00'")
    }

    @Test("a period (e.g. Ramadan) changes the hours, and closures still win over it")
    func periods() throws {
        let ramadanDay = [["08:00", "12:00"], ["12:30", "15:00"]]
        let ramadanWeek: [String: Any] = ["mon": ramadanDay, "tue": ramadanDay, "wed": ramadanDay, "thu": ramadanDay,
                                          "fri": [["08:00", "11:30"], ["12:30", "15:30"]], "sat": [], "sun": []]
        let data = try Self.calendar { o in
            o["periods"] = [["name": "Ramadan 1447 H (test)", "from": "2026-02-19", "to": "2026-03-19", "week": ramadanWeek]]
        }
        let cal = try Self.load(calendar: data)
        // Tue 10 Mar 14:30 WITA + 60 min: 30 min to 15:00, then Wed 08:00–08:30.
        #expect(cal.deadline(from: try utc("2026-03-10T06:30:00Z"), workingMinutes: 60) == (try utc("2026-03-11T00:30:00Z")))
        // Outside the period the ordinary week applies again (Mon 30 Mar 15:30 + 30 → 16:00).
        #expect(cal.deadline(from: try utc("2026-03-30T07:30:00Z"), workingMinutes: 30) == (try utc("2026-03-30T08:00:00Z")))
        #expect(cal.schedule(on: try #require(LocalDate(year: 2026, month: 3, day: 19))).isClosed)
        #expect(cal.schedule(on: try #require(LocalDate(year: 2026, month: 3, day: 17))).workingMinutes == 390)
        #expect(cal.periods.count == 1)
    }
}
