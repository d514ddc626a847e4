import Foundation

/// A written account (pertanggungjawaban) of a deviation, from its `deviation-accounted` event.
public struct DeviationAccount: Sendable, Equatable {
    public var by: ActingOfficer
    /// The role it was given in: the answerable role, or the policy's superior.
    public var role: ActorID
    public var reason: String
    public var at: Date
    /// The event's sequence.
    public var sequence: Int
    public init(by: ActingOfficer, role: ActorID, reason: String, at: Date, sequence: Int) {
        self.by = by; self.role = role; self.reason = reason; self.at = at; self.sequence = sequence
    }
}
