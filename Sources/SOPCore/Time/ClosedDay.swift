/// A dated day on which the offices are closed, from a closure set such as `id-national-2026`.
public struct ClosedDay: Sendable, Hashable {
    /// Why the day is closed; the raw value is the spelling in calendar files.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Hari libur nasional (public holiday, SKB 3 Menteri).
        case liburNasional = "libur-nasional"
        /// Cuti bersama: joint leave that also closes government offices for ASN.
        case cutiBersama = "cuti-bersama"
        /// A regional or agency closure, kept in an agency's own closure set.
        case liburDaerah = "libur-daerah"
    }

    public let date: LocalDate
    public let kind: Kind
    public let name: String

    public init(date: LocalDate, kind: Kind, name: String) {
        self.date = date; self.kind = kind; self.name = name
    }
}
