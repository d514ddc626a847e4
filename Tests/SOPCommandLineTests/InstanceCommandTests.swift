import Foundation
import Testing
@testable import SOPCommandLine

/// Parses a run's stdout as JSON.
func json(_ run: SOPRun) -> Any? { try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) }

extension CLIHarness {
    /// Everything the store holds that a command could change, as text, to prove a refusal changed nothing.
    func storeSnapshot(_ instance: String) -> String {
        run(["history", instance, "--json"]).stdout + run(["list", "--json"]).stdout + run(["officers", "list", "--json"]).stdout
    }

    /// Starts an instance and returns its id.
    func start(_ definition: String, by nip: String, extra: [String] = []) -> String {
        run(["start", definition, "--by", nip] + extra).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Suite("Running instances through the command line")
struct InstanceCommandTests {
    static let sources: [(String, String, [String])] = [
        ("lpmp-kaltim-pos-1050", "lpmp-kaltim", ["ppid-pelaksana", "petugas-dokumentasi-arsip", "ppid"]),
        ("bpmp-kalsel-pos-1-i-29-2024", "bpmp-kalsel", ["ppid", "ppid", "pengadministrasi-umum", "ppid", "atasan-ppid"]),
        ("biro-kesra-kalbar-sop-400-257", "biro-kesra-kalbar", ["ppid-pelaksana", "petugas-dokumentasi", "ppid"]),
    ]

    @Test("each shipped POS runs from start to end", arguments: sources)
    func runsToEnd(_ definition: String, _ agency: String, _ lanes: [String]) throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let starter = try #require(nips["\(agency)/\(lanes[0])"])
        let id = harness.start(definition, by: starter, extra: ["--title", "Daftar 2026"])
        #expect(id.hasPrefix("\(agency)-2026-"))
        for lane in lanes {
            harness.clock.advance(seconds: 20 * 60)
            let nip = try #require(nips["\(agency)/\(lane)"])
            let inbox = harness.run(["inbox", "--by", nip, "--json"])
            #expect(inbox.stdout.contains("\"\(id)\""), "the step waits in \(lane)'s inbox")
            let run = harness.run(["complete", id, "--by", nip, "--note", "selesai"])
            #expect(run.code == 0, "\(run.stderr)")
        }
        let status = try #require(json(harness.run(["status", id, "--json"])) as? [String: Any])
        let instance = try #require(status["instance"] as? [String: Any])
        #expect(instance["status"] as? String == "done")
        let kinds = (status["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.filter { $0 == "step-completed" }.count == lanes.count)
        #expect(kinds.first == "started")
        #expect(harness.run(["list", "--done", "--json"]).stdout.contains(id))
        #expect(!harness.run(["list", "--open", "--json"]).stdout.contains(id))
    }

    @Test("requirements and outputs are recorded as files (by SHA-256) or text; what is missing is recorded")
    func evidence() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: ppid)
        let letter = harness.write("disposisi.pdf", "%PDF-1.4 disposisi")
        let run = harness.run(["complete", id, "--by", ppid, "--requirement", "disposisi-surat-pengantar=\(letter)", "--json"])
        #expect(run.code == 0, "\(run.stderr)")
        let body = try #require(json(run) as? [String: Any])
        let event = try #require((body["events"] as? [[String: Any]])?.first)
        let requirement = try #require((event["requirements"] as? [[String: Any]])?.first)
        #expect(requirement["kind"] as? String == "file")
        #expect(requirement["name"] as? String == "disposisi.pdf")
        #expect(requirement["mediaType"] as? String == "application/pdf")
        #expect((requirement["sha256"] as? String)?.count == 64)
        #expect(event["missingOutputs"] as? [String] == ["validasi-daftar"])
        let second = harness.run(["complete", id, "--by", ppid, "--output", "klasifikasi-daftar=Nomor 12/PPID/2026", "--json"])
        let output = try #require(((json(second) as? [String: Any])?["events"] as? [[String: Any]])?.first?["outputs"] as? [[String: Any]])
        #expect(output.first?["kind"] as? String == "text")
        #expect(output.first?["text"] as? String == "Nomor 12/PPID/2026")
    }

    @Test("a decision and a rework loop through a small definition")
    func decisionAndRework() throws {
        let harness = CLIHarness()
        harness.write("defs/periksa.json", """
        {"id": "periksa", "version": "1", "agency": {"id": "contoh", "name": "Badan Contoh"}, "number": "1", "name": "Pemeriksaan",
         "dates": {}, "approver": {"title": "Kepala", "name": "N"}, "calendar": {"timeZone": "Asia/Pontianak", "name": "asn-perpres-21-2023"},
         "actors": [{"id": "petugas", "name": "Petugas"}, {"id": "ppid", "name": "PPID"}],
         "steps": [
          {"id": "siapkan", "number": "1", "activity": "Menyiapkan", "actor": "petugas", "timeLimit": "30 Menit"},
          {"id": "periksa", "number": "2", "activity": "Memeriksa", "actor": "ppid", "timeLimit": "1 Jam",
           "decision": {"question": "Lengkap?", "outcomes": [{"label": "ya", "next": "arsipkan"}, {"label": "tidak", "next": "siapkan"}]}},
          {"id": "arsipkan", "number": "3", "activity": "Mengarsipkan", "actor": "petugas", "timeLimit": "15 Menit"}]}
        """)
        harness.useDefinitions("defs")
        let petugas = "198001012005011001", ppid = "198001012005011002"
        harness.run(["officers", "add", petugas, "--name", "Petugas"])
        harness.run(["officers", "add", ppid, "--name", "PPID"])
        #expect(harness.run(["officers", "grant", petugas, "--agency", "contoh", "--role", "petugas"]).code == 0)
        #expect(harness.run(["officers", "grant", ppid, "--agency", "contoh", "--role", "ppid"]).code == 0)
        let id = harness.start("periksa", by: petugas)
        #expect(harness.run(["complete", id, "--by", petugas]).code == 0)
        let missing = harness.run(["complete", id, "--by", ppid])
        #expect(missing.code == 1)
        #expect(missing.stderr.contains("'ya', 'tidak'"))
        let bad = harness.run(["complete", id, "--by", ppid, "--outcome", "mungkin"])
        #expect(bad.code == 1)
        #expect(bad.stderr.contains("Outcome 'mungkin' is not one of 'ya', 'tidak'."))
        #expect(harness.run(["complete", id, "--by", ppid, "--outcome", "tidak"]).stdout.contains("now at step 1 'siapkan'"))
        #expect(harness.run(["complete", id, "--by", petugas]).code == 0)
        #expect(harness.run(["complete", id, "--by", ppid, "--outcome", "ya"]).stdout.contains("now at step 3 'arsipkan'"))
        #expect(harness.run(["return", id, "--by", petugas, "--to", "periksa", "--reason", "Lampiran kurang"]).code == 0)
        #expect(harness.run(["status", id]).stdout.contains("Current step: 2 Memeriksa"))
        #expect(harness.run(["complete", id, "--by", ppid, "--outcome", "ya"]).code == 0)
        #expect(harness.run(["complete", id, "--by", petugas]).stdout.contains("done"))
        let history = try #require(json(harness.run(["history", id, "--json"])) as? [[String: Any]])
        #expect(history.compactMap { $0["kind"] as? String } == [
            "started", "step-completed", "step-completed", "step-completed", "step-completed", "returned",
            "step-completed", "step-completed"])
        #expect(history.last?["occurredAt"] as? String == "2026-03-02T08:00:00+07:00", "times are shown in WIB")
    }

    @Test("cancel with a reason closes the instance; later commands are refused")
    func cancel() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["lpmp-kaltim/ppid"])
        let id = harness.start("lpmp-kaltim-pos-1050", by: ppid)
        #expect(harness.run(["cancel", id, "--by", ppid]).code == 64, "a reason is required")
        #expect(harness.run(["cancel", id, "--by", ppid, "--reason", "Salah input"]).stdout.contains("cancelled"))
        let after = harness.run(["complete", id, "--by", try #require(nips["lpmp-kaltim/ppid-pelaksana"])])
        #expect(after.code == 1)
        #expect(after.stderr.contains("cancelled"))
    }

    @Test("the instance stays pinned to the definition version it started with")
    func pinned() throws {
        let harness = CLIHarness()
        let source = CLIHarness.repositoryRoot.appendingPathComponent("definitions/lpmp-kaltim-pos-1050.json")
        let text = try String(contentsOf: source, encoding: .utf8)
        harness.write("defs/kaltim.json", text.replacingOccurrences(of: "\"$schema\": \"../schema/sop-definition.schema.json\",", with: ""))
        harness.useDefinitions("defs")
        let nips = harness.addRoster()
        let first = try #require(nips["lpmp-kaltim/ppid-pelaksana"])
        let id = harness.start("lpmp-kaltim-pos-1050", by: first)
        // Revise the file: the first step now belongs to another lane. The running instance must not notice.
        harness.write("defs/kaltim.json", text.replacingOccurrences(of: "\"actor\" : \"ppid-pelaksana\"", with: "\"actor\" : \"ppid\"")
                                            .replacingOccurrences(of: "\"actor\": \"ppid-pelaksana\"", with: "\"actor\": \"ppid\""))
        #expect(harness.run(["complete", id, "--by", first]).code == 0)
    }
}
