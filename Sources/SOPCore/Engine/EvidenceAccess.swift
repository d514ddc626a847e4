/// The payload of `evidence-read` and `evidence-refused`: who asked for which evidence file, and why a
/// refusal was given. The event's officer and role repeat who it was when the reader is on the roster.
public struct EvidenceAccess: Sendable, Equatable, Codable {
    /// The reader's NIP as given (kept even when no such officer exists).
    public var reader: String
    /// What was asked for: an item id or a SHA-256.
    public var requested: String
    /// The file handed over (or that would have been), once resolved: its item id and SHA-256.
    public var item: ItemID?
    public var sha256: String?
    /// Why the read was refused (a stable code such as `not-a-participant`); nil for a read.
    public var reason: String?

    public init(reader: String, requested: String, item: ItemID? = nil, sha256: String? = nil, reason: String? = nil) {
        self.reader = reader; self.requested = requested; self.item = item; self.sha256 = sha256; self.reason = reason
    }
}
