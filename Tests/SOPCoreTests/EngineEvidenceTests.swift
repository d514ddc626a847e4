import Foundation
import Testing
@testable import SOPCore

@Suite("Engine: recording requirements and outputs when completing a step")
struct EngineEvidenceTests {
    private func completed(_ events: [InstanceEvent]) throws -> InstanceEventPayload.StepCompleted {
        guard case .stepCompleted(let completed) = try #require(events.first).payload else {
            throw EvidenceTestFailure.notAStepCompletion
        }
        return completed
    }

    private enum EvidenceTestFailure: Error { case notAStepCompletion }

    @Test("missing items are recorded in the event, not refused")
    func missingIsRecorded() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        let first = try completed(run.run(.complete(requirements: [Fixtures.file("surat-permohonan")]), by: Fixtures.petugas))
        #expect(first.requirements.map(\.id) == ["surat-permohonan"])
        #expect(first.missingRequirements == ["ktp"])
        #expect(first.missingOutputs == ["tanda-terima"])

        let second = try completed(run.run(.complete(outputs: [.text("nomor-agenda", "12/2026")]), by: Fixtures.pengolah))
        #expect(second.requirements.isEmpty)
        #expect(second.missingRequirements == ["tanda-terima"])
        #expect(second.outputs == [.text("nomor-agenda", "12/2026")])
        #expect(second.missingOutputs == ["surat-balasan"])
        #expect(run.state?.completions[1].missingOutputs == ["surat-balasan"])
    }

    @Test("items are recorded in the definition's order, whatever order they were given in")
    func definitionOrder() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        try run.run(.complete(requirements: [Fixtures.file("surat-permohonan")]), by: Fixtures.petugas)
        let payload = try completed(run.run(.complete(outputs: [.text("nomor-agenda", "1"), Fixtures.file("surat-balasan")]),
                                            by: Fixtures.pengolah))
        #expect(payload.outputs.map(\.id) == ["surat-balasan", "nomor-agenda"])
    }

    @Test("a missing mandatory requirement refuses the completion")
    func mandatoryMissing() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        #expect(run.refusal(.complete(requirements: [Fixtures.file("ktp")]), by: Fixtures.petugas)
                == .mandatoryRequirementMissing(step: "terima", ["surat-permohonan"]))
        #expect(run.state?.activeStep == "terima")
        #expect(run.events.count == 1)
    }

    @Test("unknown item ids are refused with the valid ones listed")
    func unknownItems() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        #expect(run.refusal(.complete(requirements: [Fixtures.file("surat-permohonan"), .text("akta", "x")]), by: Fixtures.petugas)
                == .unknownRequirement("akta", valid: ["surat-permohonan", "ktp"]))
        #expect(run.refusal(.complete(requirements: [Fixtures.file("surat-permohonan")], outputs: [.text("kuitansi", "x")]),
                            by: Fixtures.petugas)
                == .unknownOutput("kuitansi", valid: ["tanda-terima"]))
    }

    @Test("an item given twice is refused")
    func duplicates() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        #expect(run.refusal(.complete(requirements: [Fixtures.file("surat-permohonan"), .text("surat-permohonan", "x")]),
                            by: Fixtures.petugas) == .duplicateItem("surat-permohonan"))
    }

    @Test("unusable items are refused with the problem named", arguments: [
        (EvidenceItem.text("ktp", "  "), EvidenceProblem.emptyText),
        (.file("ktp", sha256: "ABC", name: "a.pdf", size: 1, mediaType: "application/pdf"), .malformedSHA256),
        (.file("ktp", sha256: String(repeating: "A", count: 64), name: "a.pdf", size: 1, mediaType: "application/pdf"), .malformedSHA256),
        (.file("ktp", sha256: Fixtures.sha, name: "a.pdf", size: -1, mediaType: "application/pdf"), .negativeSize),
        (.file("ktp", sha256: Fixtures.sha, name: " ", size: 0, mediaType: "application/pdf"), .emptyName),
    ])
    func unusableItems(item: EvidenceItem, problem: EvidenceProblem) throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        #expect(run.refusal(.complete(requirements: [Fixtures.file("surat-permohonan"), item]), by: Fixtures.petugas)
                == .invalidEvidence("ktp", problem))
    }

    @Test("an item given now wins over one carried from an earlier output, and is not marked as carried")
    func givenBeatsCarried() throws {
        var run = try InstanceRun.started(Fixtures.review, by: Fixtures.staf)
        try run.run(.complete(outputs: [.text("berkas", "B-1")]), by: Fixtures.staf)
        let carriedFromCommand = EvidenceItem(id: "berkas", content: .text("B-2"),
                                              carriedFrom: OutputReference(step: "x", output: "y"))
        let payload = try completed(run.run(.complete(requirements: [carriedFromCommand], outcome: "ya"),
                                            by: Fixtures.verifikator))
        #expect(payload.requirements == [.text("berkas", "B-2")])
    }
}
