import Foundation
import SOPCore
@testable import SOPSQLite
import Testing

/// The hash chain: its exact encoding, sealing in both stores, and sealing events stored before it existed.
@Suite("Event hash chain")
struct EventChainTests {
    static let record = EventRecord(instanceID: "PPID-1", sequence: 1, kind: "started", officerNIP: "198501012010011001",
                                    role: "ppid", occurredAt: Date(timeIntervalSince1970: 1_735_689_600),
                                    recordedAt: Date(timeIntervalSince1970: 1_735_689_601), payload: Data(#"{"a":1}"#.utf8))
    static let system = EventRecord(instanceID: "PPID-1", sequence: 2, kind: "note-added", officerNIP: nil, role: nil,
                                    occurredAt: Date(timeIntervalSince1970: -86_400.25),
                                    recordedAt: Date(timeIntervalSince1970: 1_735_689_601), payload: Data())

    @Test("the encoding is the documented one: golden hashes computed independently with Python's hashlib")
    func goldenHashes() throws {
        let sealed = try EventChain.seal([Self.record, Self.system], after: EventChain.genesis, digest: EventChain.sha256)
        #expect(sealed[0].previousHash == EventChain.genesis)
        #expect(sealed[0].hash == "cfe92e87012fc81ea7a8e503504854b55840b94f091ceefc191d8336d398de81")
        #expect(sealed[1].previousHash == sealed[0].hash)
        #expect(sealed[1].hash == "fc49d59dfff6f4b8f07a96a5b73f3e99794267187170fcba56109f59bac6f978")
        #expect(try EventChain.verify(sealed, instance: "PPID-1", lastSequence: 2, digest: EventChain.sha256) == nil)
    }

    @Test("an absent field and an empty one encode differently")
    func absentIsNotEmpty() throws {
        var empty = Self.system
        empty.officerNIP = ""
        #expect(try EventChain.canonicalBytes(of: empty, previousHash: EventChain.genesis)
                != EventChain.canonicalBytes(of: Self.system, previousHash: EventChain.genesis))
    }

    @Test("both stores seal appended events identically, ignoring any seal the caller offers")
    func storesAgree() throws {
        var hashes: [[String?]] = []
        for kind in StoreKind.allCases {
            try withChainedStore(kind) { store in
                try store.saveDefinition(Fixture.definition)
                var first = Fixture.commit("PPID-1", expected: 0, count: 2)
                first.events[0].hash = String(repeating: "f", count: 64)
                try store.append(first)
                try store.appendBatch([Fixture.commit("PPID-1", expected: 2), Fixture.commit("PPID-2", expected: 0)])
                let events = try store.events(of: "PPID-1")
                #expect(events.first?.previousHash == EventChain.genesis)
                #expect(events.dropFirst().map(\.previousHash) == events.dropLast().map(\.hash))
                #expect(try ChainAudit.verifyAll(in: store).breaks.isEmpty)
                hashes.append(events.map(\.hash))
            }
        }
        #expect(hashes.count == 2 && hashes[0] == hashes[1])
        #expect(hashes.first?.allSatisfy { $0?.count == 64 } == true)
    }

    @Test("events stored before the chain existed are sealed by the migration that adds it")
    func migrationSealsOldEvents() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("old.sqlite").path
            do {
                let connection = try SQLiteConnection(location: .file(path: path))
                try SQLiteMigrator(Array(SQLiteEventStore.migrations.prefix(1))).migrate(connection)
                try connection.execute("""
                    INSERT INTO definitions VALUES ('h', 'p', '1', x'7b7d');
                    INSERT INTO instances(id, procedure_id, procedure_version, definition_hash, agency_id, status,
                                          started_at, updated_at, last_sequence)
                        VALUES ('OLD-1', 'p', '1', 'h', 'a', 'open', 0, 0, 2);
                    INSERT INTO events VALUES ('OLD-1', 1, 'started', NULL, NULL, 0, 0, x'7b7d');
                    INSERT INTO events VALUES ('OLD-1', 2, 'note-added', '198501012010011001', 'ppid', 5, 6, x'');
                    """)
            }
            let store = try SQLiteEventStore(path: path)
            let events = try store.events(of: "OLD-1")
            #expect(events.allSatisfy { $0.hash != nil })
            #expect(try ChainAudit.verify("OLD-1", in: store) == nil)
            let resealed = try EventChain.seal(events, after: EventChain.genesis, digest: EventChain.sha256)
            #expect(resealed.map(\.hash) == events.map(\.hash))
        }
    }

    @Test("sop itself cannot update or delete a stored event")
    func appendOnly() throws {
        let store = try SQLiteEventStore.inMemory()
        try store.saveDefinition(Fixture.definition)
        try store.append(Fixture.commit("PPID-1", expected: 0))
        #expect(throws: SQLiteError.self) { try store.connection.execute("UPDATE events SET kind = 'x'") }
        #expect(throws: SQLiteError.self) { try store.connection.execute("DELETE FROM events") }
        #expect(try store.events(of: "PPID-1").count == 1)
    }
}

/// A fresh store of `kind` that seals events (the in-memory one with OpenSSL's SHA-256 as well).
func withChainedStore<T>(_ kind: StoreKind, _ body: (any EventStore) throws -> T) throws -> T {
    switch kind {
    case .memory: return try body(InMemoryEventStore(digest: EventChain.sha256))
    case .sqliteFile: return try withStore(.sqliteFile, body)
    }
}

extension EventRecord {
    /// The record as the caller wrote it, before the store sealed it.
    var withoutSeal: EventRecord {
        var copy = self
        copy.hash = nil
        copy.previousHash = nil
        return copy
    }
}
