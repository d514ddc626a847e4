import Foundation

/// One departure from the mutu baku, as the deviation policy counts it: what, where, and who answers.
///
/// The engine records it once (a `deviation-recorded` event, by the system) and never changes it; its
/// ``status`` comes only from a later `deviation-accounted` event. It carries its procedure, agency and
/// lane so reports over millions of deviations need no join with instances.
public struct Deviation: Sendable, Equatable {
    public var id: DeviationID
    public var kind: DeviationKind
    public var severity: DeviationSeverity
    public var instance: InstanceID
    public var procedureID: ProcedureID
    public var agencyID: String
    /// The step it concerns; every kind the detector finds has one (nil is kept for hand-made records).
    public var step: StepID?
    /// Which activation of `step` in the instance (1 the first time; rework adds more).
    public var occurrence: Int?
    /// The step's lane (pelaksana), even when someone else answers.
    public var actor: ActorID?
    /// The officer who answers, when one is known: the executor of a finished step. Nil when only a
    /// role answers (a step not yet done, or the owner).
    public var answerable: ActingOfficer?
    /// The role that answers: the executor's role, the step's lane, or the policy's owner.
    public var answerableRole: ActorID
    /// Whether the policy demands a written account (pertanggungjawaban).
    public var accountRequired: Bool
    /// When the facts first showed it (the completion, the moment the limit ran out, ...), in whole
    /// milliseconds; not when a check ran, which is the recording event's own time.
    public var detectedAt: Date
    /// For `late`: how far past the limit, in whole minutes on the limit's basis (working minutes unless
    /// the limit counts wall-clock time).
    public var minutesOver: Int?
    /// The step's limit in minutes, for `late`.
    public var limitMinutes: Int?
    /// For `missing-requirement` / `missing-output`: the missing item ids, in definition order.
    public var missingItems: [ItemID]
    /// For `not-run`: why the instance did not run to its end.
    public var notRunCause: NotRunCause?
    /// The written account, once given (derived from events; never part of the recorded payload).
    public var account: DeviationAccount?

    public init(id: DeviationID, kind: DeviationKind, severity: DeviationSeverity, instance: InstanceID,
                procedureID: ProcedureID, agencyID: String, step: StepID?, occurrence: Int?, actor: ActorID?,
                answerable: ActingOfficer?, answerableRole: ActorID, accountRequired: Bool, detectedAt: Date,
                minutesOver: Int? = nil, limitMinutes: Int? = nil, missingItems: [ItemID] = [],
                notRunCause: NotRunCause? = nil, account: DeviationAccount? = nil) {
        self.id = id; self.kind = kind; self.severity = severity; self.instance = instance
        self.procedureID = procedureID; self.agencyID = agencyID; self.step = step; self.occurrence = occurrence
        self.actor = actor; self.answerable = answerable; self.answerableRole = answerableRole
        self.accountRequired = accountRequired; self.detectedAt = detectedAt; self.minutesOver = minutesOver
        self.limitMinutes = limitMinutes; self.missingItems = missingItems; self.notRunCause = notRunCause
        self.account = account
    }

    public var status: DeviationStatus { account == nil ? .open : .accounted }

    /// Open, and the policy demands an account: what the quality team chases.
    public var awaitingAccount: Bool { accountRequired && account == nil }
}

/// Whether a deviation has been accounted for.
public enum DeviationStatus: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case open
    case accounted
}

/// Why an instance counts as not run.
public enum NotRunCause: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Stopped for good.
    case cancelled
    /// Open, with no work on it for longer than the rule's `stalledAfter`.
    case stalled
}
