import Foundation
import Testing
import SOPTestSupport
@testable import SOPCommandLine

/// `sop evidence get`, the evidence size limit and the store's permissions. (Needs `evidence` registered in `SOPTool`.)
@Suite("Evidence protection")
struct EvidenceCommandTests {
    static let content = "%PDF-1.4 disposisi"

    /// An instance whose first step recorded a file, and the officers.
    static func instanceWithFile(_ harness: CLIHarness) throws -> (id: String, nips: [String: String]) {
        let nips = harness.addRoster()
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: ppid)
        let letter = harness.write("disposisi.pdf", content)
        let run = harness.run(["complete", id, "--by", ppid, "--requirement", "disposisi-surat-pengantar=\(letter)"])
        #expect(run.code == 0, "\(run.stderr)")
        return (id, nips)
    }

    static func history(_ harness: CLIHarness, _ id: String) -> [[String: Any]] {
        json(harness.run(["history", id, "--json"])) as? [[String: Any]] ?? []
    }

    @Test("a participant gets the file (0600, verified), and the read is an event: who, what, when")
    func participantReads() throws {
        let harness = CLIHarness()
        let (id, nips) = try Self.instanceWithFile(harness)
        let reader = try #require(nips["bpmp-kalsel/atasan-ppid"])
        harness.clock.advance(seconds: 600)
        let run = harness.run(["evidence", "get", id, "disposisi-surat-pengantar", "--by", reader, "--to", "copy.pdf", "--json"])
        #expect(run.code == 0, "\(run.stderr)")
        let copy = harness.directory.appendingPathComponent("copy.pdf").path
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == Self.content)
        #expect(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int == 0o600)
        let event = try #require(Self.history(harness, id).last)
        #expect(event["kind"] as? String == "evidence-read")
        #expect((event["officer"] as? [String: Any])?["nip"] as? String == reader)
        #expect(event["role"] as? String == "atasan-ppid")
        #expect(event["item"] as? String == "disposisi-surat-pengantar")
        #expect((event["sha256"] as? String)?.count == 64)
        #expect(event["occurredAt"] as? String == "2026-03-02T09:10:00+08:00")
        #expect(harness.run(["evidence", "get", id, "disposisi-surat-pengantar", "--by", reader, "--to", "copy.pdf"]).code == 74,
                "an existing file is never overwritten")
        #expect(harness.run(["audit", "verify"]).code == 0)
    }

    @Test("an officer of another agency, and an unknown NIP, are refused, and each refusal is recorded", arguments: [true, false])
    func outsiderRefused(onRoster: Bool) throws {
        let harness = CLIHarness()
        let (id, nips) = try Self.instanceWithFile(harness)
        let outsider = onRoster ? try #require(nips["lpmp-kaltim/ppid"]) : "199901012020011001"
        let run = harness.run(["evidence", "get", id, "disposisi-surat-pengantar", "--by", outsider, "--to", "copy.pdf"])
        #expect(run.code == 1)
        #expect(run.stderr.contains("refusal was recorded"))
        #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("copy.pdf").path))
        #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("copy.pdf.sop-partial").path))
        let event = try #require(Self.history(harness, id).last)
        #expect(event["kind"] as? String == "evidence-refused")
        #expect(event["reader"] as? String == outsider)
        #expect(event["reason"] as? String == (onRoster ? "not-a-participant" : "unknown-officer"))
        #expect(event["role"] is NSNull)
    }

    @Test("reads and refusals are allowed after the instance was cancelled")
    func afterCancel() throws {
        let harness = CLIHarness()
        let (id, nips) = try Self.instanceWithFile(harness)
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        #expect(harness.run(["cancel", id, "--by", ppid, "--reason", "Salah input"]).code == 0)
        #expect(harness.run(["evidence", "get", id, "disposisi-surat-pengantar", "--by", ppid, "--to", "a.pdf"]).code == 0)
        #expect(harness.run(["evidence", "get", id, "disposisi-surat-pengantar", "--by", try #require(nips["lpmp-kaltim/ppid"]),
                             "--to", "b.pdf"]).code == 1)
        #expect(Self.history(harness, id).suffix(2).map { $0["kind"] as? String } == ["evidence-read", "evidence-refused"])
        #expect(harness.run(["status", id]).code == 0)
    }

    @Test("evidence whose stored bytes changed is not handed out")
    func corruptEvidence() throws {
        let harness = CLIHarness()
        let (id, nips) = try Self.instanceWithFile(harness)
        try SQLiteShell.run(harness.storePath, "UPDATE evidence SET data = CAST('%PDF-1.4 forged!!' AS BLOB);")
        let run = harness.run(["evidence", "get", id, "disposisi-surat-pengantar", "--by", try #require(nips["bpmp-kalsel/ppid"]),
                               "--to", "copy.pdf", "--json"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("\"evidence-corrupt\""))
        #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("copy.pdf").path))
    }

    @Test("an unknown evidence item is refused without writing anything")
    func unknownItem() throws {
        let harness = CLIHarness()
        let (id, nips) = try Self.instanceWithFile(harness)
        let run = harness.run(["evidence", "get", id, "nope", "--by", try #require(nips["bpmp-kalsel/ppid"]), "--to", "x"])
        #expect(run.code == 1)
        #expect(run.stderr.contains("disposisi-surat-pengantar"))
    }

    @Test("the evidence size limit comes from SOP_EVIDENCE_MAX_BYTES")
    func sizeLimit() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: ppid)
        let letter = harness.write("disposisi.pdf", Self.content)
        harness.environment["SOP_EVIDENCE_MAX_BYTES"] = "10"
        let refused = harness.run(["complete", id, "--by", ppid, "--requirement", "disposisi-surat-pengantar=\(letter)", "--json"])
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("\"evidence-too-large\""))
        harness.environment["SOP_EVIDENCE_MAX_BYTES"] = "ten"
        #expect(harness.run(["complete", id, "--by", ppid, "--requirement", "disposisi-surat-pengantar=\(letter)"]).code == 64)
        harness.environment["SOP_EVIDENCE_MAX_BYTES"] = "\(Self.content.utf8.count)"
        #expect(harness.run(["complete", id, "--by", ppid, "--requirement", "disposisi-surat-pengantar=\(letter)"]).code == 0)
    }

    @Test("a store that others can read is refused, with the chmod that fixes it")
    func sharedStoreRefused() throws {
        let harness = CLIHarness()
        #expect(harness.run(["officers", "add", "198001012005011001", "--name", "Rina"]).code == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: harness.storePath)
        let run = harness.run(["officers", "list"])
        #expect(run.code == 1)
        #expect(run.stderr.contains("chmod 600 '\(harness.storePath)'"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: harness.storePath)
        #expect(harness.run(["officers", "list"]).code == 0)
    }
}
