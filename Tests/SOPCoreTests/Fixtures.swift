import Foundation
@testable import SOPCore

/// Small procedures, officers and fixed times for engine tests. Nothing here reads the wall clock.
enum Fixtures {
    static let agency = "dinas-contoh"
    static let otherAgency = "dinas-lain"
    static let hash = String(repeating: "ab", count: 32)

    /// 2026-01-05T01:00:00Z (a Monday, 09:00 WITA).
    static let t0 = Date(timeIntervalSince1970: 1_767_574_800)

    static func minutes(_ count: Double, after date: Date = t0) -> Date { date.addingTimeInterval(count * 60) }

    static let sha = String(repeating: "0f", count: 32)
    static func file(_ id: ItemID, name: String = "berkas.pdf") -> EvidenceItem {
        .file(id, sha256: sha, name: name, size: 1_024, mediaType: "application/pdf")
    }

    private static func base(id: ProcedureID, actors: [Actor], steps: [Step]) -> Procedure {
        Procedure(id: id, version: "1", agency: Agency(id: agency, name: "Dinas Contoh"), number: "001", name: "POS Contoh",
                  dates: ProcedureDates(), approver: Approver(title: "Kepala Dinas", name: "Kepala"),
                  calendar: CalendarReference(timeZone: "Asia/Makassar", name: "test"), actors: actors, steps: steps)
    }

    private static func limit(_ minutes: Int) -> TimeLimit { TimeLimit(minutes: minutes, sourceText: "\(minutes) menit") }

    /// terima (petugas) → proses (pengolah) → arsip (petugas). `terima` has a mandatory requirement;
    /// `proses` takes `terima`'s receipt through an explicit `from` chain.
    static let linear = base(
        id: "pos-linear",
        actors: [Actor(id: "petugas", name: "Petugas"), Actor(id: "pengolah", name: "Pengolah")],
        steps: [
            Step(id: "terima", number: "1", activity: "Menerima permohonan", actor: "petugas",
                 requirements: [Requirement(id: "surat-permohonan", text: "Surat permohonan", mandatory: true, external: true),
                                Requirement(id: "ktp", text: "Fotokopi KTP", external: true)],
                 timeLimit: limit(15), outputs: [StepOutput(id: "tanda-terima", text: "Tanda terima")]),
            Step(id: "proses", number: "2", activity: "Memproses permohonan", actor: "pengolah",
                 requirements: [Requirement(id: "tanda-terima", text: "Tanda terima",
                                            from: OutputReference(step: "terima", output: "tanda-terima"))],
                 timeLimit: limit(60), outputs: [StepOutput(id: "surat-balasan", text: "Surat balasan"),
                                                 StepOutput(id: "nomor-agenda", text: "Nomor agenda")]),
            Step(id: "arsip", number: "3", activity: "Mengarsipkan", actor: "petugas",
                 requirements: [Requirement(id: "surat-balasan", text: "Surat balasan")],
                 timeLimit: limit(10)),
        ])

    /// siapkan (staf) → periksa (verifikator), a decision "Lengkap?": ya → arsipkan, tidak → back to siapkan.
    static let review = base(
        id: "pos-review",
        actors: [Actor(id: "staf", name: "Staf"), Actor(id: "verifikator", name: "Verifikator")],
        steps: [
            Step(id: "siapkan", number: "1", activity: "Menyiapkan berkas", actor: "staf",
                 timeLimit: limit(30), outputs: [StepOutput(id: "berkas", text: "Berkas")]),
            Step(id: "periksa", number: "2", activity: "Memeriksa kelengkapan", actor: "verifikator",
                 requirements: [Requirement(id: "berkas", text: "Berkas", from: OutputReference(step: "siapkan", output: "berkas"))],
                 timeLimit: limit(20),
                 flow: .decision(question: "Lengkap?", outcomes: [
                     DecisionOutcome(label: "ya", target: .step("arsipkan")),
                     DecisionOutcome(label: "tidak", target: .step("siapkan")),
                 ])),
            Step(id: "arsipkan", number: "3", activity: "Mengarsipkan berkas", actor: "staf", timeLimit: limit(10)),
        ])

    static func officer(_ nip: String, _ name: String, _ roles: ActorID..., agency: String = agency) -> Officer {
        Officer(nip: nip, name: name, grants: roles.map { RoleGrant(agencyID: agency, role: $0) })
    }

    static let petugas = officer("198001012005011001", "Ani Petugas", "petugas")
    static let pengolah = officer("198102022006021002", "Budi Pengolah", "pengolah")
    static let staf = officer("198203032007031003", "Citra Staf", "staf")
    static let verifikator = officer("198304042008041004", "Dedi Verifikator", "verifikator")
    /// Holds the right role, but in another agency.
    static let stranger = officer("198405052009051005", "Eka Luar", "petugas", "pengolah", "staf", "verifikator",
                                  agency: otherAgency)
    static let nobody = Officer(nip: "198506062010061006", name: "Fajar Tanpa Peran")
}

/// The fixture procedures by name, so parameterised tests print a short argument.
enum FixtureProcedure: String, CaseIterable, Sendable {
    case linear, review
    var procedure: Procedure {
        switch self {
        case .linear: Fixtures.linear
        case .review: Fixtures.review
        }
    }
}

/// Drives one instance through the engine the way the command line will: decide, then fold.
struct InstanceRun {
    let procedure: Procedure
    var id: InstanceID = "INS-0001"
    var now: Date = Fixtures.t0
    private(set) var events: [InstanceEvent] = []
    private(set) var state: InstanceState?

    init(_ procedure: Procedure, id: InstanceID = "INS-0001") {
        self.procedure = procedure
        self.id = id
    }

    /// Moves the test clock on and runs a command; on refusal nothing changes.
    @discardableResult
    mutating func run(_ command: EngineCommand, by officer: Officer, after minutes: Double = 5) throws(EngineError) -> [InstanceEvent] {
        now = Fixtures.minutes(minutes, after: now)
        let transition = try Engine.execute(command, state: state, procedure: procedure, officer: officer, now: now)
        events += transition.events
        state = transition.state
        return transition.events
    }

    /// The error a command is refused with, or nil if it was accepted (the clock moves on either way).
    mutating func refusal(_ command: EngineCommand, by officer: Officer, after minutes: Double = 5) -> EngineError? {
        do {
            try run(command, by: officer, after: minutes)
            return nil
        } catch {
            return error
        }
    }

    static func started(_ procedure: Procedure, by officer: Officer) throws -> InstanceRun {
        var run = InstanceRun(procedure)
        try run.run(.start(instanceID: run.id, definitionHash: Fixtures.hash, agencyID: Fixtures.agency, title: "Permohonan 1"),
                    by: officer)
        return run
    }
}
