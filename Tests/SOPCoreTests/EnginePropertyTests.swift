import Foundation
import Testing
import SOPTestSupport
@testable import SOPCore

@Suite("Engine: random command sequences never disagree with their replay")
struct EnginePropertyTests {
    static let officers = [Fixtures.petugas, Fixtures.pengolah, Fixtures.staf, Fixtures.verifikator,
                           Fixtures.stranger, Fixtures.nobody,
                           Fixtures.officer("198606062011061007", "Gita Serba Bisa", "petugas", "pengolah", "staf", "verifikator")]

    /// A plausible, often wrong, command for the current state: right and wrong steps, outcomes, items and times.
    static func randomCommand(for run: InstanceRun, using generator: inout SeededGenerator) -> EngineCommand {
        let procedure = run.procedure
        let stepIDs = procedure.steps.map(\.id) + ["tidak-ada"]
        let labels = procedure.steps.flatMap { $0.outcomes.map(\.label) } + ["mungkin"]
        let previous = run.state?.lastOccurredAt ?? Fixtures.t0
        let at: Date? = switch Int.random(in: 0..<6, using: &generator) {
        case 0: Fixtures.minutes(-1, after: previous)
        case 1: Fixtures.minutes(60, after: run.now)
        case 2: previous
        default: nil
        }
        guard run.state != nil, Int.random(in: 0..<20, using: &generator) != 0 else {
            return .start(instanceID: run.id, definitionHash: Fixtures.hash, agencyID: Fixtures.agency, at: at)
        }
        let maybe = { (generator: inout SeededGenerator) in Bool.random(using: &generator) }
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<6:
            let active = run.state?.activeStep.flatMap(procedure.step)
            let requirementIDs = (active?.requirements.map(\.id) ?? []) + ["asing"]
            let outputIDs = (active?.outputs.map(\.id) ?? []) + ["asing"]
            let requirements = requirementIDs.filter { _ in Int.random(in: 0..<4, using: &generator) != 0 }
                .map { EvidenceItem.text($0, "ref-\($0)") }
            let outputs = outputIDs.filter { _ in Int.random(in: 0..<3, using: &generator) != 0 }
                .map { Fixtures.file($0, name: "\($0).pdf") }
            let stepsFilter = requirements.filter { $0.id != "asing" || Int.random(in: 0..<8, using: &generator) == 0 }
            let outputsFilter = outputs.filter { $0.id != "asing" || Int.random(in: 0..<8, using: &generator) == 0 }
            let step: StepID? = maybe(&generator) ? nil : (maybe(&generator) ? run.state?.activeStep : stepIDs.randomElement(using: &generator))
            let outcome: String? = active?.isDecision == true || Int.random(in: 0..<5, using: &generator) == 0
                ? (Int.random(in: 0..<6, using: &generator) == 0 ? nil : labels.randomElement(using: &generator)) : nil
            return .complete(step: step, requirements: stepsFilter, outputs: outputsFilter, outcome: outcome,
                             note: maybe(&generator) ? "catatan" : nil, at: at)
        case 6, 7:
            return .returnTo(step: stepIDs.randomElement(using: &generator) ?? "tidak-ada",
                             reason: maybe(&generator) ? "perbaiki" : "", at: at)
        case 8:
            return .addNote(text: maybe(&generator) ? "catatan" : " ", at: at)
        default:
            return Int.random(in: 0..<4, using: &generator) == 0 ? .cancel(reason: "batal", at: at) : .addNote(text: "x", at: at)
        }
    }

    @Test("the state left by each accepted command equals the replay of all events so far",
          arguments: FixtureProcedure.allCases, Array(UInt64(1)...25))
    func stateAgreesWithReplay(fixture: FixtureProcedure, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let accepted = try Self.explore(fixture.procedure, commands: 300, using: &generator)
        #expect(accepted > 20)
    }

    /// Runs `commands` random commands (by random officers) on instances of `procedure`, checking after
    /// each one that a refusal changed nothing and an accepted command left state equal to the replay.
    /// Returns how many were accepted. Shared with ``DefinitionPropertyTests`` (random definitions).
    static func explore(_ procedure: Procedure, commands: Int, using generator: inout SeededGenerator) throws -> Int {
        var run = InstanceRun(procedure)
        var accepted = 0
        for _ in 0..<commands {
            // A closed instance only refuses; move on to a fresh one now and then to keep exploring.
            if let status = run.state?.status, status != .open, Int.random(in: 0..<3, using: &generator) == 0 {
                let next = InstanceRun(procedure, id: InstanceID("INS-\(accepted)"))
                run = next
            }
            let command = Self.randomCommand(for: run, using: &generator)
            let officer = Self.officers.randomElement(using: &generator) ?? Fixtures.nobody
            let before = (run.state, run.events)
            let minutes = Double(Int.random(in: 0...90, using: &generator))
            if run.refusal(command, by: officer, after: minutes) != nil {
                #expect(run.state == before.0)
                #expect(run.events == before.1)
                continue
            }
            accepted += 1
            try expectAgreesWithReplay(run)
        }
        return accepted
    }

    static func expectAgreesWithReplay(_ run: InstanceRun) throws {
        let state = try #require(run.state)
        let replayed = try InstanceState.replay(run.events, procedure: run.procedure)
        #expect(replayed == state)
        let stored = try InstanceEvent.events(from: run.events.map { try $0.record() })
        #expect(stored == run.events)
        #expect(try InstanceState.replay(stored, procedure: run.procedure).header() == state.header())
        #expect((state.status == .open) == (state.activeStep != nil))
        #expect(state.lastSequence == run.events.count)
        #expect(run.events.map(\.sequence) == Array(1...run.events.count))
        #expect(zip(run.events, run.events.dropFirst()).allSatisfy { $0.occurredAt <= $1.occurredAt })
        #expect(run.events.allSatisfy { $0.occurredAt <= $0.recordedAt })
    }
}
