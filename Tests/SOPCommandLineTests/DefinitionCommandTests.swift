import Foundation
import Testing
@testable import SOPCommandLine

@Suite("Administrator commands: validate, lint, show, definitions")
struct DefinitionCommandTests {
    @Test("validate passes the shipped definitions")
    func validateShipped() {
        let run = CLIHarness().run(["validate"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("3 file(s): 0 error(s), 0 warning(s)."))
    }

    @Test("validate reports every error of a bad file as JSON, and exits 65")
    func validateBadFile() throws {
        let harness = CLIHarness()
        let path = harness.write("bad/contoh.json", """
        {"id": "Contoh", "version": "1", "agency": {"id": "x", "name": "X"}, "number": "1", "name": "N",
         "dates": {}, "approver": {"title": "T", "name": "N"}, "calendar": {"timeZone": "Asia/Makassar", "name": "c"},
         "actors": [{"id": "ppid", "name": "PPID"}],
         "steps": [{"id": "a", "number": "1", "activity": "A", "actor": "ppdi", "timeLimit": "1 Jem", "acter": "x"}]}
        """)
        let run = harness.run(["validate", path, "--json"])
        #expect(run.code == 65)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let codes = array.compactMap { $0["code"] as? String }
        #expect(Set(codes) == ["invalid-id", "unknown-field", "invalid-time-limit", "unknown-actor"])
        let unknownActor = try #require(array.first { $0["code"] as? String == "unknown-actor" })
        #expect(unknownActor["path"] as? String == "$.steps[0].actor")
        #expect(unknownActor["line"] as? Int == 4)
        #expect(unknownActor["severity"] as? String == "error")
        #expect((unknownActor["suggestion"] as? String)?.contains("'ppid'") == true)
        #expect(Set(array.flatMap { $0.keys }) == ["severity", "code", "file", "line", "column", "path", "message",
                                                    "expected", "found", "suggestion"])
    }

    @Test("a definition naming a calendar that does not exist is refused, with the known calendars")
    func unknownCalendar() throws {
        let harness = CLIHarness()
        let source = CLIHarness.repositoryRoot.appendingPathComponent("definitions/lpmp-kaltim-pos-1050.json")
        let text = try String(contentsOf: source, encoding: .utf8)
        harness.useDefinitions("defs")
        harness.write("defs/kaltim.json", text.replacingOccurrences(of: "asn-perpres-21-2023", with: "asn-perpres-21-2032"))
        let run = harness.run(["validate"])
        #expect(run.code == 65)
        #expect(run.stdout.contains("error[unknown-calendar]"))
        #expect(run.stdout.contains("did you mean 'asn-perpres-21-2023'?"))
    }

    @Test("messages follow --lang and LANG")
    func languages() {
        let harness = CLIHarness()
        let path = harness.write("x.json", "{")
        #expect(harness.run(["validate", path, "--lang", "id"]).stdout.contains("galat[invalid-json]"))
        #expect(harness.run(["validate", path, "--lang", "en"]).stdout.contains("error[invalid-json]"))
        harness.environment["LANG"] = "id_ID.UTF-8"
        let run = harness.run(["validate", path])
        #expect(run.stdout.contains("galat[invalid-json]"))
        #expect(run.stdout.contains("1 berkas: 1 galat, 0 peringatan."))
    }

    @Test("input that is not a definition never crashes and exits non-zero")
    func hostileFiles() {
        let harness = CLIHarness()
        let empty = harness.write("e/empty.json", "")
        let utf8 = harness.directory.appendingPathComponent("e/latin1.json")
        try? Data([0x7B, 0x22, 0xE9, 0x22, 0x7D]).write(to: utf8)
        try? FileManager.default.createDirectory(at: harness.directory.appendingPathComponent("nothing"), withIntermediateDirectories: true)
        #expect(harness.run(["validate", empty]).code == 65)
        #expect(harness.run(["validate", utf8.path]).stdout.contains("invalid-utf8"))
        #expect(harness.run(["validate", "nothing"]).code == 66)
        #expect(harness.run(["validate", "missing.json"]).code == 66)
    }

    @Test("lint finds the sources' defects as warnings; --strict makes them fail")
    func lint() {
        let harness = CLIHarness()
        let run = harness.run(["lint"])
        #expect(run.code == 0)
        for code in ["nip-length", "broken-chain", "foreign-body", "not-effective", "superseded-regulation", "label-typo"] {
            #expect(run.stdout.contains("warning[\(code)]"), "\(code)")
        }
        #expect(harness.run(["lint", "--strict"]).code == 65)
    }

    @Test("a bad command line exits 64 with a suggestion and the usage")
    func usageErrors() {
        let harness = CLIHarness()
        let typo = harness.run(["valdate"])
        #expect(typo.code == 64)
        #expect(typo.stderr.hasPrefix("Error: Unknown command 'valdate'. Did you mean 'validate'?\n"))
        let option = harness.run(["lint", "--strcit"])
        #expect(option.code == 64)
        #expect(option.stderr == """
            Error: Unknown option '--strcit'. Did you mean '--strict'?
            Usage: sop lint [<path> ...] [--strict]
              See 'sop lint --help' for more information.

            """)
        #expect(harness.run(["show"]).code == 64)
        #expect(harness.run(["officers"]).code == 64)
        #expect(harness.run(["validate", "--lang", "fr"]).code == 64)
    }

    @Test("help is generated from the command's declaration")
    func help() {
        let run = CLIHarness().run(["complete", "--help"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("OVERVIEW: Complete the active step as your role.\n\nUSAGE: sop complete <instance> --by"))
        for option in ["--requirement <id=file|text>", "--outcome <label>", "--at <time>", "--lang <lang>"] {
            #expect(run.stdout.contains(option), "\(option)")
        }
        #expect(CLIHarness().run(["--help", "--lang", "id"]).stdout.contains("SUBPERINTAH:"))
    }

    @Test("show prints the sheet within 80 columns, with a mark in each step's lane", arguments: [
        "lpmp-kaltim-pos-1050", "bpmp-kalsel-pos-1-i-29-2024", "biro-kesra-kalbar-sop-400-257"])
    func show(_ id: String) {
        let run = CLIHarness().run(["show", id])
        #expect(run.code == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        #expect(run.stdout.contains("■"))
        #expect(run.stdout.contains("Waktu"))
    }

    @Test("show of an unknown id suggests the closest")
    func showUnknown() {
        let run = CLIHarness().run(["show", "lpmp-kaltim-pos-105"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("Did you mean 'lpmp-kaltim-pos-1050'?"))
    }

    @Test("definitions lists id, version, agency, steps and total time")
    func definitions() throws {
        let run = CLIHarness().run(["definitions", "--json"])
        #expect(run.code == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let kalsel = try #require(array.first { $0["id"] as? String == "bpmp-kalsel-pos-1-i-29-2024" })
        #expect(kalsel["steps"] as? Int == 5)
        #expect(kalsel["totalMinutes"] as? Int == 120)
        #expect(kalsel["effective"] as? String == "2024-08-15")
        #expect(array.count == 3)
    }
}
