import Foundation

/// One thing that happened to an instance: the unit of its append-only history.
///
/// The instance's state is never stored as truth; it is ``InstanceState/replay(_:procedure:)`` of these.
public struct InstanceEvent: Sendable, Equatable {
    public var instanceID: InstanceID
    /// 1, 2, 3, ... within the instance, without gaps.
    public var sequence: Int
    /// Who acted; nil for events the system records by itself.
    public var officer: ActingOfficer?
    /// The role the officer acted in.
    public var role: ActorID?
    /// When it happened (`--at` for work recorded after the fact).
    public var occurredAt: Date
    /// When it was recorded.
    public var recordedAt: Date
    public var payload: InstanceEventPayload

    public init(instanceID: InstanceID, sequence: Int, officer: ActingOfficer?, role: ActorID?,
                occurredAt: Date, recordedAt: Date, payload: InstanceEventPayload) {
        self.instanceID = instanceID; self.sequence = sequence; self.officer = officer; self.role = role
        self.occurredAt = occurredAt; self.recordedAt = recordedAt; self.payload = payload
    }

    public var kind: InstanceEventKind { payload.kind }
}
