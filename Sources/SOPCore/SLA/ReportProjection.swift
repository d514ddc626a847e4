import Foundation

/// What one commit adds to the reports' projection: the step activations that ended in it and the
/// deviations it recorded or accounted, computed by the core from the instance's state before and
/// after the commit. The store writes these rows in the commit's own transaction and never reads
/// event payloads to make them, so `sop report` reads what was recorded instead of replaying history.
///
/// A step's minutes are measured with the agency's calendar when the step ends; an ended step never
/// changes again, so the figure is exact and fixed. Steps still active are not projected: the reports
/// measure them from the instances' headers up to the moment the report runs.
public struct ReportProjection: Sendable, Equatable {
    public var steps: [ProjectedStep]
    public var deviations: [ProjectedDeviation]

    public init(steps: [ProjectedStep] = [], deviations: [ProjectedDeviation] = []) {
        self.steps = steps; self.deviations = deviations
    }

    public var isEmpty: Bool { steps.isEmpty && deviations.isEmpty }

    /// The step activations that ended and the deviations recorded or accounted between `before`
    /// (nil for a new instance) and `after`. `calendar` measures the ended steps; without one, a commit
    /// that ends a step is refused (a projection without its minutes would make the report wrong).
    public static func changes(from before: InstanceState?, to after: InstanceState, procedure: Procedure,
                               calendar: BusinessCalendar?) throws(StoreError) -> ReportProjection {
        var projection = ReportProjection()
        let endedBefore = before.map { state in
            state.occurrences(in: procedure).reduce(0) { count, occurrence in
                if case .active = occurrence.end { return count }
                return count + 1
            }
        } ?? 0
        let ended = after.occurrences(in: procedure).filter { occurrence in
            if case .active = occurrence.end { return false }
            return true
        }
        if ended.count > endedBefore {
            guard let calendar else {
                throw .corrupt(message: "commit for \(after.id) ends a step but no calendar was given to measure it")
            }
            for occurrence in ended[endedBefore...] {
                guard let endedAt = occurrence.endedAt else { continue }
                let record = StepRecord(occurrence, of: after, calendar: calendar, at: endedAt)
                projection.steps.append(ProjectedStep(
                    record: record, covered: calendar.isCovered(from: occurrence.activeSince, to: endedAt)))
            }
        }
        let previous = before?.deviations ?? []
        for (ordinal, deviation) in after.deviations.enumerated()
        where ordinal >= previous.count || previous[ordinal] != deviation {
            projection.deviations.append(ProjectedDeviation(deviation: deviation, ordinal: ordinal,
                                                            instanceStartedAt: after.startedAt))
        }
        return projection
    }

    /// The whole projection of an instance (to rebuild it from events, e.g. for a store created before it existed).
    public static func whole(_ state: InstanceState, procedure: Procedure, calendar: BusinessCalendar?) throws(StoreError) -> ReportProjection {
        try changes(from: nil, to: state, procedure: procedure, calendar: calendar)
    }
}

/// An ended step activation as the projection keeps it.
public struct ProjectedStep: Sendable, Equatable {
    public var record: StepRecord
    /// False when the span reaches outside the calendar's loaded holiday years (the figure is provisional).
    public var covered: Bool
    public init(record: StepRecord, covered: Bool) { self.record = record; self.covered = covered }
}

/// A recorded deviation as the projection keeps it, with where it sits in the report's order.
public struct ProjectedDeviation: Sendable, Equatable {
    public var deviation: Deviation
    /// Its position among the instance's deviations (recorded order).
    public var ordinal: Int
    /// The instance's start: the report lists instances oldest first, like `sop list`.
    public var instanceStartedAt: Date
    public init(deviation: Deviation, ordinal: Int, instanceStartedAt: Date) {
        self.deviation = deviation; self.ordinal = ordinal; self.instanceStartedAt = instanceStartedAt
    }
}

/// Which projected rows a report reads: ``ReportFilter``'s criteria, with the period given per
/// procedure (each agency's days start in its own zone). Nil criteria count everything.
public struct ProjectionQuery: Sendable, Equatable {
    /// A half-open range of instants: `from` inclusive, `to` exclusive.
    public struct Period: Sendable, Equatable {
        public var from: Date?
        public var to: Date?
        public init(from: Date?, to: Date?) { self.from = from; self.to = to }
        public func contains(_ date: Date) -> Bool {
            if let from, date < from { return false }
            if let to, date >= to { return false }
            return true
        }
    }

    /// Per procedure; nil means no period. When set, a procedure missing from it counts nothing.
    public var periods: [ProcedureID: Period]?
    public var procedureID: ProcedureID?
    public var agencyID: String?
    public var step: StepID?
    public var actor: ActorID?
    public var officerNIP: String?

    public init(periods: [ProcedureID: Period]? = nil, procedureID: ProcedureID? = nil, agencyID: String? = nil,
                step: StepID? = nil, actor: ActorID? = nil, officerNIP: String? = nil) {
        self.periods = periods; self.procedureID = procedureID; self.agencyID = agencyID
        self.step = step; self.actor = actor; self.officerNIP = officerNIP
    }

    func inPeriod(_ procedure: ProcedureID, _ date: Date) -> Bool {
        guard let periods else { return true }
        return periods[procedure]?.contains(date) ?? false
    }

    public func matches(_ record: StepRecord) -> Bool {
        inPeriod(record.procedureID, record.activeSince) && criteria.matches(record)
    }

    public func matches(_ deviation: Deviation) -> Bool {
        inPeriod(deviation.procedureID, deviation.detectedAt) && criteria.matches(deviation)
    }

    /// Every criterion but the period, applied as ``ReportFilter`` applies them (it has no period here).
    private var criteria: ReportFilter {
        ReportFilter(procedureID: procedureID, agencyID: agencyID, step: step, actor: actor, officerNIP: officerNIP)
    }
}

/// How many ended step activations share one procedure, step, limit, end and minutes taken: the
/// histogram the SLA report is built from, exact and as small as the distinct durations.
public struct StepHistogramRow: Sendable, Equatable {
    public var procedureID: ProcedureID
    public var step: StepID
    public var limitMinutes: Int
    public var end: StepRecord.End
    public var minutesTaken: Int
    public var count: Int
    /// Some of these activations reach outside the calendar's loaded years.
    public var uncovered: Bool
    public init(procedureID: ProcedureID, step: StepID, limitMinutes: Int, end: StepRecord.End, minutesTaken: Int,
                count: Int, uncovered: Bool) {
        self.procedureID = procedureID; self.step = step; self.limitMinutes = limitMinutes; self.end = end
        self.minutesTaken = minutesTaken; self.count = count; self.uncovered = uncovered
    }
}

/// How many deviations share everything the deviation report counts by.
public struct DeviationCountRow: Sendable, Equatable {
    public var kind: DeviationKind
    public var severity: DeviationSeverity
    public var accountRequired: Bool
    public var accounted: Bool
    public var answerable: ActingOfficer?
    public var answerableRole: ActorID
    public var count: Int
    public init(kind: DeviationKind, severity: DeviationSeverity, accountRequired: Bool, accounted: Bool,
                answerable: ActingOfficer?, answerableRole: ActorID, count: Int) {
        self.kind = kind; self.severity = severity; self.accountRequired = accountRequired; self.accounted = accounted
        self.answerable = answerable; self.answerableRole = answerableRole; self.count = count
    }
}

extension SLAReport {
    /// The report from a histogram of step activations (rows may repeat a key; they are summed).
    /// Percentiles are nearest-rank over the completed activations, exactly as ``build(records:filter:)``.
    public static func build<Rows: Sequence>(histogram: Rows) -> SLAReport where Rows.Element == StepHistogramRow {
        var groups: [HistogramKey: (count: Int, completed: Int, onTime: Int, breaches: Int, minutes: [Int: Int])] = [:]
        var totals = Totals()
        for row in histogram {
            let key = HistogramKey(procedureID: row.procedureID, step: row.step, limit: row.limitMinutes)
            var group = groups[key] ?? (0, 0, 0, 0, [:])
            let late = row.minutesTaken > row.limitMinutes
            group.count += row.count
            totals.count += row.count
            if late { group.breaches += row.count; totals.breaches += row.count }
            if row.end == .completed {
                group.completed += row.count
                totals.completed += row.count
                group.minutes[row.minutesTaken, default: 0] += row.count
                if !late { group.onTime += row.count; totals.onTime += row.count }
            }
            groups[key] = group
        }
        let rows = groups.map { key, group -> Row in
            let sorted = group.minutes.sorted { $0.key < $1.key }
            func rank(_ percent: Int) -> Int? {
                guard group.completed > 0 else { return nil }
                let wanted = max((min(max(percent, 1), 100) * group.completed + 99) / 100, 1)
                var seen = 0
                for (minutes, count) in sorted {
                    seen += count
                    if seen >= wanted { return minutes }
                }
                return sorted.last?.key
            }
            return Row(procedureID: key.procedureID, step: key.step, limitMinutes: key.limit, count: group.count,
                       completed: group.completed, onTime: group.onTime, breaches: group.breaches,
                       onTimeRate: group.completed > 0 ? Double(group.onTime) / Double(group.completed) : nil,
                       medianMinutes: rank(50), p90Minutes: rank(90))
        }.sorted { ($0.procedureID, $0.step, $0.limitMinutes) < ($1.procedureID, $1.step, $1.limitMinutes) }
        return SLAReport(rows: rows, totals: totals)
    }
}

extension DeviationReport {
    /// The report from grouped counts (rows may repeat a key; they are summed), equal to
    /// ``build(deviations:filter:)`` over the deviations counted.
    public static func build<Rows: Sequence>(counts: Rows) -> DeviationReport where Rows.Element == DeviationCountRow {
        let kinds = DeviationKind.allCases
        var byKind = kinds.map { KindRow(kind: $0, counts: Counts()) }
        var index: [AnswerableCountKey: Int] = [:]
        var answerable: [AnswerableRow] = []
        var totals = Counts()
        func add(_ row: DeviationCountRow, to counts: inout Counts) {
            counts.total += row.count
            if row.accounted { counts.accounted += row.count } else { counts.open += row.count }
            if row.accountRequired && !row.accounted { counts.awaitingAccount += row.count }
            if row.severity == .failure { counts.failures += row.count }
        }
        for row in counts where row.count > 0 {
            add(row, to: &totals)
            if let k = kinds.firstIndex(of: row.kind) { add(row, to: &byKind[k].counts) }
            let key = AnswerableCountKey(nip: row.answerable?.nip, role: row.answerableRole)
            if let slot = index[key] {
                add(row, to: &answerable[slot].counts)
            } else {
                index[key] = answerable.count
                var new = AnswerableRow(officer: row.answerable, role: row.answerableRole, counts: Counts())
                add(row, to: &new.counts)
                answerable.append(new)
            }
        }
        answerable.sort(by: DeviationReport.AnswerableRow.reportOrder)
        return DeviationReport(byKind: byKind, byAnswerable: answerable, totals: totals)
    }
}

private struct HistogramKey: Hashable {
    var procedureID: ProcedureID
    var step: StepID
    var limit: Int
}

private struct AnswerableCountKey: Hashable {
    var nip: String?
    var role: ActorID
}
