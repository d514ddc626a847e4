import Foundation

/// What an officer asks the engine to do to one instance.
///
/// `at` is when the work happened, for work recorded after the fact; nil means now.
public enum EngineCommand: Sendable, Equatable {
    /// Begin a new instance of the procedure given to ``Engine/decide(_:state:procedure:officer:now:)``.
    ///
    /// `definitionHash` is the SHA-256 of the exact definition file, which the instance stays pinned to;
    /// `agencyID` is the agency whose role grants apply to this instance: the definition's own agency
    /// when nil, or another agency running a shared procedure.
    case start(instanceID: InstanceID, definitionHash: String, agencyID: String? = nil, title: String? = nil,
               at: Date? = nil)
    /// Complete the active step. `step`, when given, must be the active one (a guard against stale screens).
    ///
    /// Items not given are recorded as missing; only a mandatory requirement refuses the command.
    case complete(step: StepID? = nil, requirements: [EvidenceItem] = [], outputs: [EvidenceItem] = [],
                  outcome: String? = nil, note: String? = nil, at: Date? = nil)
    /// Send the work back to an earlier, already completed step for rework.
    case returnTo(step: StepID, reason: String, at: Date? = nil)
    /// Stop the instance for good.
    case cancel(reason: String, at: Date? = nil)
    /// Add a remark; it changes nothing in the flow.
    case addNote(text: String, at: Date? = nil)
    /// Record deviations found by ``DeviationDetector``, as the system: one `deviation-recorded` event
    /// for each whose id is not yet recorded (so running a check again records nothing), none at all
    /// when every id is known. Allowed on open, done and cancelled instances alike.
    case recordDeviations([Deviation], at: Date? = nil)
    /// Record the written account (pertanggungjawaban) of a recorded deviation: by its answerable
    /// officer, by a holder of its answerable role when no officer is named, or by a holder of the
    /// policy's superior role, in the instance's agency.
    case accountDeviation(id: DeviationID, reason: String, at: Date? = nil)

    /// The time the command claims the work happened, if given.
    public var at: Date? {
        switch self {
        case .start(_, _, _, _, let at), .complete(_, _, _, _, _, let at), .returnTo(_, _, let at),
             .cancel(_, let at), .addNote(_, let at), .recordDeviations(_, let at), .accountDeviation(_, _, let at):
            at
        }
    }
}
