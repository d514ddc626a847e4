/// A structured reading of the peringatan: which deviations count, how severe, and who answers for them.
public struct DeviationPolicy: Sendable, Equatable {
    public var rules: [DeviationRule]
    /// The actor who owns the procedure (answers for "not run" where the clause says so).
    public var owner: ActorID?
    /// The role that may account (pertanggungjawaban) for deviations its subordinates answer for,
    /// besides the answering officer: the clause makes the pelaksana answer, and the atasan checks.
    public var superior: ActorID?
    /// Indexes into `Procedure.warnings` of the clauses this policy was read from.
    public var sourceWarnings: [Int]
    /// How the clauses were read, in words (an interpretation, so it is stated).
    public var interpretation: String?
    public init(rules: [DeviationRule] = [], owner: ActorID? = nil, superior: ActorID? = nil, sourceWarnings: [Int] = [],
                interpretation: String? = nil) {
        self.rules = rules; self.owner = owner; self.superior = superior
        self.sourceWarnings = sourceWarnings; self.interpretation = interpretation
    }

    /// The rule for a kind of deviation, if the policy counts it.
    public func rule(for kind: DeviationKind) -> DeviationRule? { rules.first { $0.kind == kind } }
}

/// The kinds of deviation from the mutu baku that a policy can count.
public enum DeviationKind: String, Sendable, Equatable, CaseIterable, Codable {
    case late
    case missingRequirement = "missing-requirement"
    case missingOutput = "missing-output"
    case roleOverride = "role-override"
    case outOfOrder = "out-of-order"
    case notRun = "not-run"
}

/// How heavily a deviation weighs.
public enum DeviationSeverity: String, Sendable, Equatable, CaseIterable, Codable {
    /// A failure (kegagalan) that must be accounted for.
    case failure
    /// Worth recording, not a failure.
    case notice
}

/// Who answers for a deviation.
public enum AnswerableParty: Sendable, Equatable {
    /// The officer who executed (or should have executed) the step.
    case executor
    /// The procedure's owner (``DeviationPolicy/owner``).
    case owner
}

/// One counted kind of deviation.
public struct DeviationRule: Sendable, Equatable {
    public var kind: DeviationKind
    public var severity: DeviationSeverity
    public var answerable: AnswerableParty
    /// Whether a written account (pertanggungjawaban) is required.
    public var accountRequired: Bool
    /// For `not-run`: an instance with no action for this long counts as stalled.
    public var stalledAfter: TimeLimit?
    public init(kind: DeviationKind, severity: DeviationSeverity = .failure, answerable: AnswerableParty = .executor,
                accountRequired: Bool = false, stalledAfter: TimeLimit? = nil) {
        self.kind = kind; self.severity = severity; self.answerable = answerable
        self.accountRequired = accountRequired; self.stalledAfter = stalledAfter
    }
}
