/// The kinds of instance event. Raw values are the stable names written to the store's `kind` column.
///
/// New kinds (`deviation-recorded`, `deviation-accounted`, `evidence-read`) are added as new cases;
/// a stored name this version does not know is reported by ``EventCodingError/unknownKind(_:sequence:)``
/// instead of being guessed at.
public enum InstanceEventKind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case started
    case stepCompleted = "step-completed"
    case returned
    case cancelled
    case noteAdded = "note-added"
}
