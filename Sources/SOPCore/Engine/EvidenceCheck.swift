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
        let byID = try index(given, valid: step.requirements.map(\.id)) { .unknownRequirement($0, valid: $1) }
        var sorted = Sorted(items: [], missing: [])
        var mandatoryMissing: [ItemID] = []
        for requirement in step.requirements {
            if let item = byID[requirement.id] {
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
        let byID = try index(given, valid: step.outputs.map(\.id)) { .unknownOutput($0, valid: $1) }
        var sorted = Sorted(items: [], missing: [])
        for output in step.outputs {
            if let item = byID[output.id] { sorted.items.append(item) } else { sorted.missing.append(output.id) }
        }
        return sorted
    }

    /// The given items by id, refusing ids the step does not define, repeats, and unusable items.
    private static func index(_ given: [EvidenceItem], valid: [ItemID],
                              unknown: (ItemID, [ItemID]) -> EngineError) throws(EngineError) -> [ItemID: EvidenceItem] {
        var byID: [ItemID: EvidenceItem] = [:]
        for item in given {
            guard valid.contains(item.id) else { throw unknown(item.id, valid) }
            guard byID[item.id] == nil else { throw .duplicateItem(item.id) }
            if let problem = item.problem { throw .invalidEvidence(item.id, problem) }
            byID[item.id] = EvidenceItem(id: item.id, content: item.content)
        }
        return byID
    }
}
