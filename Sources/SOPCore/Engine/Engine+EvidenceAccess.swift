import Foundation

extension Engine {
    /// The role in which `officer` may read an instance's evidence: any role of its procedure in the
    /// instance's agency (the active step's first), or nil when the officer takes no part in it.
    public static func evidenceReadingRole(of officer: Officer, state: InstanceState, procedure: Procedure) -> ActorID? {
        try? actingRole(of: officer, in: state.agencyID, procedure: procedure, preferring: state.activeActor)
    }

    /// The file items recorded in the instance that match `requested` (an item id or a SHA-256), latest first.
    public static func evidenceFiles(matching requested: String, in state: InstanceState) -> [(item: ItemID, file: FileEvidence)] {
        var found: [(item: ItemID, file: FileEvidence)] = []
        for completion in state.completions.reversed() {
            for item in completion.requirements + completion.outputs {
                guard case .file(let file) = item.content,
                      item.id.rawValue == requested || file.sha256 == requested.lowercased() else { continue }
                found.append((item.id, file))
            }
        }
        return found
    }

    /// One `evidence-read` (when `granted`) or `evidence-refused` event, recorded now, with the state after it.
    ///
    /// Allowed at any status; it never changes the flow. `officer` is nil when the NIP is not on the roster.
    public static func recordEvidenceAccess(_ access: EvidenceAccess, granted: Bool, officer: Officer?, role: ActorID?,
                                            state: InstanceState, procedure: Procedure, now: Date) throws(EngineError) -> Transition {
        let event = InstanceEvent(instanceID: state.id, sequence: state.lastSequence + 1,
                                  officer: officer.map(ActingOfficer.init), role: role,
                                  occurredAt: max(now, state.lastOccurredAt), recordedAt: now,
                                  payload: granted ? .evidenceRead(access) : .evidenceRefused(access))
        do throws(ReplayError) {
            return Transition(events: [event], state: try state.applying(event, procedure: procedure))
        } catch {
            throw .inconsistentHistory(error)
        }
    }
}
