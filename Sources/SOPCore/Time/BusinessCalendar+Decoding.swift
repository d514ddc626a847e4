import Foundation

extension BusinessCalendar {
    /// Builds a calendar from the bytes of a working-hours file and of the closure sets it names.
    ///
    /// The caller reads the files (the core does no I/O): `closureSets` maps each closure-set
    /// id, as listed in the calendar's `closures`, to that file's bytes; extra entries are ignored.
    ///
    ///     let calendar = try BusinessCalendar.decode(
    ///         calendarJSON: asnData, closureSets: ["id-national-2026": nationalData],
    ///         timeZone: "Asia/Makassar")
    ///
    /// - Throws: the first problem found, as a ``CalendarError`` naming the document and JSON path.
    public static func decode(calendarJSON: Data, closureSets: [String: Data],
                              timeZone: String) throws(CalendarError) -> BusinessCalendar {
        try decode(calendarJSON: calendarJSON, closureSet: { closureSets[$0] }, timeZone: timeZone)
    }

    /// The same, asking `closureSet` for the bytes of each closure set the calendar lists, in order
    /// (nil: there is no such set), so a caller can read exactly those files.
    public static func decode(calendarJSON: Data, closureSet: (String) -> Data?,
                              timeZone: String) throws(CalendarError) -> BusinessCalendar {
        let file: CalendarFile.WorkingHours
        if let fast = CalendarFile.fastWorkingHours(calendarJSON) {
            file = fast
        } else {
            file = try decodeDocument(calendarJSON, kind: CalendarFile.workingHoursKind, document: .calendar)
        }
        let week = try parseWeek(file.week, at: "$.week", in: .calendar)
        var periods: [HoursPeriod] = []
        for (index, period) in (file.periods ?? []).enumerated() {
            let path = "$.periods[\(index)]"
            let from = try parseDate(period.from, at: path + ".from", in: .calendar)
            let to = try parseDate(period.to, at: path + ".to", in: .calendar)
            periods.append(HoursPeriod(name: period.name, from: from, to: to,
                                       week: try parseWeek(period.week, at: path + ".week", in: .calendar)))
        }
        var closedDays: [ClosedDay] = []
        var years: [Int] = []  // not a Set<Int>: see BusinessCalendar's day tables
        for (index, setID) in file.closures.enumerated() {
            guard let data = closureSet(setID) else {
                throw CalendarError(.missingClosureSet, in: .calendar, at: "$.closures[\(index)]", value: setID)
            }
            let set = try decodeClosureSet(data, id: setID)
            closedDays += set.days
            if !years.contains(set.year) { years.append(set.year) }
        }
        return try BusinessCalendar(id: file.id, name: file.name, weeklyHours: week, closedDays: closedDays,
                                    coveredYearList: years.sorted(), periods: periods, timeZone: timeZone)
    }

    /// One closure-set file: its year and its closed days, checked to lie in that year.
    static func decodeClosureSet(_ data: Data, id: String) throws(CalendarError) -> (year: Int, days: [ClosedDay]) {
        let document = CalendarError.Document.closureSet(id)
        let file: CalendarFile.ClosureSet
        if let fast = CalendarFile.fastClosureSet(data) {
            file = fast
        } else {
            file = try decodeDocument(data, kind: CalendarFile.closureSetKind, document: document)
        }
        guard file.id == id else {
            throw CalendarError(.mismatchedID, in: document, at: "$.id", value: file.id)
        }
        // Dates already seen, as days of the year: at most 366, so a bit per day, no hash set (see
        // BusinessCalendar's day tables).
        var seen = [Bool](repeating: false, count: 367)
        var days: [ClosedDay] = []
        for (index, closure) in file.closures.enumerated() {
            func path(_ member: String) -> String { "$.closures[\(index)].\(member)" }
            guard let date = LocalDate(parsing: closure.date) else {
                throw CalendarError(.invalidDate, in: document, at: path("date"), value: closure.date)
            }
            guard date.year == file.year else {
                throw CalendarError(.dateOutsideYear, in: document, at: path("date"), value: closure.date)
            }
            let dayOfYear = date.dayNumber - LocalDate.daysFromCivil(year: date.year, month: 1, day: 1)
            guard !seen[dayOfYear] else {
                throw CalendarError(.duplicateDate, in: document, at: path("date"), value: closure.date)
            }
            seen[dayOfYear] = true
            guard let kind = ClosedDay.Kind(rawValue: closure.kind) else {
                throw CalendarError(.unknownClosureKind, in: document, at: path("kind"), value: closure.kind)
            }
            days.append(ClosedDay(date: date, kind: kind, name: closure.name))
        }
        return (file.year, days)
    }

    /// Parses JSON, checks the `kind` discriminator, then decodes the mirror, mapping every
    /// failure to a ``CalendarError`` with the JSON path the decoder reports.
    static func decodeDocument<T: Decodable>(_ data: Data, kind: String,
                                             document: CalendarError.Document) throws(CalendarError) -> T {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw CalendarError(.malformedJSON, in: document, at: "$", value: detail ?? "\(error)")
        }
        let decoder = JSONDecoder()
        let header: CalendarFile.Header
        do {
            header = try decoder.decode(CalendarFile.Header.self, from: data)
        } catch {
            throw calendarError(from: error, in: document)
        }
        guard header.kind == kind else {
            throw CalendarError(.wrongKind, in: document, at: "$.kind", value: header.kind)
        }
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw calendarError(from: error, in: document)
        }
    }

    static func calendarError(from error: any Error, in document: CalendarError.Document) -> CalendarError {
        guard let error = error as? DecodingError else {
            return CalendarError(.malformedJSON, in: document, at: "$", value: "\(error)")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return CalendarError(.missingField, in: document, at: jsonPath(context.codingPath + [key]))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return CalendarError(.wrongType, in: document, at: jsonPath(context.codingPath), value: context.debugDescription)
        case .dataCorrupted(let context):
            let code: CalendarError.Code = context.codingPath.isEmpty ? .malformedJSON : .wrongType
            return CalendarError(code, in: document, at: jsonPath(context.codingPath), value: context.debugDescription)
        @unknown default:
            return CalendarError(.malformedJSON, in: document, at: "$", value: "\(error)")
        }
    }

    /// `$.periods[0].week.mon` from a decoder's coding path.
    static func jsonPath(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce("$") { path, key in
            if let index = key.intValue { return path + "[\(index)]" }
            return path + "." + key.stringValue
        }
    }

    static func parseWeek(_ raw: [String: [[String]]], at path: String,
                          in document: CalendarError.Document) throws(CalendarError) -> WeeklyHours {
        for key in raw.keys.sorted() where Weekday(key: key) == nil {
            throw CalendarError(.unknownWeekday, in: document, at: path + "." + key, value: key)
        }
        var days: [DaySchedule] = []
        for weekday in Weekday.allCases {
            guard let intervals = raw[weekday.key] else {
                throw CalendarError(.missingWeekday, in: document, at: path, value: weekday.key)
            }
            days.append(try parseDay(intervals, at: path + "." + weekday.key, in: document))
        }
        return WeeklyHours(mondayFirst: days)
    }

    static func parseDay(_ raw: [[String]], at path: String,
                         in document: CalendarError.Document) throws(CalendarError) -> DaySchedule {
        var minutes: [(start: Int, end: Int)] = []
        for (index, pair) in raw.enumerated() {
            // Paths are built only for an error: every timed command parses the week's 28 times.
            func itemPath() -> String { path + "[\(index)]" }
            guard pair.count == 2 else {
                throw CalendarError(.invalidInterval, in: document, at: itemPath(), value: pair.joined(separator: "–"))
            }
            guard let start = minutesAfterMidnight(pair[0]) else {
                throw CalendarError(.invalidTime, in: document, at: itemPath() + "[0]", value: pair[0])
            }
            guard let end = minutesAfterMidnight(pair[1]) else {
                throw CalendarError(.invalidTime, in: document, at: itemPath() + "[1]", value: pair[1])
            }
            guard start < end, start >= (minutes.last?.end ?? 0) else {
                throw CalendarError(.invalidInterval, in: document, at: itemPath(), value: "\(pair[0])–\(pair[1])")
            }
            minutes.append((start, end))
        }
        guard let schedule = DaySchedule(minutes: minutes) else {
            throw CalendarError(.invalidInterval, in: document, at: path)
        }
        return schedule
    }

    /// Minutes after midnight of `HH:MM` (ASCII digits); `24:00` is allowed as the end of a day. Nil otherwise.
    ///
    /// Read from the UTF-8 bytes, like ``LocalDate/init(parsing:)``.
    static func minutesAfterMidnight(_ text: String) -> Int? {
        var hour = 0, minute = 0, position = 0
        for byte in text.utf8 {
            guard position < 5 else { return nil }
            if position == 2 {
                guard byte == UInt8(ascii: ":") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if position < 2 { hour = hour * 10 + digit } else { minute = minute * 10 + digit }
            }
            position += 1
        }
        guard position == 5, minute < 60, hour < 24 || (hour == 24 && minute == 0) else { return nil }
        return hour * 60 + minute
    }

    static func parseDate(_ text: String, at path: String,
                          in document: CalendarError.Document) throws(CalendarError) -> LocalDate {
        guard let date = LocalDate(parsing: text) else {
            throw CalendarError(.invalidDate, in: document, at: path, value: text)
        }
        return date
    }
}
