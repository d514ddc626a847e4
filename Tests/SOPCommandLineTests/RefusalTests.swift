import Foundation
import Testing
@testable import SOPCommandLine

/// A command that must be refused, its exit code, a phrase of its message, and (always) an unchanged store.
struct Refusal: CustomTestStringConvertible, Sendable {
    var name: String
    var code: Int32
    var phrase: String
    /// Builds the arguments from the instance id and the roster.
    var arguments: @Sendable (String, [String: String]) -> [String]
    var testDescription: String { name }
}

@Suite("Refused commands change nothing")
struct RefusalTests {
    static let kalsel = "bpmp-kalsel"

    static let refusals: [Refusal] = [
        Refusal(name: "wrong role", code: 1, phrase: "is done by the role 'ppid'") { id, n in
            ["complete", id, "--by", n["bpmp-kalsel/atasan-ppid"] ?? ""] },
        Refusal(name: "unknown officer", code: 1, phrase: "No officer with NIP 199912312020121999") { id, _ in
            ["complete", id, "--by", "199912312020121999"] },
        Refusal(name: "malformed NIP", code: 65, phrase: "a NIP has 18 digits") { id, _ in
            ["complete", id, "--by", "1976070120000310002"] },
        Refusal(name: "inactive step", code: 1, phrase: "Step 'dokumentasikan' is not active; the active step is 'validasi'") { id, n in
            ["complete", id, "--by", n["bpmp-kalsel/ppid"] ?? "", "--step", "dokumentasikan"] },
        Refusal(name: "outcome on a step that is not a decision", code: 1, phrase: "is not a decision") { id, n in
            ["complete", id, "--by", n["bpmp-kalsel/ppid"] ?? "", "--outcome", "ya"] },
        Refusal(name: "time in the future", code: 1, phrase: "is in the future") { id, n in
            ["complete", id, "--by", n["bpmp-kalsel/ppid"] ?? "", "--at", "2026-03-02 12:00"] },
        Refusal(name: "time before the previous event", code: 1, phrase: "before the instance's previous event") { id, n in
            ["complete", id, "--by", n["bpmp-kalsel/ppid"] ?? "", "--at", "2026-03-02 08:00"] },
        Refusal(name: "unreadable time", code: 64, phrase: "YYYY-MM-DD HH:MM") { id, n in
            ["complete", id, "--by", n["bpmp-kalsel/ppid"] ?? "", "--at", "kemarin"] },
        Refusal(name: "unknown instance", code: 1, phrase: "No instance 'bpmp-kalsel-2026-00009'") { _, n in
            ["complete", "bpmp-kalsel-2026-00009", "--by", n["bpmp-kalsel/ppid"] ?? ""] },
        Refusal(name: "missing evidence file", code: 66, phrase: "does not exist") { id, n in
            ["complete", id, "--by", n["bpmp-kalsel/ppid"] ?? "", "--requirement", "disposisi-surat-pengantar=scan/tidak-ada.pdf"] },
        Refusal(name: "unknown requirement id", code: 1, phrase: "'disposisi-surat-pengantar'") { id, n in
            ["complete", id, "--by", n["bpmp-kalsel/ppid"] ?? "", "--requirement", "disposisi=Nomor 1"] },
        Refusal(name: "return to a step never reached", code: 1, phrase: "cannot be returned to 'terima-laporan'") { id, n in
            ["return", id, "--by", n["bpmp-kalsel/ppid"] ?? "", "--to", "terima-laporan", "--reason", "x"] },
        Refusal(name: "cancel by an officer of another agency", code: 1, phrase: "none of this procedure's roles") { id, n in
            ["cancel", id, "--by", n["lpmp-kaltim/ppid"] ?? "", "--reason", "x"] },
        Refusal(name: "missing --by", code: 64, phrase: "--by") { id, _ in ["complete", id] },
    ]

    @Test("each refusal explains itself, exits non-zero and leaves the store unchanged", arguments: refusals)
    func refused(_ refusal: Refusal) throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: try #require(nips["bpmp-kalsel/ppid"]),
                               extra: ["--at", "2026-03-02 08:30"])
        #expect(!id.isEmpty)
        let before = harness.storeSnapshot(id)
        let run = harness.run(refusal.arguments(id, nips))
        #expect(run.code == refusal.code, "\(run.stderr)")
        #expect(run.stderr.contains(refusal.phrase), "\(run.stderr)")
        #expect(harness.storeSnapshot(id) == before)
    }

    @Test("refusals are explained in Indonesian too")
    func indonesian() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: try #require(nips["bpmp-kalsel/ppid"]))
        let run = harness.run(["complete", id, "--by", try #require(nips["bpmp-kalsel/atasan-ppid"]), "--lang", "id"])
        #expect(run.stderr.hasPrefix("Galat: Langkah 'validasi' dikerjakan oleh peran 'ppid'"))
    }

    @Test("a refusal in --json is a stable object with a code")
    func jsonRefusal() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: try #require(nips["bpmp-kalsel/ppid"]))
        let run = harness.run(["complete", id, "--by", try #require(nips["bpmp-kalsel/atasan-ppid"]), "--json"])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(run.stderr.utf8)) as? [String: Any])
        #expect(body["error"] as? String == "wrong-role")
        #expect(body["exitCode"] as? Int == 1)
    }

    @Test("roster changes that make no sense are refused")
    func roster() {
        let harness = CLIHarness()
        let nip = "198001012005011001"
        #expect(harness.run(["officers", "add", nip, "--name", "A"]).code == 0)
        #expect(harness.run(["officers", "add", nip, "--name", "A"]).stderr.contains("already on the roster"))
        #expect(harness.run(["officers", "grant", nip, "--agency", "bpmp-kalsel", "--role", "ppdi"]).stderr.contains("Did you mean 'ppid'?"))
        #expect(harness.run(["officers", "grant", nip, "--agency", "bpmp-kalsl", "--role", "ppid"]).stderr.contains("Did you mean 'bpmp-kalsel'?"))
        #expect(harness.run(["officers", "grant", nip, "--agency", "bpmp-kalsel", "--role", "ppid"]).code == 0)
        #expect(harness.run(["officers", "grant", nip, "--agency", "bpmp-kalsel", "--role", "ppid"]).code == 1)
        #expect(harness.run(["officers", "revoke", nip, "--agency", "bpmp-kalsel", "--role", "atasan-ppid"]).code == 1)
        #expect(harness.run(["officers", "revoke", nip, "--agency", "bpmp-kalsel", "--role", "ppid"]).code == 0)
        #expect(harness.run(["officers", "grant", "198001012005011999", "--agency", "bpmp-kalsel", "--role", "ppid"]).code == 1)
        #expect(harness.run(["officers", "add", "12345", "--name", "B"]).code == 65)
    }
}
