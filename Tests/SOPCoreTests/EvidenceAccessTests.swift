import Foundation
import Testing
@testable import SOPCore

/// `evidence-read` and `evidence-refused`: records of who saw which file, outside the flow.
@Suite("Engine: evidence reads and refusals")
struct EvidenceAccessTests {
    /// A review run whose first completion recorded the file `berkas`, then cancelled.
    static func cancelledRun() throws -> InstanceRun {
        var run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        try run.run(.complete(outputs: [Fixtures.file("berkas")]), by: Fixtures.staf)
        try run.run(.cancel(reason: "Dicabut"), by: Fixtures.verifikator)
        return run
    }

    @Test("only holders of a role of the procedure in the instance's agency may read")
    func readingRole() throws {
        let run = try Self.cancelledRun()
        let state = try #require(run.state)
        #expect(Engine.evidenceReadingRole(of: Fixtures.verifikator, state: state, procedure: Fixtures.review) == "verifikator")
        #expect(Engine.evidenceReadingRole(of: Fixtures.nobody, state: state, procedure: Fixtures.review) == nil)
        let elsewhere = Fixtures.officer("198901012015011009", "Gita", "staf", agency: Fixtures.otherAgency)
        #expect(Engine.evidenceReadingRole(of: elsewhere, state: state, procedure: Fixtures.review) == nil)
    }

    @Test("files are found by item id or SHA-256, latest first; text items are not files")
    func findsFiles() throws {
        let state = try #require(try Self.cancelledRun().state)
        #expect(Engine.evidenceFiles(matching: "berkas", in: state).map(\.item) == ["berkas"])
        #expect(Engine.evidenceFiles(matching: Fixtures.sha, in: state).map(\.file.sha256) == [Fixtures.sha])
        #expect(Engine.evidenceFiles(matching: "nope", in: state).isEmpty)
    }

    @Test("reads and refusals are accepted after the end, change nothing in the flow, and survive storage")
    func afterEnd() throws {
        let run = try Self.cancelledRun()
        let state = try #require(run.state)
        let later = Fixtures.minutes(60, after: run.now)
        let read = try Engine.recordEvidenceAccess(
            EvidenceAccess(reader: Fixtures.verifikator.nip, requested: "berkas", item: "berkas", sha256: Fixtures.sha),
            granted: true, officer: Fixtures.verifikator, role: "verifikator", state: state, procedure: Fixtures.review, now: later)
        let refused = try Engine.recordEvidenceAccess(
            EvidenceAccess(reader: "199901012020011001", requested: "berkas", reason: "unknown-officer"),
            granted: false, officer: nil, role: nil, state: read.state, procedure: Fixtures.review, now: later)
        let events = run.events + read.events + refused.events
        #expect(events.suffix(2).map(\.kind) == [.evidenceRead, .evidenceRefused])
        var expected = state
        expected.lastSequence = state.lastSequence + 2
        expected.lastRecordedAt = later
        #expect(refused.state == expected, "status, steps and lastOccurredAt are untouched")
        let records = try events.map { try $0.record() }
        #expect(String(decoding: records[records.count - 1].payload, as: UTF8.self)
                == #"{"reader":"199901012020011001","reason":"unknown-officer","requested":"berkas"}"#)
        #expect(try InstanceState.replay(InstanceEvent.events(from: records), procedure: Fixtures.review) == refused.state)
    }
}
