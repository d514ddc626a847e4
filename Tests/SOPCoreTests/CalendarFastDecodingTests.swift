import Foundation
import Testing
@testable import SOPCore

/// The fast calendar reader (`CalendarFile+FastDecoding.swift`) must read exactly what the Foundation path
/// reads, and give up (nil, so the Foundation path reports the error) on everything else.
@Suite("Calendars: the fast reader agrees with the Foundation path")
struct CalendarFastDecodingTests {
    private typealias Edit = (inout [String: Any]) -> Void

    private static func slowHours(_ data: Data) throws -> CalendarFile.WorkingHours {
        try BusinessCalendar.decodeDocument(data, kind: CalendarFile.workingHoursKind, document: .calendar)
    }

    private static func slowClosures(_ data: Data) throws -> CalendarFile.ClosureSet {
        try BusinessCalendar.decodeDocument(data, kind: CalendarFile.closureSetKind, document: .closureSet("x"))
    }

    private static func same(_ a: CalendarFile.WorkingHours, _ b: CalendarFile.WorkingHours) -> Bool {
        a.id == b.id && a.name == b.name && a.week == b.week && a.closures == b.closures
            && a.periods?.map { [$0.name, $0.from, $0.to] } == b.periods?.map { [$0.name, $0.from, $0.to] }
            && a.periods?.map(\.week) == b.periods?.map(\.week)
    }

    @Test("shipped and edited working-hours files read alike", arguments: 0..<5)
    func workingHours(variant: Int) throws {
        let edits: [Edit] = [
            { _ in },
            { $0["periods"] = NSNull() },
            { $0["periods"] = [["name": "Ramadan", "from": "2026-02-18", "to": "2026-03-19",
                                "week": ["mon": [["08:00", "14:00"]], "tue": [], "extra": [["a", "b", "c"]]]]] },
            { $0["unknown"] = ["nested": [1, 2.5, true]] },
            { $0.removeValue(forKey: "periods") },
        ]
        let data = try BusinessCalendarDecodingTests.calendar(edits[variant])
        let fast = try #require(CalendarFile.fastWorkingHours(data))
        #expect(Self.same(fast, try Self.slowHours(data)))
    }

    @Test("shipped closure sets read alike")
    func closureSets() throws {
        let data = try ShippedCalendar.data("id-national-2026")
        let fast = try #require(CalendarFile.fastClosureSet(data))
        let slow = try Self.slowClosures(data)
        #expect(fast.id == slow.id && fast.year == slow.year)
        #expect(fast.closures.map { [$0.date, $0.kind, $0.name] } == slow.closures.map { [$0.date, $0.kind, $0.name] })
    }

    @Test("anything unusual is left to the Foundation path", arguments: 0..<8)
    func givesUp(variant: Int) throws {
        let hours: [Edit] = [
            { $0["kind"] = "closures" }, { $0["week"] = "x" }, { $0.removeValue(forKey: "name") },
            { $0["closures"] = [1] }, { $0["periods"] = 3 }, { $0["id"] = NSNull() },
        ]
        if variant < hours.count {
            #expect(CalendarFile.fastWorkingHours(try BusinessCalendarDecodingTests.calendar(hours[variant])) == nil)
        } else if variant == 6 {
            #expect(CalendarFile.fastClosureSet(try BusinessCalendarDecodingTests.closures { $0["year"] = 2026.5 }) == nil)
        } else {
            #expect(CalendarFile.fastWorkingHours(Data(#"{"kind":"working-hours","kind":"working-hours"}"#.utf8)) == nil)
            #expect(CalendarFile.fastWorkingHours(Data([0xEF, 0xBB, 0xBF] + Array("{}".utf8))) == nil)
            #expect(CalendarFile.fastWorkingHours(Data(#"{"x": 1e999}"#.utf8)) == nil)
        }
    }
}
