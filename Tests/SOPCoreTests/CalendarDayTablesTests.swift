import Testing
import SOPTestSupport
@testable import SOPCore

/// The calendar keeps its closed and irregular days in sorted arrays (no Int-keyed hash tables, see
/// `BusinessCalendar`); these tests hold them to the dictionary semantics they replaced.
@Suite("Calendar day tables and date parsing")
struct CalendarDayTablesTests {
    /// The parser `LocalDate(parsing:)` had before it read bytes: split on "-", then Character checks.
    static func referenceParse(_ text: String) -> LocalDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD` with zero padding, whether or not the day exists.
    static func dateText(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    @Test("date parsing agrees with the Character-based parser on valid, invalid and hostile text")
    func parsingAgrees() {
        let fixed = ["2026-01-01", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "2026-12-31", "0000-01-01",
                     "9999-12-31", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01 ", " 2026-01-01",
                     "2026-01-01\n", "2026-01-0١", "２０２６-01-01", "2026-01-01-", "2026--01-01", "", "-", "----------",
                     "2026-01-0\u{301}", "2026\r\n01-01", "+026-01-01", "2026-+1-01", "2026-01-31", "2026-04-31"]
        for text in fixed {
            #expect(LocalDate(parsing: text) == Self.referenceParse(text), "\(text.debugDescription)")
        }
        var generator = SeededGenerator(seed: 20261126)
        let alphabet: [Character] = ["0", "1", "2", "3", "9", "-", " ", "a", "١", "\u{301}", "\r\n", "+"]
        for _ in 0..<3000 {
            var text = ""
            if Bool.random(using: &generator) {
                // Near misses of a valid date: one character replaced, inserted or removed.
                var valid = Array(Self.dateText(Int.random(in: 1900...2100, using: &generator),
                                                Int.random(in: 1...12, using: &generator), Int.random(in: 1...31, using: &generator)))
                let index = Int.random(in: 0..<valid.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: valid[index] = alphabet.randomElement(using: &generator) ?? "x"
                case 1: valid.insert(alphabet.randomElement(using: &generator) ?? "x", at: index)
                case 2: valid.remove(at: index)
                default: break
                }
                text = String(valid)
            } else {
                for _ in 0..<Int.random(in: 0...12, using: &generator) {
                    text.append(alphabet.randomElement(using: &generator) ?? "x")
                }
            }
            #expect(LocalDate(parsing: text) == Self.referenceParse(text), "\(text.debugDescription)")
        }
    }

    /// The time parser the calendar reader had before it read bytes.
    static func referenceTime(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              minute < 60, hour < 24 || (hour == 24 && minute == 0) else { return nil }
        return hour * 60 + minute
    }

    @Test("time parsing agrees with the Character-based parser, 24:00 included")
    func timeParsingAgrees() {
        var inputs = ["00:00", "07:30", "23:59", "24:00", "24:01", "25:00", "12:60", "7:30", "07:3", "07-30", "07:30 ",
                      "０7:30", "07:3٠", "0\u{301}7:30", "\r\n:30", "", ":", "00:00:00", "+1:30", "-1:30"]
        for hour in 0...26 {
            for minute in [0, 1, 30, 59, 60, 99] {
                inputs.append((hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute))
            }
        }
        for text in inputs {
            #expect(BusinessCalendar.minutesAfterMidnight(text) == Self.referenceTime(text), "\(text.debugDescription)")
        }
    }

    @Test("closures and periods answer as the dictionaries they replaced: the first closure of a date wins, closures beat periods")
    func tablesMatchDictionaries() throws {
        var generator = SeededGenerator(seed: 7)
        let base = try #require(LocalDate(year: 2026, month: 1, day: 1)).dayNumber
        let office = try #require(DaySchedule(minutes: [(450, 720), (780, 960)]))
        let short = try #require(DaySchedule(minutes: [(480, 720)]))
        let week = WeeklyHours(mondayFirst: [office, office, office, office, office, .closed, .closed])
        let shortWeek = WeeklyHours(mondayFirst: [short, short, short, short, short, .closed, .closed])
        let kinds = ClosedDay.Kind.allCases
        for round in 0..<40 {
            // Unsorted closures with repeated dates, and up to two disjoint periods, given out of order.
            var closures: [ClosedDay] = []
            for index in 0..<Int.random(in: 0...30, using: &generator) {
                let date = LocalDate(dayNumber: base + Int.random(in: 0..<120, using: &generator))
                closures.append(ClosedDay(date: date, kind: kinds.randomElement(using: &generator) ?? .liburNasional,
                                          name: "closure \(round).\(index)"))
            }
            let split = Int.random(in: 10..<110, using: &generator)
            var periods = [HoursPeriod(name: "early", from: LocalDate(dayNumber: base + split - 10),
                                       to: LocalDate(dayNumber: base + split - 1), week: shortWeek)]
            if Bool.random(using: &generator) {
                periods.insert(HoursPeriod(name: "late", from: LocalDate(dayNumber: base + split),
                                           to: LocalDate(dayNumber: base + split + 9), week: shortWeek), at: 0)
            }
            let calendar = try BusinessCalendar(id: "t", name: "t", weeklyHours: week, closedDays: closures,
                                                coveredYears: [2026], periods: periods, timeZone: "Asia/Makassar")

            var firstClosure: [Int: ClosedDay] = [:]
            for closure in closures where firstClosure[closure.date.dayNumber] == nil {
                firstClosure[closure.date.dayNumber] = closure
            }
            var periodDays: [Int: DaySchedule] = [:]
            for period in periods {
                for day in period.from.dayNumber...period.to.dayNumber {
                    periodDays[day] = period.week[Weekday(dayNumber: day)]
                }
            }
            #expect(calendar.closures == firstClosure.values.sorted { $0.date < $1.date })
            for day in (base - 3)..<(base + 125) {
                let date = LocalDate(dayNumber: day)
                #expect(calendar.closure(on: date) == firstClosure[day], "round \(round), \(date)")
                let expected = firstClosure[day] != nil ? .closed : (periodDays[day] ?? week[Weekday(dayNumber: day)])
                #expect(calendar.schedule(on: date) == expected, "round \(round), \(date)")
                let irregular = Set(firstClosure.keys).union(periodDays.keys).filter { $0 >= day }.min()
                #expect(calendar.firstIrregularDay(atOrAfter: day) == irregular, "round \(round), \(date)")
            }
        }
    }

    @Test("covered years come back as given, and only they are covered")
    func coveredYears() throws {
        let week = WeeklyHours(mondayFirst: Array(repeating: try #require(DaySchedule(minutes: [(450, 960)])), count: 5))
        let calendar = try BusinessCalendar(id: "t", name: "t", weeklyHours: week, closedDays: [],
                                            coveredYears: [2027, 2025], timeZone: "Asia/Jakarta")
        #expect(calendar.coveredYears == [2025, 2027])
        #expect(calendar.isCovered(try utc("2025-06-01T03:00:00Z")))
        #expect(!calendar.isCovered(try utc("2026-06-01T03:00:00Z")))
        #expect(!calendar.isCovered(from: try utc("2025-06-01T03:00:00Z"), to: try utc("2027-06-01T03:00:00Z")))
        #expect(calendar.isCovered(from: try utc("2027-01-01T03:00:00Z"), to: try utc("2027-12-31T03:00:00Z")))
    }
}
