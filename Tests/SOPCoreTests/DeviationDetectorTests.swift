import Foundation
import Testing
@testable import SOPCore

/// A shipped definition driven through the engine at explicit instants, with `sop check` done the way
/// the command line will do it: detect, then record.
struct ShippedRun {
    static let kalsel = "bpmp-kalsel-pos-1-i-29-2024.json"
    static let kaltim = "lpmp-kaltim-pos-1050.json"
    static let kalbar = "biro-kesra-kalbar-sop-400-257.json"

    let procedure: Procedure
    let calendar: BusinessCalendar
    var id: InstanceID
    private(set) var events: [InstanceEvent] = []
    private(set) var state: InstanceState?

    init(_ file: String, id: InstanceID = "INS-1") throws {
        procedure = try #require(DefinitionFixtures.shipped(file, lint: false).procedure)
        calendar = try ShippedCalendar.asn(procedure.calendar.timeZone)
        self.id = id
    }

    var agency: String { procedure.agency.id }

    func officer(_ nip: String, _ name: String, _ roles: ActorID...) -> Officer {
        Officer(nip: nip, name: name, grants: roles.map { RoleGrant(agencyID: agency, role: $0) })
    }

    /// A local wall time in the procedure's zone on a 2026 date: `local("03-02 08:45")`.
    func local(_ text: String) throws -> Date {
        let offset = calendar.utcOffsetSeconds / 3600
        return try Date("2026-\(text.replacingOccurrences(of: " ", with: "T")):00+0\(offset):00", strategy: .iso8601)
    }

    @discardableResult
    mutating func run(_ command: EngineCommand, by officer: Officer, at now: Date) throws(EngineError) -> [InstanceEvent] {
        let transition = try Engine.execute(command, state: state, procedure: procedure, officer: officer, now: now)
        events += transition.events
        state = transition.state
        return transition.events
    }

    mutating func start(by officer: Officer, at now: Date) throws {
        try run(.start(instanceID: id, definitionHash: Fixtures.hash), by: officer, at: now)
    }

    /// Completes the active step giving every requirement and output except those in `withholding`.
    mutating func complete(by officer: Officer, at now: Date, withholding: Set<ItemID> = []) throws {
        let step = try #require(state?.activeStep.flatMap { procedure.step($0) })
        try run(.complete(requirements: step.requirements.map(\.id).filter { !withholding.contains($0) }.map { .text($0, "ada") },
                          outputs: step.outputs.map(\.id).filter { !withholding.contains($0) }.map { .text($0, "ada") }),
                by: officer, at: now)
    }

    /// What `sop check --at now` does: detect, then record what is new.
    @discardableResult
    mutating func check(at now: Date) throws -> [InstanceEvent] {
        let state = try #require(self.state)
        let found = DeviationDetector.deviations(in: state, procedure: procedure, calendar: calendar, at: now)
        let transition = try Engine.recordDeviations(found, state: state, procedure: procedure, now: now)
        events += transition.events
        self.state = transition.state
        return transition.events
    }

    func deviation(_ kind: DeviationKind, _ step: StepID, _ occurrence: Int = 1) throws -> Deviation {
        try #require(state?.deviation(DeviationID(instance: id, kind: kind, step: step, occurrence: occurrence)))
    }
}

@Suite("Deviations: the Kalsel clause makes the pelaksana answer for every deviation")
struct DeviationKalselTests {
    let fresh: ShippedRun
    let ppid, ppidLain, admin, atasan: Officer

    init() throws {
        let run = try ShippedRun(ShippedRun.kalsel)
        fresh = run
        ppid = run.officer("198001012005011001", "Ani PPID", "ppid")
        ppidLain = run.officer("198102022006021002", "Budi PPID", "ppid")
        admin = run.officer("198203032007031003", "Citra Admin", "pengadministrasi-umum")
        atasan = run.officer("196701101994031001", "Dedi Atasan", "atasan-ppid")
    }

    /// validasi (30 Menit) done in 45 working minutes; klasifikasi done at once without its paper or output.
    private func lateAndIncomplete(_ run: inout ShippedRun) throws {
        try run.start(by: ppid, at: run.local("03-02 08:00"))
        try run.complete(by: ppid, at: run.local("03-02 08:45"))
        try run.complete(by: ppid, at: run.local("03-02 09:00"), withholding: ["validasi-daftar", "klasifikasi-daftar"])
        try run.check(at: run.local("03-02 09:10"))
    }

    @Test("the superior role is read from the shipped definition")
    func superior() {
        #expect(fresh.procedure.deviationPolicy.superior == "atasan-ppid")
        #expect(fresh.procedure.deviationPolicy.owner == nil)
    }

    @Test("late, missing requirement and missing output are each recorded, answerable by the executor, account required")
    func recorded() throws {
        var run = fresh
        try lateAndIncomplete(&run)
        let state = try #require(run.state)
        #expect(state.deviations.map(\.id.rawValue) == ["INS-1/late/validasi/1", "INS-1/missing-requirement/klasifikasi/1",
                                                         "INS-1/missing-output/klasifikasi/1"])
        let late = try run.deviation(.late, "validasi")
        #expect(late.minutesOver == 15)
        #expect(late.limitMinutes == 30)
        #expect(late.detectedAt == (try run.local("03-02 08:45")))
        let requirement = try run.deviation(.missingRequirement, "klasifikasi")
        let output = try run.deviation(.missingOutput, "klasifikasi")
        #expect(requirement.missingItems == ["validasi-daftar"])
        #expect(output.missingItems == ["klasifikasi-daftar"])
        for deviation in [late, requirement, output] {
            #expect(deviation.answerable == ActingOfficer(ppid))
            #expect(deviation.answerableRole == "ppid")
            #expect(deviation.severity == .failure)
            #expect(deviation.accountRequired)
            #expect(deviation.status == .open)
            #expect(deviation.procedureID == run.procedure.id && deviation.agencyID == "bpmp-kalsel")
        }
        // Recorded by the system, after the work, and not moving the clock work is checked against.
        #expect(run.events.suffix(3).allSatisfy { $0.kind == .deviationRecorded && $0.officer == nil && $0.role == nil })
        #expect(state.lastOccurredAt == (try run.local("03-02 09:00")))
    }

    @Test("checking again records nothing new")
    func idempotent() throws {
        var run = fresh
        try lateAndIncomplete(&run)
        let count = run.events.count
        #expect(try run.check(at: run.local("03-02 09:10")).isEmpty)
        #expect(try run.check(at: run.local("03-02 09:20")).isEmpty)
        #expect(run.events.count == count)
        let state = try #require(run.state)
        let again = DeviationDetector.deviations(in: state, procedure: run.procedure, calendar: run.calendar,
                                                 at: try run.local("03-02 09:20"))
        #expect(try Engine.decide(.recordDeviations(again), state: state, procedure: run.procedure, officer: admin,
                                  now: run.local("03-02 09:20")).isEmpty)
    }

    @Test("the executor and the superior may account; another officer, even of the same role, may not")
    func accounting() throws {
        var run = fresh
        try lateAndIncomplete(&run)
        let late = try run.deviation(.late, "validasi").id
        let requirement = try run.deviation(.missingRequirement, "klasifikasi").id
        let output = try run.deviation(.missingOutput, "klasifikasi").id
        let now = try run.local("03-02 10:00")

        try run.run(.accountDeviation(id: late, reason: "Menunggu disposisi pimpinan"), by: ppid, at: now)
        try run.run(.accountDeviation(id: requirement, reason: "Daftar belum diserahkan"), by: atasan, at: now)
        #expect(throws: EngineError.notAnswerable(output, answerable: ActingOfficer(ppid), role: "ppid",
                                                  superior: "atasan-ppid", officerRoles: ["ppid"])) {
            try Engine.decide(.accountDeviation(id: output, reason: "x"), state: run.state, procedure: run.procedure,
                              officer: ppidLain, now: now)
        }
        #expect(throws: EngineError.notAnswerable(output, answerable: ActingOfficer(ppid), role: "ppid",
                                                  superior: "atasan-ppid", officerRoles: ["pengadministrasi-umum"])) {
            try Engine.decide(.accountDeviation(id: output, reason: "x"), state: run.state, procedure: run.procedure,
                              officer: admin, now: now)
        }
        let state = try #require(run.state)
        #expect(try run.deviation(.late, "validasi").account ==
                DeviationAccount(by: ActingOfficer(ppid), role: "ppid", reason: "Menunggu disposisi pimpinan", at: now,
                                 sequence: state.lastSequence - 1))
        #expect(try run.deviation(.missingRequirement, "klasifikasi").account?.role == "atasan-ppid")
        #expect(try run.deviation(.missingOutput, "klasifikasi").status == .open)
        #expect(state.deviations.filter(\.awaitingAccount).map(\.id) == [output])
    }

    @Test("an unknown id lists the recorded ones; an account is given once and needs a reason")
    func accountingRefusals() throws {
        var run = fresh
        try lateAndIncomplete(&run)
        let state = try #require(run.state)
        let now = try run.local("03-02 10:00")
        let late = try run.deviation(.late, "validasi").id
        #expect(throws: EngineError.unknownDeviation("INS-1/late/klasifikasi/1", known: state.deviations.map(\.id))) {
            try Engine.decide(.accountDeviation(id: "INS-1/late/klasifikasi/1", reason: "x"), state: state,
                              procedure: run.procedure, officer: ppid, now: now)
        }
        #expect(throws: EngineError.reasonRequired) {
            try Engine.decide(.accountDeviation(id: late, reason: "  \n"), state: state, procedure: run.procedure,
                              officer: ppid, now: now)
        }
        try run.run(.accountDeviation(id: late, reason: "Terlambat"), by: ppid, at: now)
        #expect(throws: EngineError.deviationAlreadyAccounted(late, by: ActingOfficer(ppid), at: now)) {
            try Engine.decide(.accountDeviation(id: late, reason: "lagi"), state: run.state, procedure: run.procedure,
                              officer: atasan, now: now)
        }
    }

    @Test("an overdue active step is answered by its lane until someone does it; any holder of the lane may account")
    func overdueActiveStep() throws {
        var run = fresh
        try lateAndIncomplete(&run)
        // dokumentasikan (30 Menit) active since 09:00: 45 working minutes at 09:45.
        try run.check(at: run.local("03-02 09:45"))
        let late = try run.deviation(.late, "dokumentasikan")
        #expect(late.answerable == nil)
        #expect(late.answerableRole == "pengadministrasi-umum")
        #expect(late.minutesOver == 15)
        #expect(late.detectedAt == (try run.local("03-02 09:31")))
        // Finishing it later does not record it again.
        try run.complete(by: admin, at: run.local("03-02 10:00"))
        #expect(try run.check(at: run.local("03-02 10:05")).isEmpty)
        try run.run(.accountDeviation(id: late.id, reason: "Ruang arsip dikunci"), by: admin, at: run.local("03-02 10:10"))
        #expect(try run.deviation(.late, "dokumentasikan").account?.by == ActingOfficer(admin))
    }

    @Test("an instance left without work for more than 1 Hari is not run, answered by the active step's lane")
    func stalled() throws {
        var run = fresh
        try run.start(by: ppid, at: run.local("03-02 08:00"))
        // 450 working minutes from Mon 08:00 end Tue 08:00 (Mon 07:30–08:00 is before the start).
        try run.check(at: run.local("03-03 08:00"))
        #expect(run.state?.deviations.map(\.kind) == [.late])
        try run.check(at: run.local("03-03 08:01"))
        let notRun = try run.deviation(.notRun, "validasi")
        #expect(notRun.notRunCause == .stalled)
        #expect(notRun.answerable == nil && notRun.answerableRole == "ppid")
        #expect(notRun.detectedAt == (try run.local("03-03 08:01")))
        #expect(notRun.accountRequired)
        // A note is not work: the instance stays stalled, and nothing new is found.
        try run.run(.addNote(text: "Menunggu"), by: ppid, at: run.local("03-03 09:00"))
        #expect(try run.check(at: run.local("03-03 09:00")).isEmpty)
    }

    @Test("deviations are recorded and accounted after the instance is done")
    func afterDone() throws {
        var run = fresh
        try run.start(by: ppid, at: run.local("03-02 08:00"))
        try run.complete(by: ppid, at: run.local("03-02 08:10"))
        try run.complete(by: ppid, at: run.local("03-02 08:20"))
        try run.complete(by: admin, at: run.local("03-02 08:30"))
        try run.complete(by: ppid, at: run.local("03-02 08:40"))
        // Step 5 needs a report no step produces: the source's broken chain, recorded as missing.
        try run.complete(by: atasan, at: run.local("03-02 09:30"), withholding: ["laporan-pendokumentasian"])
        #expect(run.state?.status == .done)
        try run.check(at: run.local("03-02 10:00"))
        #expect(run.state?.deviations.map(\.id.rawValue) == ["INS-1/late/terima-laporan/1",
                                                              "INS-1/missing-requirement/terima-laporan/1"])
        #expect(try run.deviation(.late, "terima-laporan").minutesOver == 35)
        let id = try run.deviation(.late, "terima-laporan").id
        try run.run(.accountDeviation(id: id, reason: "Rapat"), by: atasan, at: run.local("03-02 10:05"))
        let replayed = try InstanceState.replay(InstanceEvent.events(from: run.events.map { try $0.record() }),
                                                procedure: run.procedure)
        #expect(replayed == run.state)
    }
}

@Suite("Deviations: Kaltim and Kalbar clauses make the owner answer when the POS does not run")
struct DeviationNotRunTests {
    static let files = [ShippedRun.kaltim, ShippedRun.kalbar]

    @Test("a cancelled instance is not run, answered by the owner role", arguments: files)
    func cancelled(file: String) throws {
        var run = try ShippedRun(file)
        let pelaksana = run.officer("198001012005011001", "Ani", "ppid-pelaksana")
        try run.start(by: pelaksana, at: run.local("03-02 08:00"))
        try run.run(.cancel(reason: "Ditarik"), by: pelaksana, at: run.local("03-02 08:20"))
        try run.check(at: run.local("03-02 09:00"))
        let notRun = try run.deviation(.notRun, "hasilkan-dan-simpan")
        #expect(run.state?.deviations.count == 1)
        #expect(notRun.notRunCause == .cancelled)
        #expect(notRun.answerable == nil)
        #expect(notRun.answerableRole == "ppid")
        #expect(notRun.severity == .failure)
        #expect(!notRun.accountRequired)
        #expect(notRun.detectedAt == (try run.local("03-02 08:20")))
        // No superior: only a holder of the owner role accounts.
        let ppid = run.officer("198102022006021002", "Budi", "ppid")
        #expect(throws: EngineError.notAnswerable(notRun.id, answerable: nil, role: "ppid", superior: nil,
                                                  officerRoles: ["ppid-pelaksana"])) {
            try Engine.decide(.accountDeviation(id: notRun.id, reason: "x"), state: run.state, procedure: run.procedure,
                              officer: pelaksana, now: run.local("03-02 09:30"))
        }
        try run.run(.accountDeviation(id: notRun.id, reason: "Permintaan ditarik"), by: ppid, at: run.local("03-02 09:30"))
    }

    @Test("an instance with no work for more than 5 Hari is not run; its overdue step is a notice", arguments: files)
    func stalled(file: String) throws {
        var run = try ShippedRun(file)
        let pelaksana = run.officer("198001012005011001", "Ani", "ppid-pelaksana")
        try run.start(by: pelaksana, at: run.local("03-02 08:00"))
        // 5 Hari = 2250 working minutes = one working week: Mon 08:00 → Mon 08:00.
        try run.check(at: run.local("03-09 08:00"))
        #expect(run.state?.deviations.map(\.kind) == [.late])
        try run.check(at: run.local("03-09 08:01"))
        let notRun = try run.deviation(.notRun, "hasilkan-dan-simpan")
        #expect(notRun.notRunCause == .stalled && notRun.answerableRole == "ppid" && notRun.answerable == nil)
        #expect(notRun.detectedAt == (try run.local("03-09 08:01")))
        let late = try run.deviation(.late, "hasilkan-dan-simpan")
        #expect(late.severity == .notice && !late.accountRequired && late.answerableRole == "ppid-pelaksana")
    }

    @Test("a late step is a notice against its executor, no account demanded", arguments: files)
    func lateNotice(file: String) throws {
        var run = try ShippedRun(file)
        let pelaksana = run.officer("198001012005011001", "Ani", "ppid-pelaksana")
        try run.start(by: pelaksana, at: run.local("03-02 08:00"))
        try run.complete(by: pelaksana, at: run.local("03-02 09:30"))
        try run.check(at: run.local("03-02 09:30"))
        let late = try run.deviation(.late, "hasilkan-dan-simpan")
        #expect(late.minutesOver == 30)
        #expect(late.severity == .notice)
        #expect(!late.accountRequired)
        #expect(late.answerable == ActingOfficer(pelaksana))
        #expect(run.state?.deviations.count == 1)
    }

    @Test("the lunch break does not count: 10:30 to 13:30 is 2 working hours")
    func breakNotCounted() throws {
        var run = try ShippedRun(ShippedRun.kaltim)
        let pelaksana = run.officer("198001012005011001", "Ani", "ppid-pelaksana")
        try run.start(by: pelaksana, at: run.local("03-02 10:30"))
        try run.complete(by: pelaksana, at: run.local("03-02 13:30"))
        try run.check(at: run.local("03-02 13:30"))
        #expect(try run.deviation(.late, "hasilkan-dan-simpan").minutesOver == 60)
    }
}

@Suite("Deviations: kinds the engine cannot produce, and rework")
struct DeviationDetectorRulesTests {
    @Test("role-override and out-of-order are never found: the engine refuses both")
    func refusedKinds() throws {
        var run = try ShippedRun(ShippedRun.kalsel)
        let ppid = run.officer("198001012005011001", "Ani", "ppid")
        try run.start(by: ppid, at: run.local("03-02 08:00"))
        for _ in 0..<2 { try run.complete(by: ppid, at: run.local("03-02 10:00"), withholding: ["disposisi-surat-pengantar"]) }
        let state = try #require(run.state)
        let kinds = Set(DeviationDetector.deviations(in: state, procedure: run.procedure, calendar: run.calendar,
                                                     at: try run.local("03-05 10:00")).map(\.kind))
        #expect(kinds == [.late, .missingRequirement, .notRun])
    }

    @Test("a kind without a rule is not counted")
    func noRule() throws {
        var run = try ShippedRun(ShippedRun.kalsel)
        var procedure = run.procedure
        procedure.deviationPolicy.rules = []
        let ppid = run.officer("198001012005011001", "Ani", "ppid")
        try run.start(by: ppid, at: run.local("03-02 08:00"))
        let state = try #require(run.state)
        #expect(DeviationDetector.deviations(in: state, procedure: procedure, calendar: run.calendar,
                                             at: try run.local("03-09 08:00")).isEmpty)
    }

    @Test("a reworked step's activations are numbered; a return ends an activation")
    func rework() throws {
        var run = InstanceRun(Fixtures.review)
        try run.run(.start(instanceID: run.id, definitionHash: Fixtures.hash, agencyID: Fixtures.agency), by: Fixtures.staf,
                    after: 0)
        try run.run(.complete(outputs: [.text("berkas", "B/1")]), by: Fixtures.staf, after: 40)
        try run.run(.complete(outcome: "tidak"), by: Fixtures.verifikator, after: 5)
        try run.run(.complete(outputs: [.text("berkas", "B/2")]), by: Fixtures.staf, after: 45)
        let state = try #require(run.state)
        let calendar = try ShippedCalendar.asn()
        var procedure = Fixtures.review
        procedure.deviationPolicy.rules = [DeviationRule(kind: .late)]
        let found = DeviationDetector.deviations(in: state, procedure: procedure, calendar: calendar, at: run.now)
        #expect(found.map(\.id.rawValue) == ["INS-0001/late/siapkan/1", "INS-0001/late/siapkan/2"])
        #expect(found.map(\.minutesOver) == [10, 15])
        #expect(found.map(\.occurrence) == [1, 2])
        #expect(DeviationID(instance: "A/B", kind: .late, step: "s", occurrence: 2).rawValue == "A/B/late/s/2")
    }
}
