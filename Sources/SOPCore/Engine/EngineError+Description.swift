import Foundation

extension EngineError: CustomStringConvertible {
    /// An English fallback; the command line renders the typed cases itself, in Indonesian or English.
    public var description: String {
        switch self {
        case .procedureHasNoSteps:
            "the procedure has no steps"
        case .definitionMismatch(let instance, let instanceVersion, let given, let givenVersion):
            "the instance runs \(instance) version \(instanceVersion), not \(given) version \(givenVersion)"
        case .instanceNotStarted:
            "the instance has not been started"
        case .instanceAlreadyStarted(let id):
            "instance '\(id)' has already been started"
        case .instanceClosed(let status):
            "the instance is \(status.rawValue); nothing more can be done to it"
        case .unknownStep(let step, let known):
            "unknown step '\(step)'; steps: \(known.englishList)"
        case .stepNotActive(let step, let active):
            "step '\(step)' is not active; \(active.map { "the active step is '\($0)'" } ?? "no step is active")"
        case .wrongRole(let step, let required, let officerRoles):
            "step '\(step)' needs role '\(required)'; the officer holds \(officerRoles.isEmpty ? "no role in this agency" : officerRoles.englishList)"
        case .notAParticipant(let procedureRoles, let officerRoles):
            "the officer holds none of the procedure's roles (\(procedureRoles.englishList)); the officer holds \(officerRoles.isEmpty ? "no role in this agency" : officerRoles.englishList)"
        case .outcomeRequired(let step, let valid):
            "step '\(step)' is a decision; choose an outcome: \(valid.englishList)"
        case .unknownOutcome(let outcome, let valid):
            "unknown outcome '\(outcome)'; valid outcomes: \(valid.englishList)"
        case .outcomeNotAllowed(let step):
            "step '\(step)' is not a decision and takes no outcome"
        case .unknownRequirement(let item, let valid):
            "unknown requirement '\(item)'; requirements of this step: \(valid.englishList)"
        case .unknownOutput(let item, let valid):
            "unknown output '\(item)'; outputs of this step: \(valid.englishList)"
        case .duplicateItem(let item):
            "item '\(item)' is given more than once"
        case .invalidEvidence(let item, let problem):
            "item '\(item)' is unusable: \(problem.englishText)"
        case .mandatoryRequirementMissing(let step, let items):
            "step '\(step)' cannot be completed without mandatory requirement\(items.count == 1 ? "" : "s") \(items.englishList)"
        case .timeInFuture(let at, let now):
            "the time \(at.englishText) is in the future (now is \(now.englishText))"
        case .beforePreviousEvent(let at, let previous):
            "the time \(at.englishText) is before the instance's previous event at \(previous.englishText)"
        case .returnTargetInvalid(let step, let allowed):
            "cannot return to '\(step)'; \(allowed.isEmpty ? "no earlier completed step to return to" : "allowed: \(allowed.englishList)")"
        case .reasonRequired:
            "a reason is required"
        case .noteTextRequired:
            "the note is empty"
        case .foreignDeviation(let id, let instance):
            "deviation '\(id)' belongs to instance '\(instance)'"
        case .unknownDeviation(let id, let known):
            "no deviation '\(id)' is recorded on this instance; recorded: \(known.englishList)"
        case .deviationAlreadyAccounted(let id, let by, let at):
            "deviation '\(id)' was already accounted for by \(by.name) (\(by.nip)) at \(at.englishText)"
        case .notAnswerable(let id, let answerable, let role, let superior, let officerRoles):
            "deviation '\(id)' is answered for by \(answerable.map { "\($0.name) (\($0.nip))" } ?? "role '\(role)'")"
                + (superior.map { " or the superior role '\($0)'" } ?? "")
                + "; the officer holds \(officerRoles.isEmpty ? "no role in this agency" : officerRoles.englishList)"
        case .inconsistentHistory(let error):
            "the instance's history is inconsistent: \(error)"
        }
    }
}

extension EvidenceProblem {
    var englishText: String {
        switch self {
        case .emptyText: "the text reference is empty"
        case .malformedSHA256: "the SHA-256 is not 64 lowercase hex digits"
        case .negativeSize: "the file size is negative"
        case .emptyName: "the file has no name"
        }
    }
}

extension FlowTarget {
    var englishText: String {
        switch self {
        case .step(let step): "'\(step)'"
        case .end: "the end"
        }
    }
}

extension Date {
    /// ISO 8601 in UTC: unambiguous in a log line whatever the reader's zone.
    var englishText: String { formatted(Date.ISO8601FormatStyle()) }
}

extension Array where Element: CustomStringConvertible {
    /// `'a', 'b', 'c'`, or `none`.
    var englishList: String { isEmpty ? "none" : map { "'\($0)'" }.joined(separator: ", ") }
}
