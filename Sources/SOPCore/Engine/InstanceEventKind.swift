/// The kinds of instance event. Raw values are the stable names written to the store's `kind` column.
///
/// New kinds (e.g. `evidence-read`) are added as new cases;
/// a stored name this version does not know is reported by ``EventCodingError/unknownKind(_:sequence:)``
/// instead of being guessed at.
public enum InstanceEventKind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case started
    case stepCompleted = "step-completed"
    case returned
    case cancelled
    case noteAdded = "note-added"
    /// The system found a deviation from the mutu baku (``Deviation``); written by `sop check`.
    case deviationRecorded = "deviation-recorded"
    /// An officer gave the written account (pertanggungjawaban) of a recorded deviation.
    case deviationAccounted = "deviation-accounted"
    /// An officer was handed an evidence file (`sop evidence get`).
    case evidenceRead = "evidence-read"
    /// An officer asked for an evidence file and was refused.
    case evidenceRefused = "evidence-refused"

    /// Kinds that record findings about the work rather than the work itself: allowed after the
    /// instance ended, and they do not move ``InstanceState/lastOccurredAt``.
    public var isDeviationRecord: Bool { self == .deviationRecorded || self == .deviationAccounted }

    /// Kinds that record who read (or was refused) evidence: allowed at any status, they never change
    /// the flow and do not move ``InstanceState/lastOccurredAt``.
    public var isAccessRecord: Bool { self == .evidenceRead || self == .evidenceRefused }
}
