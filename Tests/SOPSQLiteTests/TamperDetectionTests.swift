import Foundation
import SOPCore
@testable import SOPSQLite
import Testing
import SOPTestSupport

/// Someone edits the database behind sop's back with the sqlite3 shell; the chain names the first damaged event.
@Suite("Tamper detection")
struct TamperDetectionTests {
    /// Dropping the append-only triggers is the first thing a tamperer must do.
    static let unlock = "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; "
    static let where3 = "WHERE instance_id = 'PPID-1' AND sequence = 3"

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var sql: String
        var expected: ChainBreak
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "payload edited", sql: "UPDATE events SET payload = CAST('{\"step\":\"forged\"}' AS BLOB) \(where3);",
             expected: ChainBreak(instance: "PPID-1", sequence: 3, kind: .edited)),
        Case(name: "time edited", sql: "UPDATE events SET occurred_at = occurred_at - 3600000 \(where3);",
             expected: ChainBreak(instance: "PPID-1", sequence: 3, kind: .edited)),
        Case(name: "officer edited", sql: "UPDATE events SET officer_nip = '199001012015011001' \(where3);",
             expected: ChainBreak(instance: "PPID-1", sequence: 3, kind: .edited)),
        Case(name: "middle event deleted", sql: "DELETE FROM events \(where3);",
             expected: ChainBreak(instance: "PPID-1", sequence: 3, kind: .deleted)),
        Case(name: "last event deleted", sql: "DELETE FROM events WHERE instance_id = 'PPID-1' AND sequence = 5;",
             expected: ChainBreak(instance: "PPID-1", sequence: 5, kind: .deleted)),
        Case(name: "deleted and the rest renumbered, header too", sql: """
            DELETE FROM events \(where3);
            UPDATE events SET sequence = sequence - 1 WHERE instance_id = 'PPID-1' AND sequence > 3;
            UPDATE instances SET last_sequence = 4 WHERE id = 'PPID-1';
            """, expected: ChainBreak(instance: "PPID-1", sequence: 3, kind: .deleted)),
        Case(name: "forged event appended", sql: """
            INSERT INTO events(instance_id, sequence, kind, officer_nip, role, occurred_at, recorded_at, payload, hash, previous_hash)
            SELECT 'PPID-1', 6, 'step-completed', officer_nip, role, occurred_at, recorded_at, payload, '\(String(repeating: "e", count: 64))', hash
            FROM events WHERE instance_id = 'PPID-1' AND sequence = 5;
            """, expected: ChainBreak(instance: "PPID-1", sequence: 6, kind: .inserted)),
        Case(name: "forged event inserted in the middle, the rest renumbered", sql: """
            UPDATE events SET sequence = sequence + 100 WHERE instance_id = 'PPID-1' AND sequence >= 3;
            UPDATE events SET sequence = sequence - 99 WHERE instance_id = 'PPID-1' AND sequence >= 103;
            INSERT INTO events(instance_id, sequence, kind, officer_nip, role, occurred_at, recorded_at, payload, hash, previous_hash)
            SELECT 'PPID-1', 3, 'step-completed', officer_nip, role, occurred_at, recorded_at, payload, '\(String(repeating: "e", count: 64))', hash
            FROM events WHERE instance_id = 'PPID-1' AND sequence = 2;
            UPDATE instances SET last_sequence = 6 WHERE id = 'PPID-1';
            """, expected: ChainBreak(instance: "PPID-1", sequence: 3, kind: .inserted)),
        Case(name: "unsealed event inserted", sql: """
            INSERT INTO events(instance_id, sequence, kind, occurred_at, recorded_at, payload) VALUES ('PPID-1', 6, 'note-added', 0, 0, x'');
            UPDATE instances SET last_sequence = 6 WHERE id = 'PPID-1';
            """, expected: ChainBreak(instance: "PPID-1", sequence: 6, kind: .inserted)),
        Case(name: "two events swapped", sql: """
            UPDATE events SET sequence = 100 WHERE instance_id = 'PPID-1' AND sequence = 2;
            UPDATE events SET sequence = 2 WHERE instance_id = 'PPID-1' AND sequence = 3;
            UPDATE events SET sequence = 3 WHERE instance_id = 'PPID-1' AND sequence = 100;
            """, expected: ChainBreak(instance: "PPID-1", sequence: 2, kind: .reordered)),
        Case(name: "seal removed", sql: "UPDATE events SET hash = NULL \(where3);",
             expected: ChainBreak(instance: "PPID-1", sequence: 3, kind: .inserted)),
        Case(name: "events of an instance without a header", sql: """
            INSERT INTO events(instance_id, sequence, kind, occurred_at, recorded_at, payload, hash, previous_hash)
            VALUES ('GHOST', 1, 'started', 0, 0, x'', '\(String(repeating: "a", count: 64))', '\(EventChain.genesis)');
            """, expected: ChainBreak(instance: "GHOST", sequence: 1, kind: .inserted)),
    ]

    @Test("each kind of tampering is found, with its instance and sequence; other instances stay intact", arguments: cases)
    func detects(_ tamper: Case) throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("store.sqlite").path
            let store = try SQLiteEventStore(path: path)
            try store.saveDefinition(Fixture.definition)
            try store.append(Fixture.commit("PPID-1", expected: 0, count: 5))
            try store.append(Fixture.commit("PPID-2", expected: 0, count: 2))
            #expect(try ChainAudit.verifyAll(in: store).breaks.isEmpty)

            try SQLiteShell.run(path, Self.unlock + tamper.sql)

            #expect(try ChainAudit.verifyAll(in: store).breaks == [tamper.expected])
            #expect(try ChainAudit.verify("PPID-2", in: store) == nil)
        }
    }

    @Test("sop refuses to chain a new event onto an unsealed one")
    func refusesToChainOntoUnsealed() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("store.sqlite").path
            let store = try SQLiteEventStore(path: path)
            try store.saveDefinition(Fixture.definition)
            try store.append(Fixture.commit("PPID-1", expected: 0, count: 2))
            try SQLiteShell.run(path, Self.unlock + "UPDATE events SET hash = NULL WHERE sequence = 2;")
            #expect {
                try store.append(Fixture.commit("PPID-1", expected: 2))
            } throws: { error in
                guard case StoreError.corrupt = error else { return false }
                return true
            }
        }
    }
}
