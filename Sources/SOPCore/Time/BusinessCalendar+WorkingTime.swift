import Foundation

extension BusinessCalendar {
    /// When a limit of `workingMinutes` started at `start` runs out, counting only working time.
    ///
    /// A start outside working hours (before opening, after closing, in a break, on a weekend,
    /// holiday or cuti bersama) counts from the next working moment. A limit that ends exactly
    /// at closing time ends then, not at the next opening: 60 minutes from Friday 15:30 end at
    /// Friday 16:30, while 60 minutes from Friday 16:00 end at Monday 08:00.
    ///
    /// Whole regular weeks and closed days are skipped arithmetically, so the cost grows with the
    /// number of holidays crossed, not with the length of the limit.
    ///
    /// - Parameter workingMinutes: zero or less returns `start` unchanged.
    public func deadline(from start: Date, workingMinutes: Int) -> Date {
        guard workingMinutes > 0, let local = localSeconds(start) else { return start }
        return date(localSeconds: localDeadline(from: local, workingSeconds: Double(workingMinutes) * 60))
    }

    /// When a wall-clock limit runs out: nights, weekends and holidays count too.
    public func deadline(from start: Date, wallMinutes: Int) -> Date {
        guard wallMinutes > 0 else { return start }
        return start.addingTimeInterval(Double(wallMinutes) * 60)
    }

    /// When a step's time limit runs out, on the basis the definition chose.
    ///
    /// A limit in days ("2 Hari") reaches here already in minutes, converted by the limit
    /// parser at ``TimeLimitParser/workingMinutesPerDay`` (450) working minutes a day.
    public func deadline(from start: Date, limit: TimeLimit) -> Date {
        switch limit.basis {
        case .working: deadline(from: start, workingMinutes: limit.minutes)
        case .wall: deadline(from: start, wallMinutes: limit.minutes)
        }
    }

    /// Working seconds between two instants (0 when `end` is not after `start`): how long a step
    /// really took, or how late it is, in the agency's working time.
    public func workingSeconds(from start: Date, to end: Date) -> Double {
        guard end > start, let a = localSeconds(start), let b = localSeconds(end) else { return 0 }
        let firstDay = BusinessCalendar.dayNumber(a), lastDay = BusinessCalendar.dayNumber(b)
        let startSecond = a - Double(firstDay) * 86_400, endSecond = b - Double(lastDay) * 86_400
        if firstDay == lastDay {
            return schedule(onDay: firstDay).workingSeconds(from: startSecond, to: endSecond)
        }
        var total = schedule(onDay: firstDay).workingSeconds(from: startSecond, to: 86_400)
        var day = firstDay + 1
        while day < lastDay {
            let regularUntil = min(firstIrregularDay(atOrAfter: day) ?? lastDay, lastDay)
            let weeks = (regularUntil - day) / 7
            if weeks > 0 {
                total += Double(weeks) * weekSeconds
                day += weeks * 7
            } else {
                total += schedule(onDay: day).totalSeconds
                day += 1
            }
        }
        return total + schedule(onDay: lastDay).workingSeconds(from: 0, to: endSecond)
    }

    /// Whole working minutes between two instants, rounded down (0 when `end` is not after `start`).
    ///
    /// The inverse of ``deadline(from:workingMinutes:)``: measuring from a start to its deadline
    /// gives back the limit. A microsecond of tolerance absorbs `Date`'s floating-point rounding.
    public func workingMinutes(from start: Date, to end: Date) -> Int {
        Int((workingSeconds(from: start, to: end) / 60 + 1e-8).rounded(.down))
    }

    /// The first working moment at or after `date`: where a clock started at `date` begins to run.
    public func nextWorkingMoment(atOrAfter date: Date) -> Date {
        guard let local = localSeconds(date) else { return date }
        var day = BusinessCalendar.dayNumber(local)
        var second = local - Double(day) * 86_400
        // The ordinary week has working time, so this ends within the closed days plus a week.
        while true {
            if let moment = schedule(onDay: day).firstWorkingMoment(atOrAfter: second) {
                return self.date(localSeconds: Double(day) * 86_400 + moment)
            }
            day += 1
            second = 0
        }
    }

    /// The local-seconds deadline of `workingSeconds` (> 0) counted from local second `start`.
    func localDeadline(from start: Double, workingSeconds: Double) -> Double {
        var remaining = workingSeconds
        var day = BusinessCalendar.dayNumber(start)
        if let end = schedule(onDay: day).consume(from: start - Double(day) * 86_400, remaining: &remaining) {
            return Double(day) * 86_400 + end
        }
        day += 1
        while true {
            // Skip whole regular weeks, keeping some time for the last one so it ends inside a day.
            if remaining > weekSeconds {
                let regularDays = firstIrregularDay(atOrAfter: day).map { $0 - day } ?? Int.max
                let needed = (remaining / weekSeconds).rounded(.up) - 1
                let weeks = min(needed, Double(regularDays / 7))
                if weeks >= 1 {
                    day += Int(weeks) * 7
                    remaining -= weeks * weekSeconds
                    continue
                }
            }
            let schedule = schedule(onDay: day)
            if remaining > schedule.totalSeconds {
                remaining -= schedule.totalSeconds
            } else if let end = schedule.consume(from: 0, remaining: &remaining) {
                return Double(day) * 86_400 + end
            }
            day += 1
        }
    }
}
