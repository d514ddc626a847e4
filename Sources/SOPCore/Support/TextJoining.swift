extension Array where Element == String {
    /// The elements with `separator` between them: what `joined(separator:)` gives.
    ///
    /// For code every command runs: the standard library's `joined(separator:)` is generic over `Sequence`, and its
    /// first call in a process makes the Swift runtime resolve a witness by name, which in the statically linked
    /// `sop` scans every protocol conformance record (~0.3 M instructions; BENCHMARKS.md). This loop is concrete.
    public func joinedText(separator: String) -> String {
        var text = ""
        for (index, element) in enumerated() {
            if index > 0 { text += separator }
            text += element
        }
        return text
    }
}
