import Foundation
import Testing
@testable import SOPCore

@Suite("Engine: the stored JSON of events is stable")
struct EngineEventCodingTests {
    private func json(_ payload: InstanceEventPayload, officer: ActingOfficer? = ActingOfficer(nip: "1", name: "Ani")) throws -> String {
        let event = InstanceEvent(instanceID: "I", sequence: 1, officer: officer, role: "petugas",
                                  occurredAt: Fixtures.t0, recordedAt: Fixtures.t0, payload: payload)
        return String(decoding: try event.record().payload, as: UTF8.self)
    }

    @Test("kinds keep their stored names")
    func kindNames() {
        #expect(InstanceEventKind.allCases.map(\.rawValue) == ["started", "step-completed", "returned", "cancelled", "note-added",
                                                              "deviation-recorded", "deviation-accounted", "evidence-read",
                                                              "evidence-refused"])
    }

    @Test("a step completion is written with sorted keys and the officer's name beside its fields")
    func stepCompletedJSON() throws {
        let payload = InstanceEventPayload.stepCompleted(.init(
            step: "periksa", outcome: "ya", next: .step("arsipkan"),
            requirements: [EvidenceItem(id: "berkas", content: .text("B/1"), carriedFrom: OutputReference(step: "siapkan", output: "berkas"))],
            outputs: [.file("hasil", sha256: Fixtures.sha, name: "hasil.pdf", size: 10, mediaType: "application/pdf")],
            missingRequirements: [], missingOutputs: ["lain"]))
        #expect(try json(payload) == #"{"missingOutputs":["lain"],"missingRequirements":[],"next":{"step":"arsipkan"},"officerName":"Ani","outcome":"ya","outputs":[{"id":"hasil","kind":"file","mediaType":"application\/pdf","name":"hasil.pdf","sha256":"\#(Fixtures.sha)","size":10}],"requirements":[{"carriedFrom":{"output":"berkas","step":"siapkan"},"id":"berkas","kind":"text","text":"B/1"}],"step":"periksa"}"#
                .replacingOccurrences(of: #"\/"#, with: "/"))
    }

    @Test("the other kinds are written as their fields", arguments: [
        (InstanceEventPayload.started(.init(procedureID: "p", version: "2", definitionHash: "h", agencyID: "a", title: nil, firstStep: "s")),
         #"{"agencyID":"a","definitionHash":"h","firstStep":"s","officerName":"Ani","procedureID":"p","version":"2"}"#),
        (.returned(.init(from: "b", to: "a", reason: "r")), #"{"from":"b","officerName":"Ani","reason":"r","to":"a"}"#),
        (.cancelled(.init(reason: "r", step: nil)), #"{"officerName":"Ani","reason":"r"}"#),
        (.noteAdded(.init(text: "t", step: "s")), #"{"officerName":"Ani","step":"s","text":"t"}"#),
        (.stepCompleted(.init(step: "s", next: .end)),
         #"{"missingOutputs":[],"missingRequirements":[],"next":{"end":true},"officerName":"Ani","outputs":[],"requirements":[],"step":"s"}"#),
    ])
    func otherKinds(payload: InstanceEventPayload, expected: String) throws {
        #expect(try json(payload) == expected)
    }

    @Test("an event without an officer has no officer name")
    func systemEvent() throws {
        let payload = InstanceEventPayload.noteAdded(.init(text: "t", step: nil))
        #expect(try json(payload, officer: nil) == #"{"text":"t"}"#)
        let event = InstanceEvent(instanceID: "I", sequence: 1, officer: nil, role: nil, occurredAt: Fixtures.t0,
                                  recordedAt: Fixtures.t0, payload: payload)
        #expect(try InstanceEvent(record: event.record()) == event)
    }
}
