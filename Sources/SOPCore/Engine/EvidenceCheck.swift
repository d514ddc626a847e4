/// Sorts the items given when completing a step into recorded and missing, refusing only what cannot be
/// recorded at all (unknown or duplicate ids, unusable items) and missing mandatory requirements.
///
/// Both lists follow the definition's order, so the same command always yields the same event bytes.
enum EvidenceCheck {
    struct Sorted: Equatable {
        var items: [EvidenceItem]
        var missing: [ItemID]
    }

    /// Requirements; one not given but named by `from` as an earlier output that was recorded in this
    /// instance is carried over, so officers need not attach again what the flow already produced.
    static func requirements(_ given: [EvidenceItem], of step: Step, state: InstanceState) throws(EngineError) -> Sorted {
        let checked = try check(given, valid: step.requirements.map(\.id)) { .unknownRequirement($0, valid: $1) }
        var sorted = Sorted(items: [], missing: [])
        var mandatoryMissing: [ItemID] = []
        for requirement in step.requirements {
            if let item = checked.first(where: { $0.id == requirement.id }) {
                sorted.items.append(item)
            } else if let source = requirement.from, let earlier = state.recordedOutput(source) {
                sorted.items.append(EvidenceItem(id: requirement.id, content: earlier.content, carriedFrom: source))
            } else if requirement.mandatory {
                mandatoryMissing.append(requirement.id)
            } else {
                sorted.missing.append(requirement.id)
            }
        }
        guard mandatoryMissing.isEmpty else { throw .mandatoryRequirementMissing(step: step.id, mandatoryMissing) }
        return sorted
    }

    static func outputs(_ given: [EvidenceItem], of step: Step) throws(EngineError) -> Sorted {
        let checked = try check(given, valid: step.outputs.map(\.id)) { .unknownOutput($0, valid: $1) }
        var sorted = Sorted(items: [], missing: [])
        for output in step.outputs {
            if let item = checked.first(where: { $0.id == output.id }) {
                sorted.items.append(item)
            } else {
                sorted.missing.append(output.id)
            }
        }
        return sorted
    }

    /// The given items, refusing ids the step does not define, repeats, and unusable items.
    ///
    /// A step has a handful of items, so lookups are linear: a `[ItemID: EvidenceItem]` here cost more to
    /// set up (a runtime conformance scan on first use in each `sop` process) than all its lookups saved.
    private static func check(_ given: [EvidenceItem], valid: [ItemID],
                              unknown: (ItemID, [ItemID]) -> EngineError) throws(EngineError) -> [EvidenceItem] {
        var checked: [EvidenceItem] = []
        for item in given {
            guard valid.contains(item.id) else { throw unknown(item.id, valid) }
            guard !checked.contains(where: { $0.id == item.id }) else { throw .duplicateItem(item.id) }
            if let problem = item.problem { throw .invalidEvidence(item.id, problem) }
            checked.append(EvidenceItem(id: item.id, content: item.content))
        }
        return checked
    }
}
