import Foundation
import Testing
import SOPTestSupport
@testable import SOPCommandLine

/// `sop audit verify|export` against a store changed behind sop's back with the sqlite3 shell.
/// (Needs `audit` registered in `SOPTool`.)
@Suite("Audit: verify and export")
struct AuditTests {
    /// A store with one finished bpmp-kalsel instance that has a file attached; returns the instance id.
    static func finishedInstance(_ harness: CLIHarness, nips: [String: String]) throws -> String {
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: ppid, extra: ["--title", "DIK 2026"])
        let letter = harness.write("disposisi.pdf", "%PDF-1.4 disposisi")
        for (index, lane) in ["ppid", "ppid", "pengadministrasi-umum", "ppid", "atasan-ppid"].enumerated() {
            harness.clock.advance(seconds: 15 * 60)
            let nip = try #require(nips["bpmp-kalsel/\(lane)"])
            let extra = index == 0 ? ["--requirement", "disposisi-surat-pengantar=\(letter)"] : []
            let run = harness.run(["complete", id, "--by", nip] + extra)
            #expect(run.code == 0, "\(run.stderr)")
        }
        return id
    }

    /// How many events the instance has.
    static func eventCount(_ harness: CLIHarness, _ id: String) -> Int {
        (json(harness.run(["history", id, "--json"])) as? [Any])?.count ?? 0
    }

    static let unlock = "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; "

    @Test("an intact store verifies with exit 0, and every instance's head hash is reported")
    func intact() throws {
        let harness = CLIHarness()
        let id = try Self.finishedInstance(harness, nips: harness.addRoster())
        let run = harness.run(["audit", "verify"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Intact: 1 instance"))
        let report = try #require(json(harness.run(["audit", "verify", id, "--json"])) as? [String: Any])
        #expect(report["intact"] as? Bool == true)
        let instance = try #require((report["instances"] as? [[String: Any]])?.first)
        #expect((instance["head"] as? String)?.count == 64)
        #expect((instance["evidence"] as? [[String: Any]])?.first?["status"] as? String == "intact")
    }

    struct Tamper: Sendable, CustomTestStringConvertible {
        var name: String
        var sql: String
        /// The sequence reported; nil for "one past the last event".
        var sequence: Int?
        var kind: String
        var testDescription: String { name }
    }

    static let tampers: [Tamper] = [
        Tamper(name: "edited", sql: "UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'DIK 2026', 'DIK 2025') AS BLOB) WHERE sequence = 1;",
               sequence: 1, kind: "edited"),
        Tamper(name: "deleted", sql: "DELETE FROM events WHERE sequence = 3;", sequence: 3, kind: "deleted"),
        Tamper(name: "inserted", sql: """
            INSERT INTO events(instance_id, sequence, kind, officer_nip, role, occurred_at, recorded_at, payload, hash, previous_hash)
            SELECT instance_id, sequence + 1, 'note-added', officer_nip, role, occurred_at, recorded_at, CAST('{"text":"x"}' AS BLOB),
                   '\(String(repeating: "d", count: 64))', hash FROM events WHERE sequence = (SELECT max(sequence) FROM events);
            """, sequence: nil, kind: "inserted"),
        Tamper(name: "reordered", sql: """
            UPDATE events SET sequence = 100 WHERE sequence = 4; UPDATE events SET sequence = 4 WHERE sequence = 5;
            UPDATE events SET sequence = 5 WHERE sequence = 100;
            """, sequence: 4, kind: "reordered"),
    ]

    @Test("tampering is reported with instance and sequence, exit 65", arguments: tampers)
    func tampered(_ tamper: Tamper) throws {
        let harness = CLIHarness()
        let id = try Self.finishedInstance(harness, nips: harness.addRoster())
        let sequence = tamper.sequence ?? Self.eventCount(harness, id) + 1
        try SQLiteShell.run(harness.storePath, Self.unlock + tamper.sql)
        let run = harness.run(["audit", "verify"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("\(id) #\(sequence): \(tamper.kind)"), "\(run.stderr)")
        let report = try #require(json(harness.run(["audit", "verify", id, "--json"])) as? [String: Any])
        #expect(report["intact"] as? Bool == false)
        let found = try #require((report["instances"] as? [[String: Any]])?.first?["break"] as? [String: Any])
        #expect(found["instance"] as? String == id)
        #expect(found["sequence"] as? Int == sequence)
        #expect(found["kind"] as? String == tamper.kind)
    }

    @Test("evidence bytes changed in the store are reported, exit 65")
    func evidenceTampered() throws {
        let harness = CLIHarness()
        let id = try Self.finishedInstance(harness, nips: harness.addRoster())
        try SQLiteShell.run(harness.storePath, "UPDATE evidence SET data = CAST('%PDF-1.4 forged' AS BLOB);")
        let run = harness.run(["audit", "verify", id])
        #expect(run.code == 65)
        #expect(run.stderr.contains("is corrupt"), "\(run.stderr)")
    }

    @Test("an unknown instance is refused")
    func unknownInstance() {
        let harness = CLIHarness()
        #expect(harness.run(["audit", "verify", "nope"]).code == 1)
        #expect(harness.run(["audit", "export", "nope"]).code == 1)
    }

    @Test("the README's Python verifier accepts an export and rejects an edited one")
    func pythonVerifiesExport() throws {
        let harness = CLIHarness()
        let id = try Self.finishedInstance(harness, nips: harness.addRoster())
        let verifier = harness.write("verify.py", try Self.readmeVerifier())
        let exportPath = harness.directory.appendingPathComponent("export.json").path
        let run = harness.run(["audit", "export", id, "--to", exportPath])
        #expect(run.code == 0, "\(run.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: exportPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(harness.run(["audit", "export", id, "--to", exportPath]).code == 74, "an export never overwrites a file")

        let (code, stdout, stderr) = try Self.python(verifier, exportPath)
        #expect(code == 0, "\(stderr)")
        #expect(stdout.contains("intact: \(id) \(Self.eventCount(harness, id)) events"), "\(stdout)")

        // Someone edits the export: one byte of one payload.
        let text = try String(contentsOfFile: exportPath, encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let events = try #require(document["events"] as? [[String: Any]])
        let original = try #require(events[1]["payloadBase64"] as? String)
        var bytes = try #require(Data(base64Encoded: original))
        bytes[bytes.startIndex] ^= 0x01
        let forged = harness.write("forged.json", text.replacingOccurrences(of: original, with: bytes.base64EncodedString()))
        let (badCode, _, badErr) = try Self.python(verifier, forged)
        #expect(badCode != 0)
        #expect(badErr.contains("event 2 does not verify"))
    }

    /// The ```python block of the README's "Verifying an export" section, exactly as documented.
    static func readmeVerifier() throws -> String {
        let readme = try String(contentsOf: CLIHarness.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Verifying an export"))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```python\n"))
        let end = try #require(rest[start.upperBound...].range(of: "```"))
        return String(rest[start.upperBound..<end.lowerBound])
    }

    static func python(_ script: String, _ argument: String) throws -> (Int32, String, String) {
        try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, argument])
    }
}
