import Foundation

/// An agency's working time: its weekly hours, the days it is closed, and its time zone.
///
/// Step time limits ("1 Jam", "30 Menit") count only this working time, so the SLA clock
/// asks the calendar, never the wall clock. It is a value built once from calendar data
/// (see ``decode(calendarJSON:closureSets:timeZone:)``); every query is pure arithmetic on
/// local seconds (UTC instant + the zone's fixed offset), with no `Calendar.current`, no
/// machine zone and no file access.
///
/// Indonesian zones have had fixed offsets since 1988 (WIB +7, WITA +8, WIT +9; no DST),
/// so the offset is read once from the IANA zone and checked to be constant from 1990 to
/// 2100. Instants before 1990 are measured with that same offset.
///
/// The clock counts minutes only. A limit in days ("2 Hari") is converted before it gets
/// here, at ``TimeLimitParser/workingMinutesPerDay`` (450: Perpres 21/2023's 37 h 30 min
/// over five days), so "1 Hari" is the same length whichever weekday it starts on.
public struct BusinessCalendar: Sendable {
    /// The calendar's id, e.g. `asn-perpres-21-2023`.
    public let id: String
    public let name: String
    /// The IANA zone id, e.g. `Asia/Makassar`.
    public let timeZoneIdentifier: String
    /// Seconds east of UTC (28800 for WITA).
    public let utcOffsetSeconds: Int
    /// The ordinary week.
    public let weeklyHours: WeeklyHours
    /// Dated stretches with other hours (e.g. Ramadan), sorted and disjoint.
    public let periods: [HoursPeriod]
    /// Local years whose closures are all loaded. A deadline reaching past them is provisional.
    public var coveredYears: Set<Int> { Set(coveredYearList) }

    // The day-keyed tables below are sorted arrays searched by halving, not `[Int: …]` or `Set<Int>`:
    // in the static `sop` binary the first Int-keyed hash collection of a process costs a runtime
    // conformance scan (~0.3 M instructions, see BENCHMARKS.md), paid by every command that reads a calendar.

    /// ``coveredYears``, ascending.
    let coveredYearList: [Int]
    /// Closed days in date order, one per date (the first given).
    let closedDays: [ClosedDay]
    /// Days that differ from the ordinary week (closures and period days), ascending, so whole regular
    /// weeks can be skipped; and their schedules, index for index.
    let irregularDays: [Int]
    let irregularSchedules: [DaySchedule]
    let offset: Double
    let weekSeconds: Double

    /// A calendar from already-parsed parts.
    ///
    /// - Parameters:
    ///   - closedDays: holidays and cuti bersama; when a date repeats, the first entry is kept.
    ///   - coveredYears: the years whose closures are complete (the `year` of each closure set).
    ///   - timeZone: an IANA id such as `Asia/Pontianak` (WIB) or `Asia/Makassar` (WITA).
    /// - Throws: ``CalendarError`` with `.noWorkingTime`, `.invalidPeriod`, `.unknownTimeZone`
    ///   or `.variableUTCOffset`.
    public init(id: String, name: String, weeklyHours: WeeklyHours, closedDays: [ClosedDay],
                coveredYears: Set<Int>, periods: [HoursPeriod] = [], timeZone: String) throws(CalendarError) {
        try self.init(id: id, name: name, weeklyHours: weeklyHours, closedDays: closedDays,
                      coveredYearList: coveredYears.sorted(), periods: periods, timeZone: timeZone)
    }

    /// The designated initializer: `coveredYearList` is ascending with no repeats.
    init(id: String, name: String, weeklyHours: WeeklyHours, closedDays: [ClosedDay],
         coveredYearList: [Int], periods: [HoursPeriod], timeZone: String) throws(CalendarError) {
        guard weeklyHours.workingMinutes > 0 else {
            throw CalendarError(.noWorkingTime, in: .calendar, at: "$.week")
        }
        // Sorted by start, but errors name the index as given (the file's order).
        let order = periods.indices.sorted { periods[$0].from < periods[$1].from }
        // Period days come out ascending and unique (the periods are sorted and disjoint).
        var periodDays: [(day: Int, schedule: DaySchedule)] = []
        var previousEnd: Int?
        for index in order {
            let period = periods[index]
            let first = period.from.dayNumber, last = period.to.dayNumber
            guard first <= last, last - first < 366 else {
                throw CalendarError(.invalidPeriod, in: .calendar, at: "$.periods[\(index)]", value: period.name)
            }
            if let previousEnd, first <= previousEnd {
                throw CalendarError(.invalidPeriod, in: .calendar, at: "$.periods[\(index)]", value: period.name)
            }
            previousEnd = last
            for day in first...last {
                periodDays.append((day, period.week[Weekday(dayNumber: day)]))
            }
        }
        // Closures in date order, the first given kept when a date repeats (a stable sort keeps the given order).
        var closed: [ClosedDay] = []
        var closedNumbers: [Int] = []
        let byDate = closedDays.indices.sorted {
            (closedDays[$0].date.dayNumber, $0) < (closedDays[$1].date.dayNumber, $1)
        }
        for index in byDate where closedNumbers.last != closedDays[index].date.dayNumber {
            closed.append(closedDays[index])
            closedNumbers.append(closedDays[index].date.dayNumber)
        }
        // Merge: a closure overrides the period's hours that day.
        var days: [Int] = []
        var schedules: [DaySchedule] = []
        var p = 0, c = 0
        while p < periodDays.count || c < closedNumbers.count {
            let periodDay = p < periodDays.count ? periodDays[p].day : Int.max
            let closedDay = c < closedNumbers.count ? closedNumbers[c] : Int.max
            if closedDay <= periodDay {
                days.append(closedDay)
                schedules.append(.closed)
                c += 1
                if periodDay == closedDay { p += 1 }
            } else {
                days.append(periodDay)
                schedules.append(periodDays[p].schedule)
                p += 1
            }
        }
        self.id = id
        self.name = name
        self.timeZoneIdentifier = timeZone
        self.utcOffsetSeconds = try BusinessCalendar.fixedUTCOffset(of: timeZone)
        self.weeklyHours = weeklyHours
        self.periods = order.map { periods[$0] }
        self.coveredYearList = coveredYearList
        self.closedDays = closed
        self.irregularDays = days
        self.irregularSchedules = schedules
        self.offset = Double(utcOffsetSeconds)
        self.weekSeconds = weeklyHours.workingSeconds
    }

    /// Every loaded closure in date order, e.g. to list the holidays a deadline skipped.
    public var closures: [ClosedDay] { closedDays }

    /// The working intervals of a local date, closures and periods applied.
    public func schedule(on date: LocalDate) -> DaySchedule { schedule(onDay: date.dayNumber) }

    /// The closure on the local date of `date`, if the office is closed that day.
    public func closure(on date: Date) -> ClosedDay? {
        guard let local = localSeconds(date) else { return nil }
        return closure(onDay: BusinessCalendar.dayNumber(local))
    }

    /// The closure on a local date, if any.
    public func closure(on date: LocalDate) -> ClosedDay? { closure(onDay: date.dayNumber) }

    /// Whether the closures of the local year of `date` are loaded. When not, a deadline is
    /// provisional: a holiday not yet decreed might move it (DOMAIN §3.4).
    public func isCovered(_ date: Date) -> Bool {
        guard let local = localSeconds(date) else { return false }
        return coveredYearList.contains(LocalDate(dayNumber: BusinessCalendar.dayNumber(local)).year)
    }

    /// Whether every local year from `start` to `end` is covered, i.e. a clock running over
    /// that span is final.
    public func isCovered(from start: Date, to end: Date) -> Bool {
        guard let a = localSeconds(min(start, end)), let b = localSeconds(max(start, end)) else { return false }
        let first = LocalDate(dayNumber: BusinessCalendar.dayNumber(a)).year
        let last = LocalDate(dayNumber: BusinessCalendar.dayNumber(b)).year
        return (first...last).allSatisfy(coveredYearList.contains)
    }

    /// Whether `date` falls inside a working interval (not in a break, after hours or on a closed day).
    public func isWorkingTime(_ date: Date) -> Bool {
        guard let local = localSeconds(date) else { return false }
        let day = BusinessCalendar.dayNumber(local)
        let second = local - Double(day) * 86_400
        return schedule(onDay: day).spans.contains { $0.start <= second && second < $0.end }
    }

    // MARK: - Internal arithmetic

    /// About ±300,000 years: beyond it `Int(Double)` could trap, so such instants are refused.
    static let localSecondsLimit = 1e13

    /// Seconds since 1970-01-01 00:00 local time, or nil for a non-finite or absurd instant.
    func localSeconds(_ date: Date) -> Double? {
        let local = date.timeIntervalSince1970 + offset
        guard local.isFinite, abs(local) < BusinessCalendar.localSecondsLimit else { return nil }
        return local
    }

    func date(localSeconds: Double) -> Date { Date(timeIntervalSince1970: localSeconds - offset) }

    static func dayNumber(_ localSeconds: Double) -> Int { Int((localSeconds / 86_400).rounded(.down)) }

    func schedule(onDay day: Int) -> DaySchedule {
        let index = firstIrregularIndex(atOrAfter: day)
        if index < irregularDays.count, irregularDays[index] == day { return irregularSchedules[index] }
        return weeklyHours[Weekday(dayNumber: day)]
    }

    func closure(onDay day: Int) -> ClosedDay? {
        let index = BusinessCalendar.firstIndex(count: closedDays.count, atOrAfter: day) { closedDays[$0].date.dayNumber }
        return index < closedDays.count && closedDays[index].date.dayNumber == day ? closedDays[index] : nil
    }

    /// The first irregular day at or after `day`, if any.
    func firstIrregularDay(atOrAfter day: Int) -> Int? {
        let index = firstIrregularIndex(atOrAfter: day)
        return index < irregularDays.count ? irregularDays[index] : nil
    }

    private func firstIrregularIndex(atOrAfter day: Int) -> Int {
        BusinessCalendar.firstIndex(count: irregularDays.count, atOrAfter: day) { irregularDays[$0] }
    }

    /// The first index below `count` whose day (`dayAt`, ascending) is `day` or later (`count` if none).
    private static func firstIndex(count: Int, atOrAfter day: Int, dayAt: (Int) -> Int) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if dayAt(mid) < day { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
