import Foundation
import Testing
import SOPTestSupport
@testable import SOPCommandLine

/// Runs the real `sop` binary, as officers do.
enum SOPBinary {
    static var url: URL? {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("sop"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sop"),
                          CLIHarness.repositoryRoot.appendingPathComponent(".build/debug/sop")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Starts the binary; the caller waits (or kills).
    static func launch(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func run(_ arguments: [String], environment: [String: String]) throws -> (Int32, String, String) {
        try runProcess(url, arguments, environment: environment)
    }
}

@Suite("The real sop binary", .serialized)
struct ProcessTests {
    @Test("validate and a full run of one POS, as separate processes")
    func realBinary() throws {
        try #require(SOPBinary.url != nil, "the sop binary is built before the tests")
        let harness = CLIHarness()
        var env = harness.environment
        env["PATH"] = "/usr/bin:/bin"
        let (code, stdout, _) = try SOPBinary.run(["validate"], environment: env)
        #expect(code == 0)
        #expect(stdout.contains("0 error(s)"))
        let (badCode, _, badErr) = try SOPBinary.run(["nonsense"], environment: env)
        #expect(badCode == 64)
        #expect(badErr.contains("Unknown command"))
        // main.swift copies the locale variables sop reads: LANG picks Indonesian, LC_ALL wins over it.
        let (_, _, idErr) = try SOPBinary.run(["nonsense"], environment: env.merging(["LANG": "id_ID.UTF-8"]) { _, new in new })
        #expect(idErr.contains("tidak dikenal"))
        let (_, _, allErr) = try SOPBinary.run(["nonsense"], environment: env.merging(["LANG": "id_ID.UTF-8", "LC_ALL": "en_US.UTF-8"]) { _, new in new })
        #expect(allErr.contains("Unknown command"))
        let nips = harness.addRoster()
        let ppid = try #require(nips["biro-kesra-kalbar/ppid"])
        let (startCode, id, _) = try SOPBinary.run(["start", "biro-kesra-kalbar-sop-400-257", "--by", ppid], environment: env)
        #expect(startCode == 0)
        let instance = id.trimmingCharacters(in: .whitespacesAndNewlines)
        for lane in ["ppid-pelaksana", "petugas-dokumentasi", "ppid"] {
            let (c, _, e) = try SOPBinary.run(["complete", instance, "--by", nips["biro-kesra-kalbar/\(lane)"] ?? ""], environment: env)
            #expect(c == 0, "\(e)")
        }
        let (_, status, _) = try SOPBinary.run(["status", instance, "--lang", "id"], environment: env)
        #expect(status.contains("Status: selesai"))
        // The store holds exempted information: readable by its owner only.
        let attributes = try FileManager.default.attributesOfItem(atPath: harness.storePath)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
    }

    @Test("two officers completing the same step at once: exactly one succeeds, every time over 50 tries")
    func concurrentCompletion() throws {
        try #require(SOPBinary.url != nil)
        let harness = CLIHarness()
        let env = harness.environment
        let nips = harness.addRoster()
        let first = try #require(nips["lpmp-kaltim/ppid-pelaksana"])
        let second = "198001012005019999"
        harness.run(["officers", "add", second, "--name", "Rekan"])
        harness.run(["officers", "grant", second, "--agency", "lpmp-kaltim", "--role", "ppid-pelaksana"])
        for attempt in 0..<50 {
            let id = harness.start("lpmp-kaltim-pos-1050", by: first)
            let a = try SOPBinary.launch(["complete", id, "--by", first], environment: env)
            let b = try SOPBinary.launch(["complete", id, "--by", second], environment: env)
            a.waitUntilExit()
            b.waitUntilExit()
            let codes = [a.terminationStatus, b.terminationStatus].sorted()
            #expect(codes == [0, 1], "attempt \(attempt): \(codes)")
            let history = try #require(json(harness.run(["history", id, "--json"])) as? [[String: Any]])
            #expect(history.filter { $0["kind"] as? String == "step-completed" }.count == 1, "attempt \(attempt)")
        }
    }

    @Test("kill -9 in the middle of commands: the database stays intact and every acknowledged command is there")
    func killNine() throws {
        try #require(SOPBinary.url != nil)
        let harness = CLIHarness()
        let env = harness.environment
        let nips = harness.addRoster()
        let ppid = try #require(nips["bpmp-kalsel/ppid"])
        let id = harness.start("bpmp-kalsel-pos-1-i-29-2024", by: ppid)
        var generator = SystemRandomNumberGenerator()
        var acknowledged: [String] = []
        var killed = 0
        for round in 0..<15 {
            var running: [(Process, String)] = []
            for writer in 0..<4 {
                let text = "catatan-\(round)-\(writer)"
                running.append((try SOPBinary.launch(["note", id, "--by", ppid, "--text", text], environment: env), text))
            }
            // Kill some writers at a random moment of their run (0–40 ms after launch).
            usleep(UInt32.random(in: 0...40_000, using: &generator))
            for (process, _) in running where Bool.random(using: &generator) {
                kill(process.processIdentifier, SIGKILL)
            }
            for (process, text) in running {
                process.waitUntilExit()
                if process.terminationReason == .exit && process.terminationStatus == 0 { acknowledged.append(text) }
                if process.terminationReason == .uncaughtSignal { killed += 1 }
            }
        }
        #expect(killed > 0, "some writers were killed")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "the sqlite3 shell (.ci/run installs it)")
        let (_, output, _) = try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), [harness.storePath, "PRAGMA integrity_check;"])
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        let history = try #require(json(harness.run(["history", id, "--json"])) as? [[String: Any]])
        let notes = history.compactMap { $0["text"] as? String }
        for text in acknowledged {
            #expect(notes.filter { $0 == text }.count == 1, "\(text) acknowledged but not stored exactly once")
        }
        #expect(notes.count >= acknowledged.count)
        let sequences = history.compactMap { $0["sequence"] as? Int }
        #expect(sequences == Array(1...sequences.count), "no gap, no duplicate")
    }
}
