import Foundation

/// Which step records and deviations a report counts. Every criterion left nil counts everything.
///
/// The period applies to when a step became active (a step is counted in the period it started in,
/// wherever it ended) and to a deviation's `detectedAt`; `from` is inclusive, `to` exclusive, so
/// consecutive periods never count a record twice.
public struct ReportFilter: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var procedureID: ProcedureID?
    public var agencyID: String?
    public var step: StepID?
    /// The step's lane (pelaksana).
    public var actor: ActorID?
    /// The executing officer of a step; the answerable officer of a deviation.
    public var officerNIP: String?

    public init(from: Date? = nil, to: Date? = nil, procedureID: ProcedureID? = nil, agencyID: String? = nil,
                step: StepID? = nil, actor: ActorID? = nil, officerNIP: String? = nil) {
        self.from = from; self.to = to; self.procedureID = procedureID; self.agencyID = agencyID
        self.step = step; self.actor = actor; self.officerNIP = officerNIP
    }

    public func matches(_ record: StepRecord) -> Bool {
        inPeriod(record.activeSince)
            && (procedureID == nil || procedureID == record.procedureID)
            && (agencyID == nil || agencyID == record.agencyID)
            && (step == nil || step == record.step)
            && (actor == nil || actor == record.actor)
            && (officerNIP == nil || officerNIP == record.officerNIP)
    }

    public func matches(_ deviation: Deviation) -> Bool {
        inPeriod(deviation.detectedAt)
            && (procedureID == nil || procedureID == deviation.procedureID)
            && (agencyID == nil || agencyID == deviation.agencyID)
            && (step == nil || step == deviation.step)
            && (actor == nil || actor == deviation.actor)
            && (officerNIP == nil || officerNIP == deviation.answerable?.nip)
    }

    private func inPeriod(_ date: Date) -> Bool {
        if let from, date < from { return false }
        if let to, date >= to { return false }
        return true
    }
}
