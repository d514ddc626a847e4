/// Who acted in an event, as known at that moment: the roster may rename or remove them later,
/// so the event keeps its own copy of the name.
public struct ActingOfficer: Sendable, Equatable, Hashable {
    public var nip: String
    public var name: String
    public init(nip: String, name: String) { self.nip = nip; self.name = name }

    public init(_ officer: Officer) { self.init(nip: officer.nip, name: officer.name) }
}
