/// Where an instance's stored history stops matching its hash chain (see ``EventChain``).
public struct ChainBreak: Sendable, Equatable, Error {
    /// What was done to the history, as far as the chain can tell.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The event's stored fields no longer match its seal.
        case edited
        /// The event with this sequence is missing.
        case deleted
        /// An event that sop did not append (no seal, a forged seal, or beyond the recorded last sequence).
        case inserted
        /// The event was moved: its seal names an event that now comes after it.
        case reordered
    }

    public var instance: InstanceID
    /// The sequence of the first event that breaks the chain (for `deleted`, the missing one).
    public var sequence: Int
    public var kind: Kind

    public init(instance: InstanceID, sequence: Int, kind: Kind) {
        self.instance = instance; self.sequence = sequence; self.kind = kind
    }
}
