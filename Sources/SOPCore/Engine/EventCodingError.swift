/// Why an event could not be turned into, or read back from, a stored ``EventRecord``.
public enum EventCodingError: Error, Sendable, Equatable {
    /// The stored kind is not one this version knows (written by a newer `sop`, or damaged).
    case unknownKind(String, sequence: Int)
    /// The payload is not the JSON this kind is written as; `detail` is the decoder's own text.
    case malformedPayload(kind: InstanceEventKind, sequence: Int, detail: String)
    /// The payload could not be written as JSON; `detail` is the encoder's own text.
    case encodingFailed(kind: InstanceEventKind, sequence: Int, detail: String)
}

extension EventCodingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unknownKind(let kind, let sequence):
            "event \(sequence) has unknown kind '\(kind)'"
        case .malformedPayload(let kind, let sequence, let detail):
            "event \(sequence) (\(kind.rawValue)) has a malformed payload: \(detail)"
        case .encodingFailed(let kind, let sequence, let detail):
            "event \(sequence) (\(kind.rawValue)) could not be encoded: \(detail)"
        }
    }
}
