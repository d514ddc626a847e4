import Foundation
import Testing
@testable import SOPCore

@Suite("Engine: refusing commands, with the reason as data")
struct EngineRefusalTests {
    /// An instance of the review procedure waiting at the decision step.
    private func atDecision() throws -> InstanceRun {
        var run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        try run.run(.complete(outputs: [Fixtures.file("berkas")]), by: Fixtures.staf)
        return run
    }

    /// Checks the refusal and that the run did not move.
    private func expectRefused(_ command: EngineCommand, by officer: Officer, in run: InstanceRun,
                               as expected: EngineError, sourceLocation: SourceLocation = #_sourceLocation) {
        var attempt = run
        let error = attempt.refusal(command, by: officer)
        #expect(error == expected, sourceLocation: sourceLocation)
        #expect(attempt.state == run.state, sourceLocation: sourceLocation)
        #expect(attempt.events == run.events, sourceLocation: sourceLocation)
    }

    @Test("an officer without the step's role is refused, with the roles they do hold")
    func wrongRole() throws {
        let run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        expectRefused(.complete(requirements: [Fixtures.file("surat-permohonan")]), by: Fixtures.pengolah, in: run,
                      as: .wrongRole(step: "terima", required: "petugas", officerRoles: ["pengolah"]))
    }

    @Test("an officer with no role in this agency is refused", arguments: [Fixtures.stranger, Fixtures.nobody])
    func noRoleInAgency(officer: Officer) throws {
        let run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        expectRefused(.complete(requirements: [Fixtures.file("surat-permohonan")]), by: officer, in: run,
                      as: .wrongRole(step: "terima", required: "petugas", officerRoles: []))
        expectRefused(.cancel(reason: "x"), by: officer, in: run,
                      as: .notAParticipant(procedureRoles: ["petugas", "pengolah"], officerRoles: []))
        expectRefused(.addNote(text: "x"), by: officer, in: run,
                      as: .notAParticipant(procedureRoles: ["petugas", "pengolah"], officerRoles: []))
        var fresh = InstanceRun(Fixtures.linear)
        #expect(fresh.refusal(.start(instanceID: "X", definitionHash: Fixtures.hash, agencyID: Fixtures.agency),
                              by: officer) == .notAParticipant(procedureRoles: ["petugas", "pengolah"], officerRoles: []))
    }

    @Test("naming a step that is not active is refused")
    func inactiveStep() throws {
        let run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        expectRefused(.complete(step: "proses"), by: Fixtures.pengolah, in: run,
                      as: .stepNotActive(step: "proses", active: "terima"))
        expectRefused(.complete(step: "tidak-ada"), by: Fixtures.petugas, in: run,
                      as: .unknownStep("tidak-ada", known: ["terima", "proses", "arsip"]))
    }

    @Test("a decision needs one of its outcome labels")
    func decisionOutcome() throws {
        let run = try atDecision()
        expectRefused(.complete(), by: Fixtures.verifikator, in: run,
                      as: .outcomeRequired(step: "periksa", valid: ["ya", "tidak"]))
        expectRefused(.complete(outcome: "mungkin"), by: Fixtures.verifikator, in: run,
                      as: .unknownOutcome("mungkin", valid: ["ya", "tidak"]))
    }

    @Test("a step that is not a decision takes no outcome")
    func outcomeOnNonDecision() throws {
        let run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        expectRefused(.complete(outcome: "ya"), by: Fixtures.staf, in: run, as: .outcomeNotAllowed(step: "siapkan"))
    }

    @Test("a time later than now is refused")
    func timeInFuture() throws {
        let run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        let future = Fixtures.minutes(60)
        let now = Fixtures.minutes(5, after: run.now)
        for command: EngineCommand in [.complete(at: future), .addNote(text: "x", at: future),
                                       .cancel(reason: "x", at: future)] {
            expectRefused(command, by: Fixtures.staf, in: run, as: .timeInFuture(at: future, now: now))
        }
        var fresh = InstanceRun(Fixtures.review)
        #expect(fresh.refusal(.start(instanceID: "X", definitionHash: Fixtures.hash, agencyID: Fixtures.agency, at: future),
                              by: Fixtures.staf) == .timeInFuture(at: future, now: Fixtures.minutes(5)))
    }

    @Test("a time before the instance's previous event is refused; equal is allowed")
    func beforePreviousEvent() throws {
        var run = InstanceRun(Fixtures.review)
        let startedAt = Fixtures.minutes(2)
        try run.run(.start(instanceID: run.id, definitionHash: Fixtures.hash, agencyID: Fixtures.agency, at: startedAt),
                    by: Fixtures.staf, after: 30)
        let early = Fixtures.minutes(1)
        expectRefused(.complete(at: early), by: Fixtures.staf, in: run, as: .beforePreviousEvent(at: early, previous: startedAt))
        try run.run(.complete(at: startedAt), by: Fixtures.staf)
        #expect(run.state?.lastOccurredAt == startedAt)
    }

    @Test("a done or cancelled instance takes no more steps, returns or cancellations",
          arguments: [InstanceStatus.done, .cancelled])
    func closedInstance(status: InstanceStatus) throws {
        var run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        if status == .cancelled {
            try run.run(.cancel(reason: "Batal"), by: Fixtures.staf)
        } else {
            try run.run(.complete(), by: Fixtures.staf)
            try run.run(.complete(outcome: "ya"), by: Fixtures.verifikator)
            try run.run(.complete(), by: Fixtures.staf)
        }
        #expect(run.state?.status == status)
        expectRefused(.complete(), by: Fixtures.staf, in: run, as: .instanceClosed(status))
        expectRefused(.returnTo(step: "siapkan", reason: "x"), by: Fixtures.staf, in: run, as: .instanceClosed(status))
        expectRefused(.cancel(reason: "x"), by: Fixtures.staf, in: run, as: .instanceClosed(status))
    }

    @Test("a return goes only to an earlier step already completed in this instance")
    func badReturnTarget() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        expectRefused(.returnTo(step: "terima", reason: "x"), by: Fixtures.petugas, in: run,
                      as: .returnTargetInvalid("terima", allowed: []))
        try run.run(.complete(requirements: [Fixtures.file("surat-permohonan")]), by: Fixtures.petugas)
        expectRefused(.returnTo(step: "arsip", reason: "x"), by: Fixtures.pengolah, in: run,
                      as: .returnTargetInvalid("arsip", allowed: ["terima"]))
        expectRefused(.returnTo(step: "proses", reason: "x"), by: Fixtures.pengolah, in: run,
                      as: .returnTargetInvalid("proses", allowed: ["terima"]))
        expectRefused(.returnTo(step: "terima", reason: "   "), by: Fixtures.pengolah, in: run, as: .reasonRequired)
        expectRefused(.returnTo(step: "terima", reason: "x"), by: Fixtures.petugas, in: run,
                      as: .wrongRole(step: "proses", required: "pengolah", officerRoles: ["petugas"]))
    }

    @Test("cancelling needs a reason; a note needs text")
    func emptyTexts() throws {
        let run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        expectRefused(.cancel(reason: " \n"), by: Fixtures.petugas, in: run, as: .reasonRequired)
        expectRefused(.addNote(text: ""), by: Fixtures.petugas, in: run, as: .noteTextRequired)
    }

    @Test("commands need the right instance lifecycle and definition")
    func lifecycleMisuse() throws {
        let run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        expectRefused(.start(instanceID: run.id, definitionHash: Fixtures.hash, agencyID: Fixtures.agency),
                      by: Fixtures.petugas, in: run, as: .instanceAlreadyStarted(run.id))
        var fresh = InstanceRun(Fixtures.linear)
        #expect(fresh.refusal(.complete(), by: Fixtures.petugas) == .instanceNotStarted)
        #expect(throws: EngineError.definitionMismatch(instance: "pos-linear", instanceVersion: "1",
                                                       given: "pos-review", givenVersion: "1")) {
            try Engine.decide(.addNote(text: "x"), state: run.state, procedure: Fixtures.review,
                              officer: Fixtures.petugas, now: Fixtures.minutes(60))
        }
    }

    @Test("every refusal explains itself in English as a fallback")
    func descriptions() {
        let error = EngineError.unknownOutcome("mungkin", valid: ["ya", "tidak"])
        #expect(error.description == "unknown outcome 'mungkin'; valid outcomes: 'ya', 'tidak'")
        #expect(EngineError.wrongRole(step: "terima", required: "petugas", officerRoles: []).description
                == "step 'terima' needs role 'petugas'; the officer holds no role in this agency")
        #expect(EngineError.timeInFuture(at: Fixtures.minutes(60), now: Fixtures.t0).description
                == "the time 2026-01-05T02:00:00Z is in the future (now is 2026-01-05T01:00:00Z)")
    }
}
