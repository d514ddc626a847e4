import Foundation

/// Deviations counted by kind and by who answers, each split by accounting status. Exact: it counts
/// the recorded deviations it is given.
public struct DeviationReport: Sendable, Equatable {
    /// The counts every row carries.
    public struct Counts: Sendable, Equatable {
        public var total = 0
        public var open = 0
        public var accounted = 0
        /// Open while the policy demands a written account.
        public var awaitingAccount = 0
        /// Of severity `failure` (the rest are notices).
        public var failures = 0

        mutating func add(_ deviation: Deviation) {
            total += 1
            if deviation.account == nil { open += 1 } else { accounted += 1 }
            if deviation.awaitingAccount { awaitingAccount += 1 }
            if deviation.severity == .failure { failures += 1 }
        }
    }

    public struct KindRow: Sendable, Equatable {
        public var kind: DeviationKind
        public var counts: Counts
    }

    /// One answering party: an officer (with the role they answer in) or, when no officer is named, a role.
    public struct AnswerableRow: Sendable, Equatable {
        public var officer: ActingOfficer?
        public var role: ActorID
        public var counts: Counts
    }

    /// Every kind, in ``DeviationKind`` order, zero rows included so the table's shape never changes.
    public var byKind: [KindRow]
    /// Named officers by NIP, then roles without an officer; each by role.
    public var byAnswerable: [AnswerableRow]
    public var totals: Counts

    /// One pass over the deviations.
    public static func build<Deviations: Sequence>(deviations: Deviations, filter: ReportFilter = ReportFilter()) -> DeviationReport
    where Deviations.Element == Deviation {
        let kinds = DeviationKind.allCases
        var byKind = kinds.map { KindRow(kind: $0, counts: Counts()) }
        var index: [AnswerableKey: Int] = [:]
        var answerable: [AnswerableRow] = []
        var totals = Counts()
        for deviation in deviations where filter.matches(deviation) {
            totals.add(deviation)
            if let k = kinds.firstIndex(of: deviation.kind) { byKind[k].counts.add(deviation) }
            let key = AnswerableKey(nip: deviation.answerable?.nip, role: deviation.answerableRole)
            if let slot = index[key] {
                answerable[slot].counts.add(deviation)
            } else {
                index[key] = answerable.count
                var row = AnswerableRow(officer: deviation.answerable, role: deviation.answerableRole, counts: Counts())
                row.counts.add(deviation)
                answerable.append(row)
            }
        }
        answerable.sort(by: DeviationReport.AnswerableRow.reportOrder)
        return DeviationReport(byKind: byKind, byAnswerable: answerable, totals: totals)
    }
}

extension DeviationReport.AnswerableRow {
    /// Named officers first, by NIP then role; then roles with no officer named, by role.
    static func reportOrder(_ a: Self, _ b: Self) -> Bool {
        switch (a.officer?.nip, b.officer?.nip) {
        case (let x?, let y?): (x, a.role) < (y, b.role)
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): a.role < b.role
        }
    }
}

/// Who answers, as the report groups it.
private struct AnswerableKey: Hashable {
    var nip: String?
    var role: ActorID
}
