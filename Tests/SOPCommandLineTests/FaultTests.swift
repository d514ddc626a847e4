import Foundation
import SOPCore
import SOPSQLite
import Testing
import SOPTestSupport

/// Small file systems for fault tests: a tmpfs of a given size (full disk), remounted read-only.
/// Needs root (or CAP_SYS_ADMIN); where mounting is refused the tests that need it say so and stop.
enum Mount {
    static func run(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/usr/bin/mount") ? "/usr/bin/mount" : "/bin/mount")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Mounts a fresh tmpfs of `bytes` at `folder` (created); false when the system refuses.
    static func tmpfs(at folder: URL, bytes: Int) -> Bool {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return run(["-t", "tmpfs", "-o", "size=\(bytes),mode=0700", "tmpfs", folder.path])
    }

    static func remount(_ folder: URL, readOnly: Bool) -> Bool { run(["-o", "remount," + (readOnly ? "ro" : "rw"), folder.path]) }

    static func unmount(_ folder: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/usr/bin/umount") ? "/usr/bin/umount" : "/bin/umount")
        process.arguments = ["-l", folder.path]
        try? process.run()
        process.waitUntilExit()
    }
}

/// Faults under sop: a read-only store, a full disk, a store deleted or truncated under a command, a
/// corrupted page. Each must end in a clear error (exit 74), leave no half-written state, and never be
/// reported as success. See README, "Reliability".
@Suite("Faults: the store fails, sop says so and records nothing half-way", .serialized)
struct FaultTests {
    static let ppidNIP = "198001012005010004"  // bpmp-kalsel/ppid in CLIHarness.addRoster
    static let definition = "bpmp-kalsel-pos-1-i-29-2024"

    private func completions(_ harness: CLIHarness, _ id: String) -> Int {
        let history = json(harness.run(["history", id, "--json"])) as? [[String: Any]] ?? []
        return history.filter { $0["kind"] as? String == "step-completed" }.count
    }

    @Test("a read-only store: exit 74 with a clear message, and the file is not touched")
    func readOnlyStore() throws {
        let harness = CLIHarness()
        let folder = harness.directory.appendingPathComponent("ro")
        let asRoot = getuid() == 0
        // Root ignores permission bits, so as root the store lives on a tmpfs remounted read-only.
        if asRoot {
            guard Mount.tmpfs(at: folder, bytes: 4 << 20) else {
                print("FaultTests.readOnlyStore: mount refused; not tested as root")
                return
            }
        } else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        defer { if asRoot { Mount.unmount(folder) } else { chmod(folder.path, 0o700) } }
        harness.environment["SOP_STORE"] = folder.appendingPathComponent("store.sqlite").path
        _ = harness.addRoster()
        let id = harness.start(Self.definition, by: Self.ppidNIP)
        #expect(id.hasPrefix("bpmp-kalsel-"))
        let before = try Data(contentsOf: URL(fileURLWithPath: harness.storePath))
        if asRoot {
            try #require(Mount.remount(folder, readOnly: true))
        } else {
            chmod(harness.storePath, 0o400)
            chmod(folder.path, 0o500)
        }

        for command in [["complete", id, "--by", Self.ppidNIP],
                        ["officers", "add", "198001012005019998", "--name", "Baru"],
                        ["start", Self.definition, "--by", Self.ppidNIP]] {
            let result = harness.run(command)
            #expect(result.code == 74, "\(command[0]): \(result.stderr)")
            #expect(result.stdout.isEmpty, "nothing is reported done")
            #expect(result.stderr.contains("The store could not be used"), "\(result.stderr)")
            #expect(result.stderr.contains("read-only") || result.stderr.contains("not writable"), "\(result.stderr)")
        }
        let json = harness.run(["complete", id, "--by", Self.ppidNIP, "--json"])
        #expect(json.code == 74)
        #expect(json.stderr.contains("\"error\": \"store-io\"") || json.stderr.contains("\"error\":\"store-io\""), "\(json.stderr)")

        let after = try Data(contentsOf: URL(fileURLWithPath: harness.storePath))
        #expect(after == before, "the store file is byte for byte what it was")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(leftovers == ["store.sqlite"], "no -wal or -shm could be written: \(leftovers)")

        // Writable again, the refused commands left nothing behind.
        if asRoot { try #require(Mount.remount(folder, readOnly: false)) } else { chmod(folder.path, 0o700); chmod(harness.storePath, 0o600) }
        #expect(completions(harness, id) == 0)
        #expect(harness.run(["complete", id, "--by", Self.ppidNIP]).code == 0)
        #expect(completions(harness, id) == 1)
    }

    @Test("a full disk (a 1 MiB tmpfs): the completion fails with exit 74, is not recorded, and succeeds once there is room")
    func fullDisk() throws {
        try #require(SOPBinary.url != nil, "the sop binary is built before the tests")
        let harness = CLIHarness()
        let folder = harness.directory.appendingPathComponent("small")
        guard Mount.tmpfs(at: folder, bytes: 1 << 20) else {
            // Without mount rights there is no real full disk to test; see README, Reliability.
            print("FaultTests.fullDisk: mount refused; not tested")
            return
        }
        defer { Mount.unmount(folder) }
        harness.environment["SOP_STORE"] = folder.appendingPathComponent("store.sqlite").path
        var env = harness.environment
        env["PATH"] = "/usr/bin:/bin"
        _ = harness.addRoster()
        let id = harness.start(Self.definition, by: Self.ppidNIP)

        // Fill the file system, then give back 48 KiB: enough to open the store, not to store the evidence.
        let filler = folder.appendingPathComponent("filler").path
        let descriptor = open(filler, O_WRONLY | O_CREAT, 0o600)
        try #require(descriptor >= 0)
        let chunk = [UInt8](repeating: 0, count: 4096)
        var written = 0
        while true {
            let n = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            written += n
        }
        #expect(errno == ENOSPC)
        _ = ftruncate(descriptor, off_t(max(0, written - 48 * 1024)))
        close(descriptor)

        // 256 KiB of evidence that does not compress: it cannot fit.
        var state: UInt64 = 7
        let evidence = harness.directory.appendingPathComponent("scan.pdf")
        try Data((0..<(256 * 1024)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }).write(to: evidence)

        let (code, stdout, stderr) = try SOPBinary.run(["complete", id, "--by", Self.ppidNIP, "--output", "validasi-daftar=file:" + evidence.path],
                                                       environment: env)
        #expect(code == 74, "\(stderr)")
        #expect(!stdout.contains("now at step"), "no success is reported: \(stdout)")
        #expect(stderr.contains("full"), "the message names the cause: \(stderr)")

        // Room again: the failed completion left nothing, the store is intact, and the command now succeeds.
        try FileManager.default.removeItem(atPath: filler)
        #expect(completions(harness, id) == 0)
        #expect(try SQLiteShell.query(harness.storePath, "PRAGMA integrity_check;") == "ok")
        #expect(harness.run(["audit", "verify"]).code == 0)
        let (retry, _, retryErr) = try SOPBinary.run(["complete", id, "--by", Self.ppidNIP, "--output", "validasi-daftar=file:" + evidence.path],
                                                     environment: env)
        #expect(retry == 0, "\(retryErr)")
        #expect(completions(harness, id) == 1)
    }

    @Test("a corrupted page: every command touching it ends with exit 74 and a clear message, none crashes or writes")
    func corruptedPage() throws {
        let harness = CLIHarness()
        _ = harness.addRoster()
        let id = harness.start(Self.definition, by: Self.ppidNIP)
        #expect(harness.run(["complete", id, "--by", Self.ppidNIP]).code == 0)
        // Closed cleanly: the WAL is checkpointed into the file and gone. Find the events table's root page.
        let root = try #require(Int(try SQLiteShell.query(harness.storePath, "SELECT rootpage FROM sqlite_master WHERE name = 'events';")))
        let pageSize = try #require(Int(try SQLiteShell.query(harness.storePath, "PRAGMA page_size;")))
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: harness.storePath))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 512))
        try handle.close()
        let corrupted = try Data(contentsOf: URL(fileURLWithPath: harness.storePath))

        for command in [["status", id], ["history", id, "--json"], ["complete", id, "--by", Self.ppidNIP],
                        ["note", id, "--by", Self.ppidNIP, "--text", "x"]] {
            let result = harness.run(command)
            #expect(result.code == 74, "\(command[0]): \(result.code) \(result.stderr)")
            #expect(result.stderr.contains("malformed") || result.stderr.contains("corrupt"), "\(result.stderr)")
            #expect(!result.stdout.contains("now at step"))
        }
        // Named as damage, not as a passing I/O problem: retrying will not help, a backup will.
        let json = harness.run(["status", id, "--json"])
        #expect(json.stderr.contains("\"error\": \"store-corrupt\"") || json.stderr.contains("\"error\":\"store-corrupt\""), "\(json.stderr)")
        let audit = harness.run(["audit", "verify"])
        #expect(audit.code != 0, "the audit does not call a corrupt store intact")
        #expect(try Data(contentsOf: URL(fileURLWithPath: harness.storePath)) == corrupted, "no command wrote into the damaged file")

        // The header page itself: not a database any more.
        let header = try FileHandle(forUpdating: URL(fileURLWithPath: harness.storePath))
        try header.write(contentsOf: Data(repeating: 0x00, count: 100))
        try header.close()
        let result = harness.run(["list"])
        #expect(result.code == 74)
        #expect(result.stderr.contains("not a database") || result.stderr.contains("malformed"), "\(result.stderr)")
        #expect(result.stderr.contains("fails its checks"), "reported as a damaged store: \(result.stderr)")
    }

    @Test("a store truncated between two commands: exit 74, never success")
    func truncatedBetweenCommands() throws {
        let harness = CLIHarness()
        _ = harness.addRoster()
        let id = harness.start(Self.definition, by: Self.ppidNIP)
        #expect(truncate(harness.storePath, 8192) == 0)
        for command in [["complete", id, "--by", Self.ppidNIP], ["officers", "add", "198001012005019998", "--name", "Baru"]] {
            let result = harness.run(command)
            #expect(result.code == 74, "\(command[0]): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("a store deleted between two commands: the next command records nothing it claims, and a left-over log is never replayed")
    func deletedBetweenCommands() throws {
        let harness = CLIHarness()
        _ = harness.addRoster()
        let id = harness.start(Self.definition, by: Self.ppidNIP)
        try FileManager.default.removeItem(atPath: harness.storePath)
        // A fresh, empty store: the officer and the instance are gone, so the command is refused, not faked.
        let result = harness.run(["complete", id, "--by", Self.ppidNIP])
        #expect(result.code == 1)
        #expect(result.stderr.contains("No officer"))

        // A write-ahead log without its database (the store deleted while a command had it open): refused.
        try FileManager.default.removeItem(atPath: harness.storePath)
        try Data(repeating: 1, count: 4096).write(to: URL(fileURLWithPath: harness.storePath + "-wal"))
        let orphan = harness.run(["officers", "add", "198001012005019998", "--name", "Baru"])
        #expect(orphan.code == 74, "\(orphan.stderr)")
        #expect(orphan.stderr.contains("write-ahead log"), "\(orphan.stderr)")
        #expect(!FileManager.default.fileExists(atPath: harness.storePath), "no empty store is started over the log")
    }

    @Test("the store file deleted while a store is open: the write is rolled back and reported, not acknowledged")
    func deletedUnderOpenStore() throws {
        let harness = CLIHarness()
        _ = harness.addRoster()
        let store = try SQLiteEventStore(path: harness.storePath)
        try FileManager.default.removeItem(atPath: harness.storePath)
        let snapshot = DefinitionSnapshot(hash: String(repeating: "cd", count: 32), procedureID: "contoh", version: "1", json: Data("{}".utf8))
        #expect {
            try store.saveDefinition(snapshot)
        } throws: { error in
            "\(error)".contains("deleted, moved or replaced")
        }
    }

    @Test("the store file truncated while a store is open: the write is rolled back and reported, not acknowledged")
    func truncatedUnderOpenStore() throws {
        let harness = CLIHarness()
        _ = harness.addRoster()
        let id = harness.start(Self.definition, by: Self.ppidNIP)
        let store = try SQLiteEventStore(path: harness.storePath)
        #expect(try store.events(of: InstanceID(id)).count == 1, "the pages are in the store's cache")
        #expect(truncate(harness.storePath, 8192) == 0)
        let snapshot = DefinitionSnapshot(hash: String(repeating: "cd", count: 32), procedureID: "contoh", version: "1", json: Data("{}".utf8))
        #expect {
            try store.saveDefinition(snapshot)
        } throws: { error in
            // SQLite notices on its own when it rereads the header at BEGIN; the file guard catches it otherwise.
            "\(error)".contains("truncated") || "\(error)".contains("malformed")
        }
    }
}
