import Foundation

/// Time-limit performance per step: how often each step was done, how often in time, and how long it
/// took against its limit. Exact: it counts the step records it is given, nothing estimated.
///
/// Rows are per procedure, step and limit: a step whose limit changed between definition versions
/// gets one row per limit, since its durations are measured against different limits.
public struct SLAReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var procedureID: ProcedureID
        public var step: StepID
        public var limitMinutes: Int
        /// Activations counted (completed, returned, cancelled or still active).
        public var count: Int
        public var completed: Int
        /// Completed within the limit.
        public var onTime: Int
        /// Activations over the limit, however they ended (an overdue active step is a breach).
        public var breaches: Int
        /// `onTime / completed`; nil when nothing was completed.
        public var onTimeRate: Double?
        /// Nearest-rank median and 90th percentile of the completed activations' minutes taken.
        public var medianMinutes: Int?
        public var p90Minutes: Int?
    }

    public struct Totals: Sendable, Equatable {
        public var count = 0
        public var completed = 0
        public var onTime = 0
        public var breaches = 0
        public var onTimeRate: Double? { completed > 0 ? Double(onTime) / Double(completed) : nil }
    }

    /// Sorted by procedure, step id and limit.
    public var rows: [Row]
    public var totals: Totals

    /// One pass over the records (plus a sort of each row's durations for the percentiles).
    public static func build<Records: Sequence>(records: Records, filter: ReportFilter = ReportFilter()) -> SLAReport
    where Records.Element == StepRecord {
        var index: [GroupKey: Int] = [:]
        var groups: [Accumulator] = []
        var totals = Totals()
        for record in records where filter.matches(record) {
            let key = GroupKey(procedureID: record.procedureID, step: record.step, limit: record.limitMinutes)
            let slot: Int
            if let found = index[key] {
                slot = found
            } else {
                slot = groups.count
                index[key] = slot
                groups.append(Accumulator(key: key))
            }
            let late = record.late
            groups[slot].count += 1
            totals.count += 1
            if late {
                groups[slot].breaches += 1
                totals.breaches += 1
            }
            if record.end == .completed {
                groups[slot].completed += 1
                groups[slot].minutes.append(record.minutesTaken)
                totals.completed += 1
                if !late {
                    groups[slot].onTime += 1
                    totals.onTime += 1
                }
            }
        }
        let rows = groups.map { group -> Row in
            let sorted = group.minutes.sorted()
            return Row(procedureID: group.key.procedureID, step: group.key.step, limitMinutes: group.key.limit,
                       count: group.count, completed: group.completed, onTime: group.onTime, breaches: group.breaches,
                       onTimeRate: group.completed > 0 ? Double(group.onTime) / Double(group.completed) : nil,
                       medianMinutes: nearestRank(50, ofSorted: sorted), p90Minutes: nearestRank(90, ofSorted: sorted))
        }.sorted { ($0.procedureID, $0.step, $0.limitMinutes) < ($1.procedureID, $1.step, $1.limitMinutes) }
        return SLAReport(rows: rows, totals: totals)
    }

    /// The nearest-rank percentile: the value at rank ⌈percent/100 × n⌉ (1-based) of the sorted values,
    /// always one of the values, never interpolated. The median of an even count is the lower middle one.
    /// Nil for no values; `percent` is clamped to 1...100.
    public static func nearestRank(_ percent: Int, ofSorted values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let p = min(max(percent, 1), 100)
        let rank = (p * values.count + 99) / 100
        return values[max(rank, 1) - 1]
    }
}

/// The row a step record counts in.
private struct GroupKey: Hashable {
    var procedureID: ProcedureID
    var step: StepID
    var limit: Int
}

/// A row's running counts.
private struct Accumulator {
    var key: GroupKey
    var count = 0, completed = 0, onTime = 0, breaches = 0
    /// Minutes taken by the completed activations, sorted once at the end for the percentiles.
    var minutes: [Int] = []
}
