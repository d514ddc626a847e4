/// The environment variables `sop` reads, by name.
///
/// `main.swift` copies only these into the ``CommandContext``: building `ProcessInfo`'s dictionary of the
/// whole environment was ~0.75 M instructions of every command (measured, BENCHMARKS.md figure 2).
public enum EnvironmentVariable {
    static let store = "SOP_STORE"
    static let definitions = "SOP_DEFINITIONS"
    static let evidenceMaximumBytes = "SOP_EVIDENCE_MAX_BYTES"
    /// Consulted in this order for the default language.
    static let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]

    public static let all = [store, definitions, evidenceMaximumBytes] + locale
}
