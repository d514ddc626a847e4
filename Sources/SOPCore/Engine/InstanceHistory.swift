import Foundation

/// A completed step as the state remembers it: the event's facts plus when the step had become active,
/// so time-limit checks need nothing but the state.
public struct StepCompletion: Sendable, Equatable {
    public var sequence: Int
    public var step: StepID
    public var officer: ActingOfficer?
    public var role: ActorID?
    /// When this step became active (start, previous completion, or a return to it).
    public var activeSince: Date
    public var occurredAt: Date
    public var outcome: String?
    public var next: FlowTarget
    public var requirements: [EvidenceItem]
    public var outputs: [EvidenceItem]
    public var missingRequirements: [ItemID]
    public var missingOutputs: [ItemID]
    public var note: String?
}

/// A return for rework, as the state remembers it.
public struct StepReturn: Sendable, Equatable {
    public var sequence: Int
    public var from: StepID
    public var to: StepID
    public var reason: String
    public var officer: ActingOfficer?
    public var role: ActorID?
    /// When the step returned from had become active.
    public var activeSince: Date
    public var occurredAt: Date
}

/// Why and when an instance was stopped.
public struct Cancellation: Sendable, Equatable {
    public var sequence: Int
    public var reason: String
    /// The step that was active then.
    public var step: StepID?
    public var officer: ActingOfficer?
    public var role: ActorID?
    public var occurredAt: Date
}

/// A remark in the instance's history.
public struct InstanceNote: Sendable, Equatable {
    public var sequence: Int
    public var text: String
    public var step: StepID?
    public var officer: ActingOfficer?
    public var role: ActorID?
    public var occurredAt: Date
}
