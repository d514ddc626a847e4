import Foundation
import SOPCore
@testable import SOPSQLite
import Testing

/// The stores every contract test runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case memory
    case sqliteFile

    var testDescription: String { rawValue }
}

/// A fresh folder under the system temporary folder, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("sop-sqlite-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// A fresh, empty store of `kind` (a SQLite file in its own temporary folder), alive for `body`.
func withStore<T>(_ kind: StoreKind, _ body: (any EventStore) throws -> T) throws -> T {
    switch kind {
    case .memory:
        return try body(InMemoryEventStore())
    case .sqliteFile:
        return try withTemporaryDirectory { folder in
            try body(SQLiteEventStore(path: folder.appendingPathComponent("store.sqlite").path))
        }
    }
}

/// Everything a store can show through the protocol, to prove a refused write changed nothing.
struct StoreDump: Equatable {
    var headers: [InstanceHeader]
    var events: [InstanceID: [EventRecord]]
    var instanceCount: Int
    var evidence: [String: EvidenceBlob]
    var officers: [Officer]
    var rosterEvents: [RosterChange]
    /// Row counts per table, for SQLite stores (nil in memory).
    var rowCounts: [String: Int]?

    init(_ store: any EventStore, evidenceHashes: [String] = Fixture.evidenceHashes) throws {
        headers = try store.headers(matching: InstanceFilter())
        var events: [InstanceID: [EventRecord]] = [:]
        for header in headers { events[header.id] = try store.events(of: header.id) }
        self.events = events
        instanceCount = try store.instanceCount()
        var evidence: [String: EvidenceBlob] = [:]
        for hash in evidenceHashes { evidence[hash] = try store.evidence(sha256: hash) }
        self.evidence = evidence
        officers = try store.officers()
        rosterEvents = try store.rosterEvents()
        if let sqlite = store as? SQLiteEventStore {
            var counts: [String: Int] = [:]
            for table in ["definitions", "instances", "events", "evidence", "officers", "grants", "roster_events"] {
                counts[table] = try sqlite.connection.pragmaText("SELECT count(*) FROM \(table)").flatMap { Int($0) }
            }
            rowCounts = counts
        }
    }
}

/// Fixed data: no wall clock anywhere.
enum Fixture {
    /// 2025-01-01T00:00:00Z.
    static let t0 = Date(timeIntervalSince1970: 1_735_689_600)

    static func at(minutes: Int) -> Date { t0.addingTimeInterval(TimeInterval(minutes * 60)) }

    static let definition = DefinitionSnapshot(
        hash: "9f2c0000000000000000000000000000000000000000000000000000000000aa", procedureID: "ppid-permohonan",
        version: "2024.1", json: Data(#"{"id":"ppid-permohonan","judul":"Permohonan Informasi Publik"}"#.utf8))

    static let otherDefinition = DefinitionSnapshot(
        hash: "9f2c0000000000000000000000000000000000000000000000000000000000bb", procedureID: "cuti-tahunan",
        version: "1", json: Data(#"{"id":"cuti-tahunan"}"#.utf8))

    static let evidenceA = EvidenceBlob(sha256: String(repeating: "a", count: 64), data: Data("surat permohonan".utf8))
    static let evidenceB = EvidenceBlob(sha256: String(repeating: "b", count: 64), data: Data())
    static let evidenceHashes = [evidenceA.sha256, evidenceB.sha256]

    static func header(_ id: InstanceID, lastSequence: Int, definition: DefinitionSnapshot = definition,
                       agency: String = "bpmp-kalsel", status: InstanceStatus = .open,
                       step: StepID? = "verifikasi", actor: ActorID? = "ppid_pelaksana",
                       startedAt: Date = t0, title: String? = nil) -> InstanceHeader {
        InstanceHeader(id: id, procedureID: definition.procedureID, procedureVersion: definition.version,
                       definitionHash: definition.hash, agencyID: agency, title: title, status: status,
                       activeStep: status == .open ? step : nil, activeActor: status == .open ? actor : nil,
                       activeSince: status == .open ? startedAt.addingTimeInterval(60) : nil,
                       startedAt: startedAt, updatedAt: startedAt.addingTimeInterval(60), lastSequence: lastSequence)
    }

    static func event(_ id: InstanceID, _ sequence: Int, kind: String = "step-completed",
                      payload: Data = Data(#"{"step":"verifikasi"}"#.utf8), at: Date = t0) -> EventRecord {
        EventRecord(instanceID: id, sequence: sequence, kind: kind, officerNIP: "198501012010011001",
                    role: "ppid_pelaksana", occurredAt: at, recordedAt: at.addingTimeInterval(1), payload: payload)
    }

    /// A well-formed commit of `count` events after `expected`.
    static func commit(_ id: InstanceID, expected: Int, count: Int = 1, evidence: [EvidenceBlob] = [],
                       header: InstanceHeader? = nil) -> InstanceCommit {
        let events = (0..<count).map { event(id, expected + 1 + $0, at: at(minutes: expected + $0)) }
        return InstanceCommit(instanceID: id, expectedSequence: expected, events: events,
                              header: header ?? Self.header(id, lastSequence: expected + count), evidence: evidence)
    }
}
