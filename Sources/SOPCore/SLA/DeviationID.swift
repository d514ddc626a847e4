/// The id of a recorded deviation: `<instance>/<kind>/<step>/<occurrence>`, e.g. `BPMP-0001/late/validasi/1`.
///
/// Built only from facts of the history (which step, its how-many-th activation), never from the time a
/// check ran, so the same facts always give the same id and recording them twice changes nothing.
public struct DeviationID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The id of the deviation of `kind` at the `occurrence`-th activation of `step` in `instance`.
    public init(instance: InstanceID, kind: DeviationKind, step: StepID?, occurrence: Int?) {
        var text = "\(instance.rawValue)/\(kind.rawValue)"
        if let step { text += "/\(step.rawValue)" }
        if let occurrence { text += "/\(occurrence)" }
        self.init(text)
    }

    /// The instance this id names, read back from its form (instance ids may themselves contain `/`;
    /// step ids and occurrence numbers never do), so `sop account ID` can find the instance. Nil when the
    /// text is not of this form.
    public var instanceID: InstanceID? {
        let parts = rawValue.split(separator: "/", omittingEmptySubsequences: false)
        let kinds = Set(DeviationKind.allCases.map(\.rawValue))
        // `<instance>/<kind>/<step>/<n>`, else `<instance>/<kind>`.
        if parts.count >= 4, kinds.contains(String(parts[parts.count - 3])), Int(parts[parts.count - 1]) != nil {
            let instance = parts[..<(parts.count - 3)].joined(separator: "/")
            return instance.isEmpty ? nil : InstanceID(instance)
        }
        if parts.count >= 2, let last = parts.last, kinds.contains(String(last)) {
            let instance = parts.dropLast().joined(separator: "/")
            return instance.isEmpty ? nil : InstanceID(instance)
        }
        return nil
    }
}
