import Foundation
import Testing
@testable import SOPCore

@Suite("Deviation events: stored form, replay and recording rules")
struct DeviationEventTests {
    private static func sample(instance: InstanceID = "I", id: DeviationID = "I/missing-output/s/1") -> Deviation {
        Deviation(id: id, kind: .missingOutput, severity: .failure, instance: instance, procedureID: "p", agencyID: "a",
                  step: "s", occurrence: 1, actor: "petugas", answerable: ActingOfficer(nip: "1", name: "Ani"),
                  answerableRole: "petugas", accountRequired: true, detectedAt: Fixtures.t0, missingItems: ["x", "y"])
    }

    @Test("a recorded deviation is written as its fields, without officer; an account as id and reason")
    func storedJSON() throws {
        let recorded = InstanceEvent(instanceID: "I", sequence: 2, officer: nil, role: nil, occurredAt: Fixtures.t0,
                                     recordedAt: Fixtures.t0, payload: .deviationRecorded(Self.sample()))
        #expect(String(decoding: try recorded.record().payload, as: UTF8.self) ==
                #"{"accountRequired":true,"actor":"petugas","agency":"a","answerableNIP":"1","answerableName":"Ani","answerableRole":"petugas","detectedAt":1767574800000,"id":"I/missing-output/s/1","instance":"I","kind":"missing-output","missingItems":["x","y"],"occurrence":1,"procedure":"p","severity":"failure","step":"s"}"#)
        #expect(try InstanceEvent(record: recorded.record()) == recorded)
        let accounted = InstanceEvent(instanceID: "I", sequence: 3, officer: ActingOfficer(nip: "1", name: "Ani"),
                                      role: "petugas", occurredAt: Fixtures.t0, recordedAt: Fixtures.t0,
                                      payload: .deviationAccounted(.init(deviation: "I/missing-output/s/1", reason: "r")))
        #expect(String(decoding: try accounted.record().payload, as: UTF8.self) ==
                #"{"deviation":"I\/missing-output\/s\/1","officerName":"Ani","reason":"r"}"#.replacingOccurrences(of: #"\/"#, with: "/"))
        #expect(try InstanceEvent(record: accounted.record()) == accounted)
    }

    @Test("a deviation's time is kept in whole milliseconds, so it survives storage unchanged")
    func milliseconds() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        var deviation = Self.sample(instance: run.id, id: "INS-0001/late/terima/1")
        deviation.detectedAt = Fixtures.t0.addingTimeInterval(0.000_123_4)
        try run.run(.recordDeviations([deviation]), by: Fixtures.nobody)
        let state = try #require(run.state)
        #expect(state.deviations[0].detectedAt == Fixtures.t0)
        let stored = try InstanceEvent.events(from: run.events.map { try $0.record() })
        #expect(try InstanceState.replay(stored, procedure: Fixtures.linear) == state)
    }

    @Test("recording ignores known ids and repeats, refuses another instance's deviation, keeps no account")
    func recordingRules() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        var first = Self.sample(instance: run.id, id: "INS-0001/a")
        first.account = DeviationAccount(by: ActingOfficer(Fixtures.petugas), role: "petugas", reason: "r",
                                         at: Fixtures.t0, sequence: 9)
        let second = Self.sample(instance: run.id, id: "INS-0001/b")
        #expect(try run.run(.recordDeviations([first, first]), by: Fixtures.nobody).count == 1)
        #expect(try run.run(.recordDeviations([first, second]), by: Fixtures.nobody).map(\.sequence) == [3])
        #expect(try run.run(.recordDeviations([]), by: Fixtures.nobody).isEmpty)
        #expect(run.state?.deviations.map(\.status) == [.open, .open])
        #expect(run.refusal(.recordDeviations([Self.sample(instance: "LAIN", id: "LAIN/x")]), by: Fixtures.nobody)
                == .foreignDeviation("LAIN/x", instance: "LAIN"))
    }

    @Test("recording is allowed after the instance ended; a check never blocks work recorded after it")
    func afterClose() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        let checkTime = run.now.addingTimeInterval(600)
        let events = try Engine.recordDeviations([Self.sample(instance: run.id, id: "INS-0001/a")],
                                                 state: try #require(run.state), procedure: Fixtures.linear, now: checkTime)
        #expect(events.events.count == 1)
        // Work done before the check, recorded after it with --at.
        let state = events.state
        let done = try Engine.execute(.cancel(reason: "Ditarik", at: run.now.addingTimeInterval(300)), state: state,
                                      procedure: Fixtures.linear, officer: Fixtures.petugas, now: checkTime.addingTimeInterval(60))
        #expect(done.state.status == .cancelled)
        let later = try Engine.recordDeviations([Self.sample(instance: run.id, id: "INS-0001/b")], state: done.state,
                                                procedure: Fixtures.linear, now: checkTime.addingTimeInterval(120))
        #expect(later.state.deviations.count == 2)
        let accounted = try Engine.execute(.accountDeviation(id: "INS-0001/b", reason: "r"), state: later.state,
                                           procedure: Fixtures.linear,
                                           officer: Officer(nip: "1", name: "Ani"), now: checkTime.addingTimeInterval(180))
        #expect(accounted.state.deviation("INS-0001/b")?.status == .accounted)
    }

    @Test("a history that records a deviation twice or accounts for an unknown one is refused")
    func replayRefusals() throws {
        var run = try InstanceRun.started(Fixtures.linear, by: Fixtures.petugas)
        try run.run(.recordDeviations([Self.sample(instance: run.id, id: "INS-0001/a")]), by: Fixtures.nobody)
        var duplicate = run.events
        var copy = duplicate[1]
        copy.sequence = 3
        duplicate.append(copy)
        #expect(throws: ReplayError.duplicateDeviation("INS-0001/a", sequence: 3)) {
            try InstanceState.replay(duplicate, procedure: Fixtures.linear)
        }
        var unknown = run.events
        unknown.append(InstanceEvent(instanceID: run.id, sequence: 3, officer: ActingOfficer(Fixtures.petugas), role: "petugas",
                                     occurredAt: run.now, recordedAt: run.now,
                                     payload: .deviationAccounted(.init(deviation: "INS-0001/z", reason: "r"))))
        #expect(throws: ReplayError.unknownDeviation("INS-0001/z", sequence: 3)) {
            try InstanceState.replay(unknown, procedure: Fixtures.linear)
        }
        var anonymous = run.events
        anonymous.append(InstanceEvent(instanceID: run.id, sequence: 3, officer: nil, role: nil, occurredAt: run.now,
                                       recordedAt: run.now, payload: .deviationAccounted(.init(deviation: "INS-0001/a", reason: "r"))))
        #expect(throws: ReplayError.accountWithoutOfficer("INS-0001/a", sequence: 3)) {
            try InstanceState.replay(anonymous, procedure: Fixtures.linear)
        }
    }

    @Test("every new refusal explains itself in English as a fallback")
    func descriptions() {
        let errors: [EngineError] = [
            .foreignDeviation("x", instance: "I"), .unknownDeviation("x", known: ["y"]),
            .deviationAlreadyAccounted("x", by: ActingOfficer(nip: "1", name: "Ani"), at: Fixtures.t0),
            .notAnswerable("x", answerable: nil, role: "ppid", superior: "atasan-ppid", officerRoles: []),
        ]
        #expect(errors.allSatisfy { !$0.description.isEmpty })
        #expect(EngineError.notAnswerable("x", answerable: nil, role: "ppid", superior: "atasan-ppid", officerRoles: []).description
                == "deviation 'x' is answered for by role 'ppid' or the superior role 'atasan-ppid'; the officer holds no role in this agency")
    }
}
