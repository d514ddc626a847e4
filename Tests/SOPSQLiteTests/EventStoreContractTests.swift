import Foundation
import SOPCore
import SOPSQLite
import Testing

/// One body per behaviour, run against every store: the SQLite store and the in-memory one must agree.
@Suite("Event store contract")
struct EventStoreContractTests {
    // MARK: Round trips

    @Test("events, header and definition read back exactly as written", arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            let id: InstanceID = "PPID-2025-0001"
            let header = Fixture.header(id, lastSequence: 3, title: "Permohonan salinan SK — Dinas Pendidikan ✓")
            let events = [
                EventRecord(instanceID: id, sequence: 1, kind: "instance-started", officerNIP: nil, role: nil,
                            occurredAt: Fixture.t0, recordedAt: Fixture.t0, payload: Data()),
                EventRecord(instanceID: id, sequence: 2, kind: "step-completed", officerNIP: "198501012010011001",
                            role: "ppid_pelaksana", occurredAt: Fixture.at(minutes: 90),
                            recordedAt: Fixture.at(minutes: 2 * 24 * 60),
                            payload: Data(#"{"catatan":"Berkas lengkap — sudah diverifikasi ✓ 👍"}"#.utf8)),
                EventRecord(instanceID: id, sequence: 3, kind: "catatan", officerNIP: "", role: "",
                            occurredAt: Date(timeIntervalSince1970: -86_400.25), recordedAt: Fixture.t0,
                            payload: Data([0, 1, 2, 0xFF])),
            ]
            try store.append(InstanceCommit(instanceID: id, expectedSequence: 0, events: events, header: header))

            #expect(try store.events(of: id).map(\.withoutSeal) == events)
            #expect(try store.header(of: id) == header)
            #expect(try store.instanceCount() == 1)
            #expect(try store.definition(hash: Fixture.definition.hash) == Fixture.definition)
            #expect(try store.events(of: "PPID-unknown").isEmpty)
            #expect(try store.header(of: "PPID-unknown") == nil)
            #expect(try store.definition(hash: "unknown") == nil)
        }
    }

    @Test("dates are kept to the nearest millisecond", arguments: StoreKind.allCases)
    func millisecondPrecision(kind: StoreKind) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            let id: InstanceID = "PPID-1"
            var commit = Fixture.commit(id, expected: 0)
            commit.events[0].occurredAt = Date(timeIntervalSince1970: 1_735_689_600.1234)
            commit.events[0].recordedAt = Date(timeIntervalSince1970: 1_735_689_600.9996)
            commit.header.startedAt = Date(timeIntervalSince1970: 1_735_689_600.0004)
            try store.append(commit)

            let event = try #require(try store.events(of: id).first)
            #expect(event.occurredAt == Date(timeIntervalSince1970: 1_735_689_600.123))
            #expect(event.recordedAt == Date(timeIntervalSince1970: 1_735_689_601))
            #expect(try store.header(of: id)?.startedAt == Date(timeIntervalSince1970: 1_735_689_600))
        }
    }

    @Test("a later commit replaces the cached header and continues the sequence", arguments: StoreKind.allCases)
    func headerUpdate(kind: StoreKind) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            let id: InstanceID = "PPID-1"
            try store.append(Fixture.commit(id, expected: 0, count: 2))
            let done = Fixture.header(id, lastSequence: 3, status: .done)
            try store.append(Fixture.commit(id, expected: 2, header: done))
            #expect(try store.header(of: id) == done)
            #expect(try store.events(of: id).map(\.sequence) == [1, 2, 3])
            #expect(try store.instanceCount() == 1)
        }
    }

    // MARK: Refusals leave the store unchanged

    @Test("a stale expectedSequence is a conflict and writes nothing", arguments: StoreKind.allCases)
    func conflict(kind: StoreKind) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            let id: InstanceID = "PPID-1"
            try store.append(Fixture.commit(id, expected: 0))
            let before = try StoreDump(store)

            #expect(throws: StoreError.conflict(instance: id, expected: 0, actual: 1)) {
                try store.append(Fixture.commit(id, expected: 0, evidence: [Fixture.evidenceA]))
            }
            #expect(throws: StoreError.conflict(instance: id, expected: 4, actual: 1)) {
                try store.append(Fixture.commit(id, expected: 4, evidence: [Fixture.evidenceA]))
            }
            #expect(throws: StoreError.conflict(instance: "PPID-2", expected: 1, actual: 0)) {
                try store.append(Fixture.commit("PPID-2", expected: 1))
            }
            #expect(try StoreDump(store) == before)
        }
    }

    @Test("a batch with one bad commit writes nothing", arguments: StoreKind.allCases)
    func batchAllOrNothing(kind: StoreKind) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            try store.append(Fixture.commit("PPID-0", expected: 0))
            let before = try StoreDump(store)

            let good = Fixture.commit("PPID-1", expected: 0, evidence: [Fixture.evidenceA])
            let stale = Fixture.commit("PPID-0", expected: 0)
            #expect(throws: StoreError.conflict(instance: "PPID-0", expected: 0, actual: 1)) {
                try store.appendBatch([good, stale])
            }
            var gap = Fixture.commit("PPID-2", expected: 0)
            gap.events[0].sequence = 2
            #expect(throws: StoreError.self) { try store.appendBatch([good, gap]) }
            #expect(try StoreDump(store) == before)
        }
    }

    @Test("a batch may carry several commits of one instance, in order", arguments: StoreKind.allCases)
    func batchSameInstance(kind: StoreKind) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            try store.appendBatch([
                Fixture.commit("PPID-1", expected: 0, count: 2),
                Fixture.commit("PPID-2", expected: 0),
                Fixture.commit("PPID-1", expected: 2),
            ])
            #expect(try store.events(of: "PPID-1").map(\.sequence) == [1, 2, 3])
            #expect(try store.header(of: "PPID-1")?.lastSequence == 3)
            #expect(try store.instanceCount() == 2)
        }
    }

    /// Commits that would corrupt the event log if written.
    enum MalformedCommit: String, CaseIterable, CustomTestStringConvertible {
        case gapInSequence, startsAfterExpected, noEvents, headerSequenceDiffers, eventOfAnotherInstance,
             headerOfAnotherInstance, unknownDefinition
        var testDescription: String { rawValue }

        var commit: InstanceCommit {
            let id: InstanceID = "PPID-1"
            var commit = Fixture.commit(id, expected: 0, count: 2)
            switch self {
            case .gapInSequence: commit.events[1].sequence = 3; commit.header.lastSequence = 3
            case .startsAfterExpected: commit = Fixture.commit(id, expected: 0); commit.events[0].sequence = 2
            case .noEvents: commit.events = []; commit.header.lastSequence = 0
            case .headerSequenceDiffers: commit.header.lastSequence = 5
            case .eventOfAnotherInstance: commit.events[1].instanceID = "PPID-9"
            case .headerOfAnotherInstance: commit.header.id = "PPID-9"
            case .unknownDefinition: commit.header.definitionHash = "not-stored"
            }
            return commit
        }
    }

    @Test("malformed commits are refused and write nothing",
          arguments: StoreKind.allCases, MalformedCommit.allCases)
    func malformed(kind: StoreKind, malformed: MalformedCommit) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            let before = try StoreDump(store)
            let error = #expect(throws: StoreError.self) { try store.append(malformed.commit) }
            guard case .corrupt = error else {
                Issue.record("expected .corrupt, got \(String(describing: error))")
                return
            }
            #expect(try StoreDump(store) == before)
        }
    }

    // MARK: Listing

    @Test("headers filter by status, procedure, agency and active grants, oldest first",
          arguments: StoreKind.allCases)
    func headerFilters(kind: StoreKind) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            try store.saveDefinition(Fixture.otherDefinition)
            // Written out of start order on purpose.
            var headers = [
                Fixture.header("C", lastSequence: 1, startedAt: Fixture.at(minutes: 30)),
                Fixture.header("A", lastSequence: 1, startedAt: Fixture.at(minutes: 10)),
                Fixture.header("D", lastSequence: 1, agency: "lpmp-sulsel", actor: "atasan_ppid",
                               startedAt: Fixture.at(minutes: 40)),
                Fixture.header("B", lastSequence: 1, definition: Fixture.otherDefinition, actor: "kepegawaian",
                               startedAt: Fixture.at(minutes: 20)),
                Fixture.header("E", lastSequence: 1, status: .done, startedAt: Fixture.at(minutes: 5)),
                Fixture.header("F", lastSequence: 1, status: .cancelled, startedAt: Fixture.at(minutes: 50)),
                Fixture.header("G", lastSequence: 1, actor: "atasan_ppid", startedAt: Fixture.at(minutes: 30)),
            ]
            // A done instance whose stale cached actor would match the inbox: only open ones may show.
            headers[4].activeStep = "verifikasi"
            headers[4].activeActor = "ppid_pelaksana"
            for header in headers {
                try store.append(Fixture.commit(header.id, expected: 0, header: header))
            }
            func ids(_ filter: InstanceFilter) throws -> [String] {
                try store.headers(matching: filter).map(\.id.rawValue)
            }
            #expect(try ids(InstanceFilter()) == ["E", "A", "B", "C", "G", "D", "F"])
            #expect(try ids(InstanceFilter(statuses: [.open])) == ["A", "B", "C", "G", "D"])
            #expect(try ids(InstanceFilter(statuses: [.done, .cancelled])) == ["E", "F"])
            #expect(try ids(InstanceFilter(procedureID: "cuti-tahunan")) == ["B"])
            #expect(try ids(InstanceFilter(agencyID: "lpmp-sulsel")) == ["D"])
            #expect(try ids(InstanceFilter(statuses: [.open], procedureID: "ppid-permohonan",
                                           agencyID: "bpmp-kalsel")) == ["A", "C", "G"])
            let inbox = [RoleGrant(agencyID: "bpmp-kalsel", role: "ppid_pelaksana"),
                         RoleGrant(agencyID: "lpmp-sulsel", role: "atasan_ppid")]
            #expect(try ids(InstanceFilter(activeFor: inbox)) == ["A", "C", "D"])
            #expect(try ids(InstanceFilter(agencyID: "bpmp-kalsel", activeFor: inbox)) == ["A", "C"])
            #expect(try ids(InstanceFilter(activeFor: inbox + inbox)) == ["A", "C", "D"])
            #expect(try ids(InstanceFilter(activeFor: [])) == [])
            #expect(try ids(InstanceFilter(activeFor: [RoleGrant(agencyID: "x", role: "ppid_pelaksana")])) == [])

            // The reports' readers share the same filtering: open headers only, and counts without `activeFor`.
            func openIDs(_ filter: InstanceFilter) throws -> [String] {
                var found: [String] = []
                try store.forEachOpenHeader(matching: filter) { found.append($0.id.rawValue) }
                return found
            }
            #expect(try openIDs(InstanceFilter()) == ["A", "B", "C", "G", "D"])
            #expect(try openIDs(InstanceFilter(statuses: [.done], agencyID: "bpmp-kalsel")) == ["A", "B", "C", "G"])
            #expect(try openIDs(InstanceFilter(activeFor: inbox)) == ["A", "C", "D"])
            #expect(try openIDs(InstanceFilter(activeFor: [])) == [])
            #expect(try store.instanceCount(matching: InstanceFilter(statuses: [.open], agencyID: "bpmp-kalsel")) == 4)
            #expect(try store.instanceCount(matching: InstanceFilter(statuses: [.done, .cancelled])) == 2)
            #expect(try store.instanceCount(matching: InstanceFilter(activeFor: [])) == 7)
        }
    }

    // MARK: Content-addressed data

    @Test("evidence is stored once per hash; the first copy stays", arguments: StoreKind.allCases)
    func evidenceDedup(kind: StoreKind) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            try store.append(Fixture.commit("PPID-1", expected: 0, evidence: [Fixture.evidenceA, Fixture.evidenceB]))
            let impostor = EvidenceBlob(sha256: Fixture.evidenceA.sha256, data: Data("other".utf8))
            try store.append(Fixture.commit("PPID-2", expected: 0, evidence: [impostor, Fixture.evidenceA]))
            #expect(try store.evidence(sha256: Fixture.evidenceA.sha256) == Fixture.evidenceA)
            #expect(try store.evidence(sha256: Fixture.evidenceB.sha256) == Fixture.evidenceB)
            #expect(try store.evidence(sha256: String(repeating: "c", count: 64)) == nil)
            if let sqlite = store as? SQLiteEventStore {
                #expect(try StoreDump(sqlite).rowCounts?["evidence"] == 2)
            }
        }
    }

    @Test("saving a definition again by the same hash changes nothing", arguments: StoreKind.allCases)
    func definitionIdempotent(kind: StoreKind) throws {
        try withStore(kind) { store in
            try store.saveDefinition(Fixture.definition)
            var again = Fixture.definition
            again.json = Data("{}".utf8)
            try store.saveDefinition(again)
            try store.saveDefinition(Fixture.definition)
            #expect(try store.definition(hash: Fixture.definition.hash) == Fixture.definition)
            if let sqlite = store as? SQLiteEventStore {
                #expect(try StoreDump(sqlite).rowCounts?["definitions"] == 1)
            }
        }
    }

    // MARK: Roster

    static let nip = "198501012010011001"
    static let ppid = RoleGrant(agencyID: "bpmp-kalsel", role: "ppid_pelaksana")
    static let atasan = RoleGrant(agencyID: "bpmp-kalsel", role: "atasan_ppid")

    @Test("roster changes apply and are recorded as roster events", arguments: StoreKind.allCases)
    func rosterChanges(kind: StoreKind) throws {
        try withStore(kind) { store in
            let changes = [
                RosterChange(nip: Self.nip, kind: .add(name: "Siti Rahmah, S.Kom."), by: nil, at: Fixture.at(minutes: 1)),
                RosterChange(nip: "197001011995031002", kind: .add(name: "Ahmad Fauzi"), by: Self.nip,
                             at: Fixture.at(minutes: 2)),
                RosterChange(nip: Self.nip, kind: .grant(Self.ppid), by: "197001011995031002", at: Fixture.at(minutes: 3)),
                RosterChange(nip: Self.nip, kind: .grant(Self.atasan), by: nil, at: Fixture.at(minutes: 4)),
                RosterChange(nip: Self.nip, kind: .revoke(Self.ppid), by: nil, at: Fixture.at(minutes: 5)),
            ]
            for change in changes { try store.applyRosterChange(change) }

            #expect(try store.officer(nip: Self.nip) == Officer(nip: Self.nip, name: "Siti Rahmah, S.Kom.",
                                                                 grants: [Self.atasan]))
            #expect(try store.officers() == [
                Officer(nip: "197001011995031002", name: "Ahmad Fauzi"),
                Officer(nip: Self.nip, name: "Siti Rahmah, S.Kom.", grants: [Self.atasan]),
            ])
            #expect(try store.officer(nip: "000") == nil)
            #expect(try store.rosterEvents() == changes)
        }
    }

    enum RosterRefusalCase: String, CaseIterable, CustomTestStringConvertible {
        case addExisting, grantUnknown, revokeUnknown, grantHeld, revokeNotHeld
        var testDescription: String { rawValue }

        var change: RosterChange {
            let nip = EventStoreContractTests.nip
            let at = Fixture.at(minutes: 10)
            switch self {
            case .addExisting: return RosterChange(nip: nip, kind: .add(name: "Lain"), by: nil, at: at)
            case .grantUnknown: return RosterChange(nip: "000", kind: .grant(EventStoreContractTests.ppid), by: nil, at: at)
            case .revokeUnknown: return RosterChange(nip: "000", kind: .revoke(EventStoreContractTests.ppid), by: nil, at: at)
            case .grantHeld: return RosterChange(nip: nip, kind: .grant(EventStoreContractTests.ppid), by: nil, at: at)
            case .revokeNotHeld: return RosterChange(nip: nip, kind: .revoke(EventStoreContractTests.atasan), by: nil, at: at)
            }
        }

        var refusal: RosterRefusal {
            let nip = EventStoreContractTests.nip
            switch self {
            case .addExisting: return .officerExists(nip: nip)
            case .grantUnknown, .revokeUnknown: return .unknownOfficer(nip: "000")
            case .grantHeld: return .roleAlreadyHeld(nip: nip, grant: EventStoreContractTests.ppid)
            case .revokeNotHeld: return .roleNotHeld(nip: nip, grant: EventStoreContractTests.atasan)
            }
        }
    }

    @Test("refused roster changes write nothing", arguments: StoreKind.allCases, RosterRefusalCase.allCases)
    func rosterRefusals(kind: StoreKind, refusal: RosterRefusalCase) throws {
        try withStore(kind) { store in
            try store.applyRosterChange(RosterChange(nip: Self.nip, kind: .add(name: "Siti"), by: nil, at: Fixture.t0))
            try store.applyRosterChange(RosterChange(nip: Self.nip, kind: .grant(Self.ppid), by: nil, at: Fixture.t0))
            let before = try StoreDump(store)
            #expect(throws: StoreError.rosterRefused(refusal.refusal)) { try store.applyRosterChange(refusal.change) }
            #expect(try StoreDump(store) == before)
        }
    }
}
