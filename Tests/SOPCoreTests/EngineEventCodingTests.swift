import Foundation
import Testing
import SOPTestSupport
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

/// The hand-written payload codec against Foundation's `JSONEncoder`/`JSONDecoder`, which wrote every store
/// before it: on random events of every kind the bytes must be identical and both must read them back alike.
@Suite("Engine: the payload codec writes what JSONEncoder wrote")
struct EventPayloadCodecPropertyTests {
    /// What `InstanceEvent.record()` did before: the body's Codable fields plus `officerName`, sorted keys.
    private struct Reference<Body: Codable>: Codable {
        var body: Body
        var officerName: String?
        private enum Key: String, CodingKey { case officerName }
        init(body: Body, officerName: String?) { self.body = body; self.officerName = officerName }
        func encode(to encoder: any Encoder) throws {
            try body.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeIfPresent(officerName, forKey: .officerName)
        }
        init(from decoder: any Decoder) throws {
            body = try Body(from: decoder)
            officerName = try decoder.container(keyedBy: Key.self).decodeIfPresent(String.self, forKey: .officerName)
        }
    }

    private static func referenceBytes<Body: Codable>(_ body: Body, _ officerName: String?) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return try encoder.encode(Reference(body: body, officerName: officerName))
    }

    private static func referenceDecode<Body: Codable>(_ type: Body.Type, _ data: Data) throws -> Body {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(Reference<Body>.self, from: data).body
    }

    private static func reference(_ payload: InstanceEventPayload, _ name: String?) throws -> Data {
        switch payload {
        case .started(let b): try referenceBytes(b, name)
        case .stepCompleted(let b): try referenceBytes(b, name)
        case .returned(let b): try referenceBytes(b, name)
        case .cancelled(let b): try referenceBytes(b, name)
        case .noteAdded(let b): try referenceBytes(b, name)
        case .deviationRecorded(let b): try referenceBytes(b, name)
        case .deviationAccounted(let b): try referenceBytes(b, name)
        case .evidenceRead(let b), .evidenceRefused(let b): try referenceBytes(b, name)
        }
    }

    private static func referenceDecode(_ kind: InstanceEventKind, _ data: Data) throws -> InstanceEventPayload {
        switch kind {
        case .started: .started(try referenceDecode(InstanceEventPayload.Started.self, data))
        case .stepCompleted: .stepCompleted(try referenceDecode(InstanceEventPayload.StepCompleted.self, data))
        case .returned: .returned(try referenceDecode(InstanceEventPayload.Returned.self, data))
        case .cancelled: .cancelled(try referenceDecode(InstanceEventPayload.Cancelled.self, data))
        case .noteAdded: .noteAdded(try referenceDecode(InstanceEventPayload.NoteAdded.self, data))
        case .deviationRecorded: .deviationRecorded(try referenceDecode(Deviation.self, data))
        case .deviationAccounted: .deviationAccounted(try referenceDecode(InstanceEventPayload.DeviationAccounted.self, data))
        case .evidenceRead: .evidenceRead(try referenceDecode(EvidenceAccess.self, data))
        case .evidenceRefused: .evidenceRefused(try referenceDecode(EvidenceAccess.self, data))
        }
    }

    /// Text that exercises escaping: quotes, backslashes, slashes, every control character, non-ASCII, emoji.
    private static func text(_ g: inout SeededGenerator) -> String {
        let pieces = ["a", "Z", "0", "/", "\\", "\"", " ", "é", "ñ", "\u{7F}", "\u{85}", "\u{2028}", "😀", "\u{FEFF}",
                      "B/1", "surat", "Ani Lestari", "{", "}", ":", ","]
        var s = ""
        for _ in 0..<Int.random(in: 0...8, using: &g) {
            if Int.random(in: 0..<4, using: &g) == 0 {
                s.unicodeScalars.append(Unicode.Scalar(UInt8.random(in: 0..<0x20, using: &g)))
            } else {
                s += pieces.randomElement(using: &g)!
            }
        }
        return s
    }

    private static func maybe<T>(_ g: inout SeededGenerator, _ make: (inout SeededGenerator) -> T) -> T? {
        Bool.random(using: &g) ? make(&g) : nil
    }

    private static func items(_ g: inout SeededGenerator) -> [EvidenceItem] {
        (0..<Int.random(in: 0...3, using: &g)).map { _ in
            let content: EvidenceContent = Bool.random(using: &g)
                ? .file(FileEvidence(sha256: text(&g), name: text(&g), size: Int.random(in: Int.min...Int.max, using: &g),
                                     mediaType: text(&g)))
                : .text(text(&g))
            return EvidenceItem(id: ItemID(text(&g)), content: content,
                                carriedFrom: maybe(&g) { OutputReference(step: StepID(text(&$0)), output: ItemID(text(&$0))) })
        }
    }

    private static func payload(_ g: inout SeededGenerator) -> InstanceEventPayload {
        switch Int.random(in: 0..<9, using: &g) {
        case 0: return .started(.init(procedureID: ProcedureID(text(&g)), version: text(&g), definitionHash: text(&g),
                                      agencyID: text(&g), title: maybe(&g) { text(&$0) }, firstStep: StepID(text(&g))))
        case 1: return .stepCompleted(.init(
            step: StepID(text(&g)), outcome: maybe(&g) { text(&$0) }, next: Bool.random(using: &g) ? .end : .step(StepID(text(&g))),
            requirements: items(&g), outputs: items(&g),
            missingRequirements: (0..<Int.random(in: 0...2, using: &g)).map { _ in ItemID(text(&g)) },
            missingOutputs: (0..<Int.random(in: 0...2, using: &g)).map { _ in ItemID(text(&g)) },
            note: maybe(&g) { text(&$0) }))
        case 2: return .returned(.init(from: StepID(text(&g)), to: StepID(text(&g)), reason: text(&g)))
        case 3: return .cancelled(.init(reason: text(&g), step: maybe(&g) { StepID(text(&$0)) }))
        case 4: return .noteAdded(.init(text: text(&g), step: maybe(&g) { StepID(text(&$0)) }))
        case 5:
            return .deviationRecorded(Deviation(
                id: DeviationID(text(&g)), kind: DeviationKind.allCases.randomElement(using: &g)!,
                severity: DeviationSeverity.allCases.randomElement(using: &g)!, instance: InstanceID(text(&g)),
                procedureID: ProcedureID(text(&g)), agencyID: text(&g), step: maybe(&g) { StepID(text(&$0)) },
                occurrence: maybe(&g) { Int.random(in: -5...1_000_000, using: &$0) }, actor: maybe(&g) { ActorID(text(&$0)) },
                answerable: maybe(&g) { ActingOfficer(nip: text(&$0), name: text(&$0)) },
                answerableRole: ActorID(text(&g)), accountRequired: Bool.random(using: &g),
                detectedAt: Date(timeIntervalSince1970: Double(Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &g)) / 1000),
                minutesOver: maybe(&g) { Int.random(in: Int.min...Int.max, using: &$0) },
                limitMinutes: maybe(&g) { Int.random(in: 0...100_000, using: &$0) },
                missingItems: (0..<Int.random(in: 0...2, using: &g)).map { _ in ItemID(text(&g)) },
                notRunCause: maybe(&g) { NotRunCause.allCases.randomElement(using: &$0)! }))
        case 6: return .deviationAccounted(.init(deviation: DeviationID(text(&g)), reason: text(&g)))
        default:
            let access = EvidenceAccess(reader: text(&g), requested: text(&g), item: maybe(&g) { ItemID(text(&$0)) },
                                        sha256: maybe(&g) { text(&$0) }, reason: maybe(&g) { text(&$0) })
            return Bool.random(using: &g) ? .evidenceRead(access) : .evidenceRefused(access)
        }
    }

    @Test("random events: identical bytes to JSONEncoder, and both decoders agree", arguments: 0..<20)
    func matchesFoundation(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed &+ 77_000)
        for _ in 0..<100 {
            let officer = Self.maybe(&g) { ActingOfficer(nip: Self.text(&$0), name: Self.text(&$0)) }
            let event = InstanceEvent(instanceID: "I", sequence: 3, officer: officer, role: "petugas",
                                      occurredAt: Fixtures.t0, recordedAt: Fixtures.t0, payload: Self.payload(&g))
            let record = try event.record()
            let expected = try Self.reference(event.payload, officer?.name)
            #expect(record.payload == expected,
                    "seed \(seed): \(String(decoding: record.payload, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
            #expect(try InstanceEvent(record: record) == event)
            #expect(try Self.referenceDecode(event.kind, record.payload) == event.payload)
        }
    }

    @Test("malformed payloads are refused as malformed, as before", arguments: [
        "", "[]", "{", "nul", #"{"from":"a","to":"b"}"#, #"{"from":"a","to":1,"reason":"r"}"#,
        #"{"from":"a","to":"b","reason":null}"#, #"{"from":"a","to":"b","reason":"r"} x"#, "\u{FF}",
    ])
    func malformed(payload: String) throws {
        let record = EventRecord(instanceID: "I", sequence: 2, kind: "returned", officerNIP: nil, role: nil,
                                 occurredAt: Fixtures.t0, recordedAt: Fixtures.t0, payload: Data(payload.utf8))
        #expect(throws: (any Error).self) { try Self.referenceDecode(.returned, record.payload) }
        do {
            _ = try InstanceEvent(record: record)
            Issue.record("accepted \(payload)")
        } catch {
            guard case .malformedPayload(.returned, 2, _) = error else { Issue.record("\(error)"); return }
        }
    }

    @Test("stored bytes of a deviation keep their exact form")
    func deviationBytes() throws {
        let deviation = Deviation(id: "I/late/s/1", kind: .late, severity: .failure, instance: "I", procedureID: "p",
                                  agencyID: "a", step: "s", occurrence: 1, actor: "petugas",
                                  answerable: ActingOfficer(nip: "1", name: "Ani"), answerableRole: "petugas",
                                  accountRequired: true, detectedAt: Fixtures.t0, minutesOver: 5, limitMinutes: 60,
                                  missingItems: ["x"], notRunCause: .stalled)
        let event = InstanceEvent(instanceID: "I", sequence: 1, officer: nil, role: nil, occurredAt: Fixtures.t0,
                                  recordedAt: Fixtures.t0, payload: .deviationRecorded(deviation))
        #expect(String(decoding: try event.record().payload, as: UTF8.self) == #"{"accountRequired":true,"actor":"petugas","agency":"a","answerableNIP":"1","answerableName":"Ani","answerableRole":"petugas","detectedAt":1767574800000,"id":"I/late/s/1","instance":"I","kind":"late","limitMinutes":60,"minutesOver":5,"missingItems":["x"],"notRunCause":"stalled","occurrence":1,"procedure":"p","severity":"failure","step":"s"}"#)
    }
}
