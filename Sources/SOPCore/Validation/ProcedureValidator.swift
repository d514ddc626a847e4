import Foundation

/// The semantic checks that make a structurally sound definition runnable: unique ids, resolved
/// references, every step reachable from the start, and the end reachable from every step.
enum ProcedureValidator {
    static func check(_ procedure: Procedure) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let actorIDs = procedure.actors.map(\.id.rawValue).filter { !$0.isEmpty }
        let stepIDs = procedure.steps.map(\.id.rawValue).filter { !$0.isEmpty }

        found += duplicates(in: procedure.actors.map(\.id.rawValue)) { "$.actors[\($0)].id" }
        found += duplicates(in: procedure.steps.map(\.id.rawValue)) { "$.steps[\($0)].id" }

        for (index, step) in procedure.steps.enumerated() {
            let path = "$.steps[\(index)]"
            if !step.actor.rawValue.isEmpty, !actorIDs.contains(step.actor.rawValue) {
                found.append(.error(.unknownActor, path: path + ".actor", expected: actorIDs.joined(separator: ", "),
                                    found: step.actor.rawValue, suggestion: suggestion(step.actor.rawValue, actorIDs)))
            }
            found += duplicates(in: step.requirements.map(\.id.rawValue)) { "\(path).requirements[\($0)].id" }
            found += duplicates(in: step.outputs.map(\.id.rawValue)) { "\(path).outputs[\($0)].id" }
            switch step.flow {
            case .sequential: break
            case .goTo(let target):
                found += check(target, at: path + ".next", stepIDs: stepIDs)
            case .decision(_, let outcomes):
                if outcomes.count < 2 {
                    found.append(.error(.decisionTooFewOutcomes, path: path + ".decision.outcomes",
                                        expected: "at least 2 outcomes", found: "\(outcomes.count)"))
                }
                var seen: Set<String> = []
                for (o, outcome) in outcomes.enumerated() {
                    let outcomePath = "\(path).decision.outcomes[\(o)]"
                    if !seen.insert(outcome.label.lowercased()).inserted {
                        found.append(.error(.duplicateOutcome, path: outcomePath + ".label", found: outcome.label))
                    }
                    found += check(outcome.target, at: outcomePath + ".next", stepIDs: stepIDs)
                }
            }
            for (r, requirement) in step.requirements.enumerated() {
                guard let from = requirement.from else { continue }
                let fromPath = "\(path).requirements[\(r)].from"
                guard let source = procedure.step(from.step) else {
                    found.append(.error(.unknownStep, path: fromPath + ".step", expected: stepIDs.joined(separator: ", "),
                                        found: from.step.rawValue, suggestion: suggestion(from.step.rawValue, stepIDs)))
                    continue
                }
                let outputIDs = source.outputs.map(\.id.rawValue)
                if !outputIDs.contains(from.output.rawValue) {
                    found.append(.error(.unknownOutput, path: fromPath + ".output", expected: outputIDs.joined(separator: ", "),
                                        found: from.output.rawValue, subject: from.step.rawValue,
                                        suggestion: suggestion(from.output.rawValue, outputIDs)))
                }
            }
        }

        let policyPath = "$.deviationPolicy"
        for (key, role) in [("owner", procedure.deviationPolicy.owner), ("superior", procedure.deviationPolicy.superior)] {
            guard let role, !actorIDs.contains(role.rawValue) else { continue }
            found.append(.error(.unknownActor, path: policyPath + "." + key, expected: actorIDs.joined(separator: ", "),
                                found: role.rawValue, suggestion: suggestion(role.rawValue, actorIDs)))
        }
        for (i, index) in procedure.deviationPolicy.sourceWarnings.enumerated()
        where index < 0 || index >= procedure.warnings.count {
            found.append(.error(.invalidValue, path: "\(policyPath).sourceWarnings[\(i)]",
                                expected: "an index of $.warnings (0..<\(procedure.warnings.count))", found: "\(index)"))
        }
        for (i, rule) in procedure.deviationPolicy.rules.enumerated() where rule.answerable == .owner {
            if procedure.deviationPolicy.owner == nil {
                found.append(.error(.missingField, path: policyPath + ".owner",
                                    expected: "owner", subject: "$.deviationPolicy.rules[\(i)]"))
                break
            }
        }

        // Only check the graph when every reference resolves; otherwise the reports would repeat.
        if !found.contains(where: { $0.code == .unknownStep || $0.code == .duplicateID }), !procedure.steps.isEmpty,
           !procedure.steps.contains(where: { $0.id.rawValue.isEmpty }) {
            found += graphDiagnostics(procedure)
        }
        return found
    }

    private static func check(_ target: FlowTarget, at path: String, stepIDs: [String]) -> [Diagnostic] {
        guard case .step(let id) = target, !stepIDs.contains(id.rawValue) else { return [] }
        return [.error(.unknownStep, path: path, expected: (stepIDs + ["end"]).joined(separator: ", "),
                       found: id.rawValue, suggestion: suggestion(id.rawValue, stepIDs + ["end"]))]
    }

    static func suggestion(_ word: String, _ allowed: [String]) -> Suggestion { .closest(word, in: allowed) }

    private static func duplicates(in ids: [String], path: (Int) -> String) -> [Diagnostic] {
        var firstIndex: [String: Int] = [:]
        var found: [Diagnostic] = []
        for (index, id) in ids.enumerated() where !id.isEmpty {
            if let first = firstIndex[id] {
                found.append(.error(.duplicateID, path: path(index), found: id, subject: path(first)))
            } else {
                firstIndex[id] = index
            }
        }
        return found
    }

    /// Successors of each step in the flow graph.
    static func successors(of step: Step, in procedure: Procedure) -> [FlowTarget] {
        switch step.flow {
        case .decision(_, let outcomes): outcomes.map(\.target)
        default: [procedure.target(after: step)]
        }
    }

    /// Steps no path from the first step reaches, and steps from which no path reaches the end.
    ///
    /// Keyed by the ids' text rather than by `StepID`: every command validates its pinned definition, and in
    /// the static release binary the first Set or Dictionary keyed by a new type costs a scan of every
    /// protocol conformance record (~0.3M instructions; BENCHMARKS.md, fourth round); String keys are
    /// already in use by then.
    private static func graphDiagnostics(_ procedure: Procedure) -> [Diagnostic] {
        let indexByID = Dictionary(procedure.steps.enumerated().map { ($1.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        var reachable: Set<String> = []
        var queue = [procedure.steps[0].id]
        while let id = queue.popLast() {
            guard reachable.insert(id.rawValue).inserted, let index = indexByID[id.rawValue] else { continue }
            for case .step(let next) in successors(of: procedure.steps[index], in: procedure) { queue.append(next) }
        }
        // Reverse search from the end.
        var reachesEnd: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for step in procedure.steps where !reachesEnd.contains(step.id.rawValue) {
                let leads = successors(of: step, in: procedure).contains {
                    if case .step(let next) = $0 { return reachesEnd.contains(next.rawValue) }
                    return true
                }
                if leads { reachesEnd.insert(step.id.rawValue); changed = true }
            }
        }
        var found: [Diagnostic] = []
        for (index, step) in procedure.steps.enumerated() {
            if !reachable.contains(step.id.rawValue) {
                found.append(.error(.unreachableStep, path: "$.steps[\(index)]", found: step.id.rawValue,
                                    subject: procedure.steps[0].id.rawValue))
            } else if !reachesEnd.contains(step.id.rawValue) {
                found.append(.error(.deadEndStep, path: "$.steps[\(index)]", found: step.id.rawValue))
            }
        }
        return found
    }
}

extension ProcedureValidator {
    /// The zones of Indonesia, offered when a time zone id is misspelt.
    static let indonesianZones = ["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"]

    static func checkTimeZone(_ procedure: Procedure) -> [Diagnostic] {
        let zone = procedure.calendar.timeZone
        guard !zone.isEmpty, TimeZone(identifier: zone) == nil || !zone.contains("/") else { return [] }
        return [.error(.invalidTimeZone, path: "$.calendar.timeZone", expected: "an IANA time zone id", found: zone,
                       suggestion: suggestion(zone, indonesianZones))]
    }
}
