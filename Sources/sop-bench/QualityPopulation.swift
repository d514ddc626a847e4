import Foundation
import SOPCore

/// A realistic population for the quality reports (figure 4), built command by command through the engine
/// as `sop` does (`Engine.execute`, then `DeviationDetector` and `Engine.recordDeviations` after each command,
/// then `InstanceEvent.record`), with the reports' projection computed by the core: about 10 % of the steps
/// late, some completions missing their requirement, some steps returned for rework, some instances
/// cancelled, some left open, and some deviations accounted. Deterministic per serial.
struct QualityPopulation {
    var fixture: Fixture
    /// Working-day mornings (08:00 local) of 2026 per definition's calendar, before the bench's week.
    private var mornings: [String: [Date]] = [:]

    /// Instances per working day: the population's start dates run forward with the serial, as a real
    /// office's do (older instances first), over 2026's working days.
    private var perDay: Int

    init(fixture: Fixture, totalInstances: Int) {
        self.fixture = fixture
        self.perDay = 1
        for definition in fixture.definitions {
            let key = definition.procedure.calendar.name + "\u{0}" + definition.procedure.calendar.timeZone
            if mornings[key] != nil { continue }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: definition.procedure.calendar.timeZone) ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
            var days: [Date] = []
            var components = DateComponents(year: 2026, month: 1, day: 5, hour: 8)
            while let day = calendar.date(from: components), components.day ?? 0 < 320 {
                if definition.calendar.isWorkingTime(day.addingTimeInterval(1800)), definition.calendar.isWorkingTime(day.addingTimeInterval(3 * 3600)) {
                    days.append(day)
                }
                components.day = (components.day ?? 0) + 1
            }
            mornings[key] = days
            perDay = max(perDay, (totalInstances + days.count - 1) / max(days.count, 1))
        }
    }

    /// A small deterministic generator (SplitMix64) seeded by the serial.
    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func chance(_ percent: Double) -> Bool { Double(next() % 10_000) < percent * 100 }
        mutating func upTo(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    func id(_ serial: Int, definition: ShippedDefinition, prefix: String) -> InstanceID {
        InstanceID(String(format: "%@-%@-%07d", definition.procedure.agency.id, prefix, serial))
    }

    /// One instance's whole history as one commit (a bulk load writes what the commands would have written).
    func commit(serial: Int, prefix: String) throws -> InstanceCommit {
        let definition = fixture.definitions[serial % fixture.definitions.count]
        let procedure = definition.procedure
        let calendar = definition.calendar
        let officer = try fixture.officer(for: definition)
        var random = Random(state: UInt64(serial) &* 0x2545_F491_4F6C_DD1D)
        let key = procedure.calendar.name + "\u{0}" + procedure.calendar.timeZone
        let days = mornings[key] ?? []
        guard !days.isEmpty else { throw BenchError("no working days in 2026 for \(procedure.calendar.name)") }
        var now = days[min(serial / perDay, days.count - 1)].addingTimeInterval(Double(random.upTo(90)) * 60)
        let id = id(serial, definition: definition, prefix: prefix)

        var events: [InstanceEvent] = []
        func apply(_ command: EngineCommand, _ state: InstanceState?) throws -> InstanceState {
            var transition = try Engine.execute(command, state: state, procedure: procedure, officer: officer, now: now)
            let found = DeviationDetector.deviations(in: transition.state, procedure: procedure, calendar: calendar, at: now)
            let recorded = try Engine.recordDeviations(found, state: transition.state, procedure: procedure, now: now)
            transition = Engine.Transition(events: transition.events + recorded.events, state: recorded.state)
            events += transition.events
            return transition.state
        }
        var state = try apply(.start(instanceID: id, definitionHash: definition.hash, title: "Permohonan \(serial)", at: nil), nil)
        // Fates: 4 % stay open somewhere along the flow, 5 % are cancelled, the rest run to the end.
        let stopAt = random.chance(4) ? random.upTo(procedure.steps.count) : nil
        let cancelAt = stopAt == nil && random.chance(5) ? random.upTo(procedure.steps.count) : nil
        var returned = false
        var done = 0
        while state.status == .open, let active = state.activeStep, let step = procedure.step(active) {
            if let stopAt, done >= stopAt { break }
            let limit = max(step.timeLimit.minutes, 1)
            // 9 % of activations late (over the limit by up to the limit again), the rest within it; with the
            // open instances' overdue active steps, about 10 % of all steps are breaches.
            let minutes = random.chance(9) ? limit + 1 + random.upTo(limit) : 1 + random.upTo(max(limit * 9 / 10, 1))
            now = now.addingTimeInterval(Double(minutes) * 60)
            if let cancelAt, done >= cancelAt {
                state = try apply(.cancel(reason: "Permohonan ditarik", at: nil), state)
                break
            }
            if !returned, random.chance(4), let target = state.returnTargets(in: procedure).last {
                returned = true
                state = try apply(.returnTo(step: target, reason: "Berkas belum lengkap", at: nil), state)
                continue
            }
            // 5 % of completions leave out the step's requirements (a missing-requirement deviation).
            var (requirements, outputs) = Fixture.evidence(for: step, serial: serial)
            if random.chance(5) { requirements = [] }
            state = try apply(.complete(requirements: requirements, outputs: outputs, outcome: step.outcomes.first?.label), state)
            done += 1
        }
        // A third of the recorded deviations accounted a little later, when the policy lets this officer do it.
        for deviation in state.deviations where random.chance(33) {
            now = now.addingTimeInterval(300)
            if let next = try? apply(.accountDeviation(id: deviation.id, reason: "Beban kerja tinggi", at: nil), state) {
                state = next
            }
        }
        let records = try events.map { try $0.record() }
        let projection = try ReportProjection.changes(from: nil, to: state, procedure: procedure, calendar: calendar)
        return InstanceCommit(instanceID: id, expectedSequence: 0, events: records, header: state.header(), projection: projection)
    }
}
