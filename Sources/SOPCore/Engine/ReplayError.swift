import Foundation

/// Why a history cannot be folded into a state: the events contradict each other or the definition.
///
/// The engine never writes such a history; seeing one means the store was damaged or written by hand.
public enum ReplayError: Error, Sendable, Equatable {
    case noEvents
    /// The first event must start the instance.
    case firstEventNotStarted(InstanceEventKind)
    case startedTwice(sequence: Int)
    case sequenceGap(expected: Int, found: Int)
    case foreignEvent(expected: InstanceID, found: InstanceID, sequence: Int)
    /// The history was written against another definition than the one given.
    case definitionMismatch(recorded: ProcedureID, recordedVersion: String, given: ProcedureID, givenVersion: String)
    case unknownStep(StepID, sequence: Int)
    case stepNotActive(StepID, active: StepID?, sequence: Int)
    /// A cancellation names another step than the one that was active.
    case cancelledStepDisagrees(recorded: StepID?, active: StepID?, sequence: Int)
    /// The recorded next step is not where the definition leads from that step (with that outcome).
    case targetDisagrees(step: StepID, recorded: FlowTarget, expected: FlowTarget?, sequence: Int)
    case outcomeDisagrees(step: StepID, outcome: String?, sequence: Int)
    case unknownItem(ItemID, step: StepID, sequence: Int)
    case invalidReturn(to: StepID, allowed: [StepID], sequence: Int)
    /// Only notes may follow the end of an instance.
    case eventAfterClose(InstanceEventKind, status: InstanceStatus, sequence: Int)
    case timeWentBackwards(sequence: Int, at: Date, previous: Date)
    /// The state claims to be open but has no active step.
    case openWithoutActiveStep
    /// A recorded deviation names another instance.
    case foreignDeviation(DeviationID, instance: InstanceID, sequence: Int)
    /// The same deviation id recorded twice.
    case duplicateDeviation(DeviationID, sequence: Int)
    /// An account of a deviation never recorded.
    case unknownDeviation(DeviationID, sequence: Int)
    case deviationAlreadyAccounted(DeviationID, sequence: Int)
    /// An account with no officer or role: someone must answer.
    case accountWithoutOfficer(DeviationID, sequence: Int)
}

extension ReplayError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noEvents: "the instance has no events"
        case .firstEventNotStarted(let kind): "the first event is '\(kind.rawValue)', not 'started'"
        case .startedTwice(let sequence): "event \(sequence) starts an instance that was already started"
        case .sequenceGap(let expected, let found): "expected event \(expected), found \(found)"
        case .foreignEvent(let expected, let found, let sequence):
            "event \(sequence) belongs to instance '\(found)', not '\(expected)'"
        case .definitionMismatch(let recorded, let recordedVersion, let given, let givenVersion):
            "the instance runs \(recorded) version \(recordedVersion), not \(given) version \(givenVersion)"
        case .unknownStep(let step, let sequence): "event \(sequence) names unknown step '\(step)'"
        case .stepNotActive(let step, let active, let sequence):
            "event \(sequence) acts on step '\(step)' while \(active.map { "'\($0)'" } ?? "no step") was active"
        case .cancelledStepDisagrees(let recorded, let active, let sequence):
            "event \(sequence) cancels at \(recorded.map { "'\($0)'" } ?? "no step") while \(active.map { "'\($0)'" } ?? "no step") was active"
        case .targetDisagrees(let step, let recorded, let expected, let sequence):
            "event \(sequence) leads from '\(step)' to \(recorded.englishText), but the definition leads to \(expected?.englishText ?? "nowhere")"
        case .outcomeDisagrees(let step, let outcome, let sequence):
            "event \(sequence) records outcome \(outcome.map { "'\($0)'" } ?? "none") for step '\(step)', which the definition does not allow"
        case .unknownItem(let item, let step, let sequence):
            "event \(sequence) records item '\(item)' that step '\(step)' does not define"
        case .invalidReturn(let to, let allowed, let sequence):
            "event \(sequence) returns to '\(to)'; allowed: \(allowed.englishList)"
        case .eventAfterClose(let kind, let status, let sequence):
            "event \(sequence) ('\(kind.rawValue)') follows the end of the instance (\(status.rawValue))"
        case .timeWentBackwards(let sequence, let at, let previous):
            "event \(sequence) happened at \(at.englishText), before the previous event at \(previous.englishText)"
        case .openWithoutActiveStep: "the instance is open but has no active step"
        case .foreignDeviation(let deviation, let instance, let sequence):
            "event \(sequence) records deviation '\(deviation)' of instance '\(instance)'"
        case .duplicateDeviation(let deviation, let sequence):
            "event \(sequence) records deviation '\(deviation)' a second time"
        case .unknownDeviation(let deviation, let sequence):
            "event \(sequence) accounts for deviation '\(deviation)', which was never recorded"
        case .deviationAlreadyAccounted(let deviation, let sequence):
            "event \(sequence) accounts for deviation '\(deviation)' a second time"
        case .accountWithoutOfficer(let deviation, let sequence):
            "event \(sequence) accounts for deviation '\(deviation)' without an officer and role"
        }
    }
}
