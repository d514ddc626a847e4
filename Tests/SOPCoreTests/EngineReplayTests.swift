import Foundation
import Testing
@testable import SOPCore

@Suite("Engine: state is derived from events and must agree")
struct EngineReplayTests {
    /// A history with every kind of event: start, completions, a decision loop, a return, a note, cancellation.
    static func busyRun() throws -> InstanceRun {
        var run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        try run.run(.complete(outputs: [Fixtures.file("berkas")], note: "Versi pertama"), by: Fixtures.staf)
        try run.run(.complete(outcome: "tidak"), by: Fixtures.verifikator)
        try run.run(.addNote(text: "Lampiran menyusul"), by: Fixtures.staf)
        try run.run(.complete(outputs: [.text("berkas", "B-2")]), by: Fixtures.staf)
        try run.run(.returnTo(step: "siapkan", reason: "Salah berkas"), by: Fixtures.verifikator)
        try run.run(.complete(outputs: [.text("berkas", "B-3")], at: Fixtures.minutes(31)), by: Fixtures.staf, after: 10)
        try run.run(.cancel(reason: "Dicabut"), by: Fixtures.verifikator)
        return run
    }

    @Test("replaying the events gives the state built command by command")
    func replayMatchesIncremental() throws {
        let run = try Self.busyRun()
        let replayed = try InstanceState.replay(run.events, procedure: Fixtures.review)
        #expect(replayed == run.state)
        for count in 1...run.events.count {
            _ = try InstanceState.replay(Array(run.events.prefix(count)), procedure: Fixtures.review)
        }
    }

    @Test("each event survives the trip through a stored record")
    func recordRoundTrip() throws {
        let run = try Self.busyRun()
        for event in run.events {
            let record = try event.record()
            #expect(record.kind == event.kind.rawValue)
            #expect(record.sequence == event.sequence)
            #expect(record.officerNIP == event.officer?.nip)
            #expect(record.role == event.role)
            #expect(try InstanceEvent(record: record) == event)
        }
        let records = try run.events.map { try $0.record() }
        #expect(try InstanceState.replay(InstanceEvent.events(from: records), procedure: Fixtures.review) == run.state)
    }

    @Test("the cached header is the state's summary")
    func header() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        try run.run(.complete(requirements: [Fixtures.file("surat-permohonan")]), by: Fixtures.petugas)
        let state = try #require(run.state)
        #expect(state.header() == InstanceHeader(
            id: "INS-0001", procedureID: "pos-linear", procedureVersion: "1", definitionHash: Fixtures.hash,
            agencyID: Fixtures.agency, title: "Permohonan 1", status: .open, activeStep: "proses",
            activeActor: "pengolah", activeSince: Fixtures.minutes(10), startedAt: Fixtures.minutes(5),
            updatedAt: Fixtures.minutes(10), lastSequence: 2))
        #expect(try InstanceState.replay(run.events, procedure: Fixtures.linear).header() == state.header())
    }

    @Test("a history that contradicts itself or the definition is refused")
    func inconsistentHistories() throws {
        let run = try Self.busyRun()
        let events = run.events
        let procedure = Fixtures.review

        #expect(throws: ReplayError.noEvents) { try InstanceState.replay([], procedure: procedure) }
        #expect(throws: ReplayError.firstEventNotStarted(.stepCompleted)) {
            try InstanceState.replay(Array(events.dropFirst()), procedure: procedure)
        }
        var gap = events
        gap.remove(at: 2)
        #expect(throws: ReplayError.sequenceGap(expected: 3, found: 4)) { try InstanceState.replay(gap, procedure: procedure) }

        var foreign = events
        foreign[1].instanceID = "INS-9999"
        #expect(throws: ReplayError.foreignEvent(expected: "INS-0001", found: "INS-9999", sequence: 2)) {
            try InstanceState.replay(foreign, procedure: procedure)
        }

        var backwards = events
        backwards[1].occurredAt = Fixtures.t0
        #expect(throws: ReplayError.timeWentBackwards(sequence: 2, at: Fixtures.t0, previous: Fixtures.minutes(5))) {
            try InstanceState.replay(backwards, procedure: procedure)
        }

        var wrongTarget = events
        if case .stepCompleted(var completed) = wrongTarget[2].payload {
            completed.next = .end
            wrongTarget[2].payload = .stepCompleted(completed)
        }
        #expect(throws: ReplayError.targetDisagrees(step: "periksa", recorded: .end, expected: .step("siapkan"), sequence: 3)) {
            try InstanceState.replay(wrongTarget, procedure: procedure)
        }

        // Items the step does not name, delivered or listed missing, on either side.
        let strayItems: [(inout InstanceEventPayload.StepCompleted) -> Void] = [
            { $0.outputs[0] = .text("berkas-lain", "X") },
            { $0.missingOutputs = ["berkas", "catatan"] },
            { $0.requirements = [.text("surat", "S-1")] },
            { $0.missingRequirements = ["surat"] },
        ]
        for (index, stray) in strayItems.enumerated() {
            var changed = events
            guard case .stepCompleted(var completed) = changed[1].payload else { Issue.record("event 2"); break }
            stray(&completed)
            changed[1].payload = .stepCompleted(completed)
            let item: ItemID = [0: "berkas-lain", 1: "catatan"][index] ?? "surat"
            #expect(throws: ReplayError.unknownItem(item, step: "siapkan", sequence: 2), "case \(index)") {
                try InstanceState.replay(changed, procedure: procedure)
            }
        }

        #expect(throws: ReplayError.definitionMismatch(recorded: "pos-review", recordedVersion: "1",
                                                       given: "pos-linear", givenVersion: "1")) {
            try InstanceState.replay(events, procedure: Fixtures.linear)
        }

        var afterClose = events
        var extra = events[2]
        extra.sequence = events.count + 1
        extra.occurredAt = run.now
        afterClose.append(extra)
        #expect(throws: ReplayError.eventAfterClose(.stepCompleted, status: .cancelled, sequence: events.count + 1)) {
            try InstanceState.replay(afterClose, procedure: procedure)
        }
    }

    @Test("a stored record this version cannot read is reported, not guessed at")
    func unreadableRecords() throws {
        let run = try Self.busyRun()
        var record = try run.events[1].record()
        record.kind = "evidence-shredded"
        #expect(throws: EventCodingError.unknownKind("evidence-shredded", sequence: 2)) { try InstanceEvent(record: record) }

        record.kind = "returned"
        #expect(throws: EventCodingError.self) { try InstanceEvent(record: record) }

        var anonymous = try run.events[1].record()
        anonymous.officerNIP = nil
        #expect(throws: EventCodingError.malformedPayload(kind: .stepCompleted, sequence: 2,
                                                          detail: "officerName without an officer NIP")) {
            try InstanceEvent(record: anonymous)
        }
    }

    @Test("an unreadable value deep in a payload is named by its path")
    func nestedPathInError() throws {
        let run = try Self.busyRun()
        var record = try run.events[1].record()
        let text = String(decoding: record.payload, as: UTF8.self)
        // The first output's id becomes a number.
        let broken = text.replacingOccurrences(of: #""outputs":[{"id":"#, with: #""outputs":[{"id":7,"x":"#)
        try #require(broken != text, "the fixture's step-completed payload lists an output")
        record.payload = Data(broken.utf8)
        do {
            _ = try InstanceEvent(record: record)
            Issue.record("accepted \(broken)")
        } catch {
            guard case .malformedPayload(.stepCompleted, 2, let detail) = error else { Issue.record("\(error)"); return }
            #expect(detail == "payload.outputs[0].id is a number, expected a string")
        }
    }
}
