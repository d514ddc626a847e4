import Foundation
import Testing
@testable import SOPCommandLine

extension CLIHarness {
    func deviations(_ extra: [String] = []) -> [[String: Any]] {
        ((json(run(["report", "deviations", "--json"] + extra)) as? [String: Any])?["deviations"] as? [[String: Any]]) ?? []
    }
}

/// Each peringatan of the three sources produces the deviations it demands, charged to who answers for them.
@Suite("Deviations, accounts and SLA reports through the command line")
struct SLACommandTests {
    /// 2026-03-02 is a Monday; 09:00 WITA. Steps run during working hours unless a test says otherwise.
    @Test("Kalsel: a late step and missing items are failures the executor must account for")
    func kalsel() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        let atasan = try #require(nips["bpmp-kalsel/atasan-ppid"])
        let admin = try #require(nips["bpmp-kalsel/pengadministrasi-umum"])
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: ppid)
        harness.clock.advance(seconds: 45 * 60)  // 45 working minutes against a 30 Menit limit
        #expect(harness.run(["complete", id, "--by", ppid, "--requirement", "disposisi-surat-pengantar=No. 7/2026"]).code == 0)
        let found = harness.deviations()
        let late = try #require(found.first { $0["kind"] as? String == "late" })
        #expect(late["id"] as? String == "\(id)/late/validasi/1")
        #expect(late["minutesOver"] as? Int == 15)
        #expect(late["answerableNip"] as? String == ppid)
        #expect(late["accountRequired"] as? Bool == true)
        #expect(late["severity"] as? String == "failure")
        let missing = try #require(found.first { $0["kind"] as? String == "missing-output" })
        #expect(missing["missingItems"] as? [String] == ["validasi-daftar"])
        #expect(!found.contains { $0["kind"] as? String == "missing-requirement" }, "the requirement was given")

        // Only the executor or the superior role (Atasan PPID) may account.
        let refused = harness.run(["account", "\(id)/late/validasi/1", "--by", admin, "--reason", "x"])
        #expect(refused.code == 1)
        #expect(harness.run(["account", "\(id)/late/validasi/1", "--by", ppid, "--reason", "Jaringan terputus"]).code == 0)
        #expect(harness.run(["account", "\(id)/missing-output/validasi/1", "--by", atasan, "--reason", "Menyusul"]).code == 0)
        #expect(harness.run(["account", "\(id)/late/validasi/1", "--by", ppid, "--reason", "lagi"]).code == 1, "already accounted")
        let report = try #require(json(harness.run(["report", "deviations", "--json"])) as? [String: Any])
        let totals = try #require(report["totals"] as? [String: Int])
        #expect(totals["total"] == 2)
        #expect(totals["accounted"] == 2)
        #expect(totals["awaitingAccount"] == 0)
        #expect(harness.deviations().allSatisfy { $0["status"] as? String == "accounted" })
    }

    @Test("Kaltim and Kalbar: a cancelled instance is 'not run', answered by the POS owner", arguments: [
        ("lpmp-kaltim-pos-1050", "lpmp-kaltim"), ("biro-kesra-kalbar-sop-400-257", "biro-kesra-kalbar")])
    func notRunWhenCancelled(_ definition: String, _ agency: String) throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["\(agency)/ppid"])
        let id = harness.start(definition, by: ppid)
        #expect(harness.run(["cancel", id, "--by", ppid, "--reason", "Dokumen ditarik"]).code == 0)
        let notRun = try #require(harness.deviations().first { $0["kind"] as? String == "not-run" })
        #expect(notRun["answerableRole"] as? String == "ppid")
        #expect(notRun["notRunCause"] as? String == "cancelled")
        #expect(notRun["severity"] as? String == "failure")
    }

    @Test("Kaltim: an instance left without action beyond the policy's limit is stalled; sop check records it once")
    func stalled() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let id = harness.start("lpmp-kaltim-pos-1050", by: try #require(nips["lpmp-kaltim/ppid-pelaksana"]))
        harness.clock.advance(seconds: 2 * 3600)
        let early = try #require(json(harness.run(["check", "--json"])) as? [String: Any])
        #expect((early["recorded"] as? [Any])?.count == 1, "only the overdue step so far")
        harness.clock.advance(seconds: 8 * 24 * 3600)  // past 5 working days
        let first = try #require(json(harness.run(["check", "--json"])) as? [String: Any])
        let recorded = try #require(first["recorded"] as? [[String: Any]])
        #expect(recorded.map { $0["kind"] as? String } == ["not-run"])
        #expect(recorded.first?["notRunCause"] as? String == "stalled")
        let before = harness.run(["history", id, "--json"]).stdout
        let second = try #require(json(harness.run(["check", "--json"])) as? [String: Any])
        #expect((second["recorded"] as? [Any])?.isEmpty == true)
        #expect(harness.run(["history", id, "--json"]).stdout == before, "check is idempotent")
        let late = try #require(harness.deviations().first { $0["kind"] as? String == "late" })
        #expect(late["severity"] as? String == "notice", "Kaltim's peringatan names no accountability for lateness")
    }

    @Test("inbox and status show the deadline in working time, at risk at 80 %, then overdue")
    func inboxDeadlines() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: ppid)
        harness.clock.advance(seconds: 25 * 60)
        let inbox = try #require(json(harness.run(["inbox", "--by", ppid, "--json"])) as? [[String: Any]])
        let sla = try #require(inbox.first?["sla"] as? [String: Any])
        #expect(sla["minutesLeft"] as? Int == 5)
        #expect(sla["atRisk"] as? Bool == true)
        #expect(sla["deadline"] as? String == "2026-03-02T09:30:00+08:00")
        #expect(harness.run(["inbox", "--by", ppid]).stdout.contains("5 min (at risk)"))
        harness.clock.advance(seconds: 10 * 60)
        #expect(harness.run(["status", id]).stdout.contains("OVERDUE by 5 min"))
        #expect(harness.run(["status", id, "--lang", "id"]).stdout.contains("LEWAT 5 Menit"))
    }

    @Test("reports on a seeded store match counts computed independently")
    func seededReport() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let lanes = ["pelaksana": "lpmp-kaltim/ppid-pelaksana", "arsip": "lpmp-kaltim/petugas-dokumentasi-arsip", "ppid": "lpmp-kaltim/ppid"]
        let officer = { (lane: String) in nips[lanes[lane] ?? ""] ?? "" }
        // Instance i: step 1 takes 30 + 20·i minutes (limit 60: late when i >= 2); every third is cancelled after step 1.
        var durations: [Int] = []
        var cancelled = 0
        for i in 0..<7 {
            let id = harness.start("lpmp-kaltim-pos-1050", by: officer("ppid"))
            let minutes = 30 + 20 * i
            durations.append(minutes)
            harness.clock.advance(seconds: Double(minutes * 60))
            #expect(harness.run(["complete", id, "--by", officer("pelaksana")]).code == 0)
            if i % 3 == 2 {
                #expect(harness.run(["cancel", id, "--by", officer("ppid"), "--reason", "uji"]).code == 0)
                cancelled += 1
            } else {
                harness.clock.advance(seconds: 10 * 60)
                #expect(harness.run(["complete", id, "--by", officer("arsip")]).code == 0)
                #expect(harness.run(["complete", id, "--by", officer("ppid")]).code == 0)
            }
            // Next instance starts the next working day at 09:00 so no instance spans a weekend.
            harness.clock.set(CLIHarness.monday.addingTimeInterval(Double(i + 1) * 86_400 + (i >= 4 ? 2 * 86_400 : 0)))
        }
        let report = try #require(json(harness.run(["report", "sla", "--json"])) as? [String: Any])
        let rows = try #require(report["rows"] as? [[String: Any]])
        let first = try #require(rows.first { $0["step"] as? String == "hasilkan-dan-simpan" })
        let sorted = durations.sorted()
        #expect(first["count"] as? Int == 7)
        #expect(first["completed"] as? Int == 7)
        #expect(first["onTime"] as? Int == durations.filter { $0 <= 60 }.count)
        #expect(first["breaches"] as? Int == durations.filter { $0 > 60 }.count)
        #expect(first["medianMinutes"] as? Int == sorted[(sorted.count + 1) / 2 - 1])
        #expect(first["p90Minutes"] as? Int == sorted[Int((0.9 * Double(sorted.count)).rounded(.up)) - 1])
        let second = try #require(rows.first { $0["step"] as? String == "serahkan-dan-data" })
        #expect(second["completed"] as? Int == 7 - cancelled)
        let deviations = try #require(json(harness.run(["report", "deviations", "--json"])) as? [String: Any])
        let byKind = try #require(deviations["byKind"] as? [[String: Any]])
        let count = { (kind: String) in ((byKind.first { $0["kind"] as? String == kind })?["counts"] as? [String: Int])?["total"] }
        #expect(count("late") == durations.filter { $0 > 60 }.count)
        #expect(count("not-run") == cancelled)
        // The same figures as CSV, one row per step of the definition.
        let csv = harness.run(["report", "sla", "--format", "csv", "--definition", "lpmp-kaltim-pos-1050"]).stdout
        let lines = csv.split(separator: "\r\n")
        #expect(lines.first == "definition,step,limit_minutes,count,completed,on_time,on_time_rate,median_minutes,p90_minutes,breaches")
        #expect(lines.count == 4)
        let filtered = try #require(json(harness.run(["report", "sla", "--json", "--step", "hasilkan-dan-simpan",
                                                      "--from", "2026-03-03", "--to", "2026-03-04"])) as? [String: Any])
        #expect(((filtered["rows"] as? [[String: Any]])?.first?["count"] as? Int) == 2, "two instances started on those two days")
    }
}

@Suite("Quality commands refuse bad input clearly")
struct SLACommandInputTests {
    @Test("a deviation id that is not INSTANCE/KIND/STEP/N is invalid data, and nothing is written")
    func malformedDeviationID() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: ppid)
        let before = harness.storeSnapshot(id)
        let run = harness.run(["account", "bukan-id", "--by", ppid, "--reason", "x"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("INSTANCE/KIND/STEP/N"))
        #expect(harness.storeSnapshot(id) == before)
    }

    @Test("an unknown deviation of a real instance is refused with the recorded ids")
    func unknownDeviation() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: ppid)
        let run = harness.run(["account", "\(id)/late/validasi/1", "--by", ppid, "--reason", "x", "--json"])
        #expect(run.code == 1)
        #expect(run.stderr.contains("\"error\": \"unknown-deviation\""))
    }

    @Test("report periods must be dates, and the format one of table or csv")
    func reportOptions() {
        let harness = CLIHarness()
        _ = harness.addRoster()
        let badDate = harness.run(["report", "sla", "--from", "1 Maret"])
        #expect(badDate.code == 64)
        #expect(badDate.stderr.contains("YYYY-MM-DD"))
        let badFormat = harness.run(["report", "deviations", "--format", "xlsx"])
        #expect(badFormat.code == 64)
        #expect(badFormat.stderr.contains("'table', 'csv'"))
    }
}
