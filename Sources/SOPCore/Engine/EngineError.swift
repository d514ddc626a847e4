import Foundation

/// Why the engine refused a command. A refused command changes nothing.
///
/// Cases carry data, not prose, so the command line can explain them in Indonesian or English and list
/// the valid choices; ``description`` is an English fallback for logs and tests.
public enum EngineError: Error, Sendable, Equatable {
    /// The procedure has no steps (a validated definition never does; guarded rather than trusted).
    case procedureHasNoSteps
    /// The state belongs to another definition than the one given.
    case definitionMismatch(instance: ProcedureID, instanceVersion: String, given: ProcedureID, givenVersion: String)
    /// A command other than `start` for an instance that does not exist.
    case instanceNotStarted
    case instanceAlreadyStarted(InstanceID)
    /// The instance is done or cancelled.
    case instanceClosed(InstanceStatus)
    case unknownStep(StepID, known: [StepID])
    /// The named step is not the active one.
    case stepNotActive(step: StepID, active: StepID?)
    /// The officer does not hold the role the step needs, in this instance's agency.
    case wrongRole(step: StepID, required: ActorID, officerRoles: [ActorID])
    /// The officer holds none of the procedure's roles in this agency (start, cancel, note).
    case notAParticipant(procedureRoles: [ActorID], officerRoles: [ActorID])
    /// A decision step needs one of its outcome labels.
    case outcomeRequired(step: StepID, valid: [String])
    case unknownOutcome(String, valid: [String])
    /// An outcome was given for a step that is not a decision.
    case outcomeNotAllowed(step: StepID)
    case unknownRequirement(ItemID, valid: [ItemID])
    case unknownOutput(ItemID, valid: [ItemID])
    /// The same item was given twice in one command.
    case duplicateItem(ItemID)
    case invalidEvidence(ItemID, EvidenceProblem)
    /// Requirements the definition marks mandatory were neither given nor carried from an earlier output.
    case mandatoryRequirementMissing(step: StepID, [ItemID])
    case timeInFuture(at: Date, now: Date)
    case beforePreviousEvent(at: Date, previous: Date)
    case returnTargetInvalid(StepID, allowed: [StepID])
    case reasonRequired
    case noteTextRequired
    /// A deviation given to record belongs to another instance.
    case foreignDeviation(DeviationID, instance: InstanceID)
    /// No deviation with this id is recorded on the instance; `known` lists those that are.
    case unknownDeviation(DeviationID, known: [DeviationID])
    case deviationAlreadyAccounted(DeviationID, by: ActingOfficer, at: Date)
    /// The officer may not account for this deviation: they are not its answerable officer, do not hold
    /// its answerable role (when no officer is named), nor the policy's superior role, in this agency.
    case notAnswerable(DeviationID, answerable: ActingOfficer?, role: ActorID, superior: ActorID?,
                       officerRoles: [ActorID])
    /// The stored history cannot be folded (see ``ReplayError``); nothing can be decided on it.
    case inconsistentHistory(ReplayError)
}
