import Foundation

/// What an event says, by kind. Each case's struct is exactly what is stored as the event's JSON payload.
public enum InstanceEventPayload: Sendable, Equatable {
    case started(Started)
    case stepCompleted(StepCompleted)
    case returned(Returned)
    case cancelled(Cancelled)
    case noteAdded(NoteAdded)
    case deviationRecorded(Deviation)
    case deviationAccounted(DeviationAccounted)
    case evidenceRead(EvidenceAccess)
    case evidenceRefused(EvidenceAccess)

    public var kind: InstanceEventKind {
        switch self {
        case .started: .started
        case .stepCompleted: .stepCompleted
        case .returned: .returned
        case .cancelled: .cancelled
        case .noteAdded: .noteAdded
        case .deviationRecorded: .deviationRecorded
        case .deviationAccounted: .deviationAccounted
        case .evidenceRead: .evidenceRead
        case .evidenceRefused: .evidenceRefused
        }
    }

    /// An instance began; it is pinned to this exact definition version for life.
    public struct Started: Sendable, Equatable, Codable {
        public var procedureID: ProcedureID
        public var version: String
        /// SHA-256 of the definition's bytes: which file the instance runs, even if its version string is reused.
        public var definitionHash: String
        public var agencyID: String
        public var title: String?
        public var firstStep: StepID
        public init(procedureID: ProcedureID, version: String, definitionHash: String, agencyID: String,
                    title: String?, firstStep: StepID) {
            self.procedureID = procedureID; self.version = version; self.definitionHash = definitionHash
            self.agencyID = agencyID; self.title = title; self.firstStep = firstStep
        }
    }

    /// The active step was done; the flow moved to `next`.
    ///
    /// Missing items are recorded here rather than refused, so the deviation report can count them later.
    public struct StepCompleted: Sendable, Equatable {
        public var step: StepID
        /// The chosen label, for a decision step only.
        public var outcome: String?
        public var next: FlowTarget
        public var requirements: [EvidenceItem]
        public var outputs: [EvidenceItem]
        public var missingRequirements: [ItemID]
        public var missingOutputs: [ItemID]
        public var note: String?
        public init(step: StepID, outcome: String? = nil, next: FlowTarget, requirements: [EvidenceItem] = [],
                    outputs: [EvidenceItem] = [], missingRequirements: [ItemID] = [], missingOutputs: [ItemID] = [],
                    note: String? = nil) {
            self.step = step; self.outcome = outcome; self.next = next; self.requirements = requirements
            self.outputs = outputs; self.missingRequirements = missingRequirements
            self.missingOutputs = missingOutputs; self.note = note
        }
    }

    /// Work was sent back to an earlier step for rework.
    public struct Returned: Sendable, Equatable, Codable {
        public var from: StepID
        public var to: StepID
        public var reason: String
        public init(from: StepID, to: StepID, reason: String) { self.from = from; self.to = to; self.reason = reason }
    }

    /// The instance was stopped for good.
    public struct Cancelled: Sendable, Equatable, Codable {
        public var reason: String
        /// The step that was active when it stopped (where the work was abandoned).
        public var step: StepID?
        public init(reason: String, step: StepID?) { self.reason = reason; self.step = step }
    }

    /// A remark that changes nothing in the flow.
    public struct NoteAdded: Sendable, Equatable, Codable {
        public var text: String
        /// The step that was active when it was written, if the instance was open.
        public var step: StepID?
        public init(text: String, step: StepID?) { self.text = text; self.step = step }
    }

    /// The written account of a recorded deviation; the event's officer and role say who gave it.
    public struct DeviationAccounted: Sendable, Equatable, Codable {
        public var deviation: DeviationID
        public var reason: String
        public init(deviation: DeviationID, reason: String) { self.deviation = deviation; self.reason = reason }
    }
}
