import Foundation

extension BusinessCalendar {
    /// Whole minutes between two instants on a limit's basis: working minutes for a working limit,
    /// wall-clock minutes for a wall limit (0 when `end` is not after `start`).
    ///
    /// Lateness, time used and time left are all measured with this one function, so a step shown
    /// as overdue is exactly a step the detector records as late.
    public func minutes(from start: Date, to end: Date, basis: TimeLimit.Basis) -> Int {
        switch basis {
        case .working:
            return workingMinutes(from: start, to: end)
        case .wall:
            guard end > start else { return 0 }
            return Int((end.timeIntervalSince(start) / 60 + 1e-8).rounded(.down))
        }
    }
}
