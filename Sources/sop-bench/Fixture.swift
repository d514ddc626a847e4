import Foundation
import SOPCore
import SOPSQLite

/// One shipped definition as `sop` pins it: parsed, its exact bytes and their SHA-256, and its calendar.
struct ShippedDefinition {
    var procedure: Procedure
    var bytes: Data
    var hash: String
    var calendar: BusinessCalendar

    var snapshot: DefinitionSnapshot {
        DefinitionSnapshot(hash: hash, procedureID: procedure.id, version: procedure.version, json: bytes)
    }
}

/// The shipped definitions folder, read the way `sop` reads it, plus one officer per agency.
struct Fixture {
    var folder: URL
    var definitions: [ShippedDefinition]
    /// One officer per agency holding every role of that agency's procedures (a benchmark needs no lanes).
    var officers: [String: Officer]
    /// Where "now" comes from: injected by main.swift, as `sop` injects its clock.
    var wallClock: any WallClock

    init(folder: URL, clock: any WallClock) throws {
        self.folder = folder
        self.wallClock = clock
        let calendarFolder = folder.appendingPathComponent("calendars")
        var calendarFiles: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: calendarFolder.path)) ?? []
        where name.hasSuffix(".json") {
            calendarFiles[String(name.dropLast(5))] = try Data(contentsOf: calendarFolder.appendingPathComponent(name))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var definitions: [ShippedDefinition] = []
        for name in names {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            guard let procedure = DefinitionLoader.load(Array(bytes), file: name).procedure else {
                throw BenchError("\(name) does not validate; run 'sop validate'")
            }
            guard let calendarJSON = calendarFiles[procedure.calendar.name] else {
                throw BenchError("\(name) names calendar \(procedure.calendar.name), which is not in \(calendarFolder.path)")
            }
            let calendar = try BusinessCalendar.decode(calendarJSON: calendarJSON, closureSets: calendarFiles,
                                                       timeZone: procedure.calendar.timeZone)
            definitions.append(ShippedDefinition(procedure: procedure, bytes: bytes, hash: try ContentHash.sha256(bytes),
                                                 calendar: calendar))
        }
        guard !definitions.isEmpty else { throw BenchError("no definitions in \(folder.path)") }
        self.definitions = definitions
        var officers: [String: Officer] = [:]
        for (index, agency) in Set(definitions.map(\.procedure.agency.id)).sorted().enumerated() {
            let roles = Set(definitions.filter { $0.procedure.agency.id == agency }.flatMap { $0.procedure.actors.map(\.id) })
            // 18 digits shaped like a NIP: birth date, appointment month, sex, sequence.
            let nip = String(format: "19800101200501%01d%03d", 1, index + 1)
            officers[agency] = Officer(nip: nip, name: "Pegawai Bench \(index + 1)",
                                       grants: roles.sorted().map { RoleGrant(agencyID: agency, role: $0) })
        }
        self.officers = officers
    }

    /// The definition the measured completions run (the longest flow: the most steps to complete).
    var main: ShippedDefinition {
        definitions.max { $0.procedure.steps.count < $1.procedure.steps.count } ?? definitions[0]
    }

    func officer(for definition: ShippedDefinition) throws -> Officer {
        guard let officer = officers[definition.procedure.agency.id] else {
            throw BenchError("no officer for agency \(definition.procedure.agency.id)")
        }
        return officer
    }

    /// Saves the definitions and the roster into a store, through the store's own API (as `sop` does).
    func prepare(_ store: SQLiteEventStore) throws {
        for definition in definitions { try store.saveDefinition(definition.snapshot) }
        let at = wallClock.now
        for officer in officers.values.sorted(by: { $0.nip < $1.nip }) {
            if try store.officer(nip: officer.nip) != nil { continue }
            try store.applyRosterChange(RosterChange(nip: officer.nip, kind: .add(name: officer.name), by: nil, at: at))
            for grant in officer.grants {
                try store.applyRosterChange(RosterChange(nip: officer.nip, kind: .grant(grant), by: nil, at: at))
            }
        }
    }

    /// The evidence an officer gives when completing `step`: every requirement and output as a text
    /// reference (so nothing is recorded missing and no deviation is due), like `sop demo` does.
    static func evidence(for step: Step, serial: Int) -> (requirements: [EvidenceItem], outputs: [EvidenceItem]) {
        (step.requirements.map { .text($0.id, "No. \(serial)/\($0.id)/2026") },
         step.outputs.map { .text($0.id, "No. \(serial)/\($0.id)/2026") })
    }

    /// The command-line form of ``evidence(for:serial:)`` and the outcome, for `sop complete`.
    static func completeArguments(for step: Step, serial: Int) -> [String] {
        var arguments: [String] = []
        for requirement in step.requirements { arguments += ["--requirement", "\(requirement.id)=text:No. \(serial)/\(requirement.id)/2026"] }
        for output in step.outputs { arguments += ["--output", "\(output.id)=text:No. \(serial)/\(output.id)/2026"] }
        if let outcome = step.outcomes.first?.label { arguments += ["--outcome", outcome] }
        return arguments
    }
}

/// Builds instances through the engine's own event path (Engine.execute, InstanceEvent.record) as commits
/// for ``EventStore/appendBatch(_:)``: what a bulk load writes, event for event, as the commands would.
struct InstanceGenerator {
    var fixture: Fixture
    /// Agency-year-serial ids like `sop start` proposes; `prefix` keeps separate populations apart.
    var prefix: String

    func id(_ serial: Int, definition: ShippedDefinition) -> InstanceID {
        InstanceID(String(format: "%@-%@-%07d", definition.procedure.agency.id, prefix, serial))
    }

    /// One instance started at `startedAt` with its first `completions` steps completed a minute apart.
    func commit(serial: Int, definition: ShippedDefinition, startedAt: Date, completions: Int) throws -> InstanceCommit {
        let procedure = definition.procedure
        let officer = try fixture.officer(for: definition)
        let id = id(serial, definition: definition)
        var transition = try Engine.execute(
            .start(instanceID: id, definitionHash: definition.hash, title: "Permohonan \(serial)", at: startedAt),
            state: nil, procedure: procedure, officer: officer, now: startedAt)
        var events = transition.events
        var now = startedAt
        for _ in 0..<completions {
            guard transition.state.status == .open, let active = transition.state.activeStep,
                  let step = procedure.step(active) else { break }
            now = now.addingTimeInterval(60)
            let (requirements, outputs) = Fixture.evidence(for: step, serial: serial)
            transition = try Engine.execute(
                .complete(requirements: requirements, outputs: outputs, outcome: step.outcomes.first?.label),
                state: transition.state, procedure: procedure, officer: officer, now: now)
            events += transition.events
        }
        let records = try events.map { try $0.record() }
        return InstanceCommit(instanceID: id, expectedSequence: 0, events: records, header: transition.state.header())
    }

    /// Appends `count` instances (serials `first..<first+count`) in batches of `batchSize` commits, each batch
    /// one transaction: the realistic population of ``QualityPopulation`` (finished, open, returned, cancelled,
    /// late steps, missing requirements), with the reports' projection. Returns the events written.
    @discardableResult
    func populate(_ store: SQLiteEventStore, first: Int, count: Int, batchSize: Int, totalInstances: Int) throws -> Int {
        let population = QualityPopulation(fixture: fixture, totalInstances: totalInstances)
        var events = 0
        var serial = first
        let last = first + count
        while serial < last {
            let upper = min(serial + batchSize, last)
            var batch: [InstanceCommit] = []
            batch.reserveCapacity(upper - serial)
            for s in serial..<upper {
                batch.append(try population.commit(serial: s, prefix: prefix))
            }
            events += batch.reduce(0) { $0 + $1.events.count }
            try store.appendBatch(batch)
            serial = upper
        }
        return events
    }

    /// Starts `count` fresh instances of `definition` now, for the measured completions; returns their ids.
    func startOpen(_ store: SQLiteEventStore, definition: ShippedDefinition, first: Int, count: Int) throws -> [InstanceID] {
        let now = fixture.wallClock.now
        let commits = try (first..<(first + count)).map { serial in
            try commit(serial: serial, definition: definition, startedAt: now, completions: 0)
        }
        try store.appendBatch(commits)
        return commits.map(\.instanceID)
    }
}
