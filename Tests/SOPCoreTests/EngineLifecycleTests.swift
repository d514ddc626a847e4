import Foundation
import Testing
@testable import SOPCore

@Suite("Engine: running an instance through its steps")
struct EngineLifecycleTests {
    @Test("a linear procedure runs from start to done")
    func linearRunToDone() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        var state = try #require(run.state)
        #expect(state.status == .open)
        #expect(state.activeStep == "terima")
        #expect(state.activeActor == "petugas")
        #expect(state.title == "Permohonan 1")
        #expect(state.definitionHash == Fixtures.hash)

        try run.run(.complete(requirements: [Fixtures.file("surat-permohonan"), Fixtures.file("ktp", name: "ktp.jpg")],
                              outputs: [.text("tanda-terima", "TT-001/2026")]), by: Fixtures.petugas)
        state = try #require(run.state)
        #expect(state.activeStep == "proses")
        #expect(state.activeActor == "pengolah")
        #expect(state.activeSince == run.now)

        try run.run(.complete(step: "proses", outputs: [Fixtures.file("surat-balasan"), .text("nomor-agenda", "123/DC/2026")]),
                    by: Fixtures.pengolah)
        try run.run(.complete(requirements: [.text("surat-balasan", "123/DC/2026")]), by: Fixtures.petugas)

        state = try #require(run.state)
        #expect(state.status == .done)
        #expect(state.activeStep == nil)
        #expect(state.activeActor == nil)
        #expect(state.activeSince == nil)
        #expect(state.completions.map(\.step) == ["terima", "proses", "arsip"])
        #expect(state.completions.last?.next == .end)
        #expect(state.lastSequence == 4)
        #expect(run.events.map(\.sequence) == [1, 2, 3, 4])
        #expect(run.events.map(\.kind) == [.started, .stepCompleted, .stepCompleted, .stepCompleted])
    }

    @Test("events carry the officer, the role and both times")
    func eventsCarryWhoAndWhen() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        let recordedAt = Fixtures.minutes(120)
        let doneAt = Fixtures.minutes(30)
        run.now = Fixtures.minutes(115)
        let events = try run.run(.complete(requirements: [Fixtures.file("surat-permohonan")], at: doneAt),
                                 by: Fixtures.petugas)
        let event = try #require(events.first)
        #expect(event.officer == ActingOfficer(nip: "198001012005011001", name: "Ani Petugas"))
        #expect(event.role == "petugas")
        #expect(event.occurredAt == doneAt)
        #expect(event.recordedAt == recordedAt)
        #expect(event.instanceID == "INS-0001")
        #expect(run.state?.activeSince == doneAt)
    }

    @Test("a decision's 'tidak' sends the work back for rework, 'ya' goes on to the end")
    func decisionReworkLoop() throws {
        var run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        try run.run(.complete(outputs: [Fixtures.file("berkas")]), by: Fixtures.staf)
        try run.run(.complete(outcome: "tidak", note: "Lampiran kurang"), by: Fixtures.verifikator)
        #expect(run.state?.activeStep == "siapkan")
        #expect(run.state?.status == .open)

        try run.run(.complete(outputs: [Fixtures.file("berkas", name: "berkas-v2.pdf")]), by: Fixtures.staf)
        try run.run(.complete(outcome: "ya"), by: Fixtures.verifikator)
        #expect(run.state?.activeStep == "arsipkan")
        try run.run(.complete(), by: Fixtures.staf)

        let state = try #require(run.state)
        #expect(state.status == .done)
        #expect(state.completions.map(\.step) == ["siapkan", "periksa", "siapkan", "periksa", "arsipkan"])
        #expect(state.completions.map(\.outcome) == [nil, "tidak", nil, "ya", nil])
        #expect(state.completions[1].note == "Lampiran kurang")
        #expect(state.completions[1].next == .step("siapkan"))
    }

    @Test("a return makes an earlier completed step active again, with the reason kept")
    func returnForRework() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        try run.run(.complete(requirements: [Fixtures.file("surat-permohonan")]), by: Fixtures.petugas)
        #expect(run.state?.returnTargets(in: Fixtures.linear) == ["terima"])
        try run.run(.returnTo(step: "terima", reason: "  Berkas tidak terbaca  "), by: Fixtures.pengolah)

        let state = try #require(run.state)
        #expect(state.activeStep == "terima")
        #expect(state.activeActor == "petugas")
        #expect(state.activeSince == run.now)
        #expect(state.returns.count == 1)
        #expect(state.returns.first?.from == "proses")
        #expect(state.returns.first?.reason == "Berkas tidak terbaca")
        #expect(run.events.last?.role == "pengolah")
    }

    @Test("cancelling closes the instance and keeps the step it stopped at")
    func cancel() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        try run.run(.cancel(reason: "Permohonan dicabut"), by: Fixtures.pengolah)
        let state = try #require(run.state)
        #expect(state.status == .cancelled)
        #expect(state.activeStep == nil)
        #expect(state.cancellation?.step == "terima")
        #expect(state.cancellation?.reason == "Permohonan dicabut")
        #expect(run.events.last?.role == "pengolah")
    }

    @Test("notes change nothing in the flow and are allowed after the end")
    func notes() throws {
        var run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        try run.run(.addNote(text: "Menunggu lampiran"), by: Fixtures.verifikator)
        #expect(run.state?.activeStep == "siapkan")
        #expect(run.state?.notes.first?.step == "siapkan")
        #expect(run.events.last?.role == "verifikator")
        try run.run(.cancel(reason: "Batal"), by: Fixtures.staf)
        try run.run(.addNote(text: "Dibatalkan atas permintaan pemohon"), by: Fixtures.staf)
        #expect(run.state?.notes.map(\.step) == ["siapkan", nil])
        #expect(run.state?.status == .cancelled)
    }

    @Test("an earlier output named by a requirement's 'from' is carried, not reported missing")
    func carriedRequirement() throws {
        var run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        try run.run(.complete(outputs: [.text("berkas", "B-1")]), by: Fixtures.staf)
        let events = try run.run(.complete(outcome: "ya"), by: Fixtures.verifikator)
        guard case .stepCompleted(let completed) = events.first?.payload else {
            Issue.record("expected a step-completed event"); return
        }
        #expect(completed.requirements == [EvidenceItem(id: "berkas", content: .text("B-1"),
                                                        carriedFrom: OutputReference(step: "siapkan", output: "berkas"))])
        #expect(completed.missingRequirements.isEmpty)
    }

    @Test("an instance runs in the definition's agency unless another is named")
    func defaultAgency() throws {
        var run = InstanceRun(Fixtures.linear)
        try run.run(.start(instanceID: run.id, definitionHash: Fixtures.hash), by: Fixtures.petugas)
        #expect(run.state?.agencyID == Fixtures.agency)
        var elsewhere = InstanceRun(Fixtures.linear)
        try elsewhere.run(.start(instanceID: run.id, definitionHash: Fixtures.hash, agencyID: Fixtures.otherAgency),
                          by: Fixtures.stranger)
        #expect(elsewhere.state?.agencyID == Fixtures.otherAgency)
        #expect(elsewhere.refusal(.complete(requirements: [Fixtures.file("surat-permohonan")]), by: Fixtures.petugas)
                == .wrongRole(step: "terima", required: "petugas", officerRoles: []))
    }

    @Test("the start records the first step's role when the officer holds it, else another of theirs")
    func startRole() throws {
        let run = try InstanceRun.started(Fixtures.linear, by: Fixtures.pengolah)
        #expect(run.events.first?.role == "pengolah")
        guard case .started(let started) = run.events.first?.payload else {
            Issue.record("expected a started event"); return
        }
        #expect(started == .init(procedureID: "pos-linear", version: "1", definitionHash: Fixtures.hash,
                                 agencyID: Fixtures.agency, title: "Permohonan 1", firstStep: "terima"))
    }
}
