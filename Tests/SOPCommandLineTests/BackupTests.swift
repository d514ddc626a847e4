import Foundation
import Testing
@testable import SOPCommandLine

/// `sop backup` while other sop processes write. (Needs `backup` registered in `SOPTool`.)
@Suite("Backups", .serialized)
struct BackupTests {
    @Test("a backup taken while other processes write is consistent, verified, private and restorable")
    func backupWhileWriting() throws {
        try #require(SOPBinary.url != nil, "the sop binary is built before the tests")
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["lpmp-kaltim/ppid-pelaksana"])
        let ids = (0..<6).map { _ in harness.start("lpmp-kaltim-pos-1050", by: ppid) }
        var env = harness.environment
        env["PATH"] = "/usr/bin:/bin"
        // One writer process per instance, each adding notes one after another: all of them write while the backup runs.
        let binary = try #require(SOPBinary.url).path
        var writers: [Process] = []
        for id in ids {
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            writer.arguments = ["-c", "for n in 1 2 3 4 5 6; do \"$0\" note \"$1\" --by \"$2\" --text \"catatan $n\" || exit 1; done",
                                binary, id, ppid]
            writer.environment = env
            writer.standardOutput = FileHandle.nullDevice
            writer.standardError = FileHandle.nullDevice
            try writer.run()
            writers.append(writer)
        }
        let backup = harness.directory.appendingPathComponent("backup.sqlite").path
        let run = harness.run(["backup", backup, "--json"])
        for writer in writers { writer.waitUntilExit() }
        #expect(run.code == 0, "\(run.stderr)")
        #expect(writers.allSatisfy { $0.terminationStatus == 0 })
        let report = try #require(json(run) as? [String: Any])
        #expect(report["integrity"] as? String == "ok")
        #expect(report["chainsIntact"] as? Bool == true)
        #expect(try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int == 0o600)

        // The backup is a store of its own: it verifies, and holds a prefix of each instance's history.
        var restored = harness.environment
        restored["SOP_STORE"] = backup
        let (code, _, stderr) = try SOPBinary.run(["audit", "verify"], environment: restored.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a })
        #expect(code == 0, "\(stderr)")
        for id in ids {
            let live = try #require(json(harness.run(["history", id, "--json"])) as? [[String: Any]])
            harness.environment = restored
            let copy = try #require(json(harness.run(["history", id, "--json"])) as? [[String: Any]])
            harness.environment = env
            #expect(live.count >= 7)
            #expect(!copy.isEmpty && copy.count <= live.count)
            #expect(copy.map { $0["sequence"] as? Int } == live.prefix(copy.count).map { $0["sequence"] as? Int })
        }
        #expect(harness.run(["backup", backup]).code == 74, "a backup never overwrites a file")
    }
}
