import Foundation
import SOPCore
@testable import SOPCommandLine

/// What one `sop` run printed and returned.
struct SOPRun {
    var code: Int32
    var stdout: String
    var stderr: String
}

/// Runs `sop` in-process against a temporary store and the shipped definitions, with a clock the test controls.
final class CLIHarness {
    let directory: URL
    let clock: ManualWallClock
    var environment: [String: String]

    /// 2026-03-02 09:00 WITA (a Monday; 01:00 UTC).
    static let monday = Date(timeIntervalSince1970: 1_772_413_200)

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    init(start: Date = CLIHarness.monday, definitions: URL? = nil) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sop-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = ManualWallClock(start)
        environment = [
            "SOP_STORE": directory.appendingPathComponent("store.sqlite").path,
            "SOP_DEFINITIONS": (definitions ?? Self.repositoryRoot.appendingPathComponent("definitions")).path,
            "LANG": "en_US.UTF-8",
        ]
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var storePath: String { environment["SOP_STORE"] ?? "" }

    @discardableResult
    func run(_ arguments: [String]) -> SOPRun {
        let (sink, captured) = OutputSink.capturing()
        let context = CommandContext(environment: environment, clock: clock, output: sink, currentDirectory: directory)
        let code = SOPTool.run(arguments, context: context)
        return SOPRun(code: code, stdout: captured.stdout, stderr: captured.stderr)
    }

    /// Writes a file in the test directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let url = directory.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
        return url.path
    }

    /// Points the harness at a definitions folder inside its directory, with the shipped calendars copied in.
    func useDefinitions(_ name: String) {
        let folder = directory.appendingPathComponent(name)
        let calendars = folder.appendingPathComponent("calendars")
        try? FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
        let shipped = Self.repositoryRoot.appendingPathComponent("definitions/calendars")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: shipped.path)) ?? [] {
            try? FileManager.default.copyItem(at: shipped.appendingPathComponent(file), to: calendars.appendingPathComponent(file))
        }
        environment["SOP_DEFINITIONS"] = folder.path
    }

    /// Adds officers for every lane of the shipped definitions: NIPs 19800101200501100N.
    func addRoster() -> [String: String] {
        var nips: [String: String] = [:]
        let lanes: [(String, String)] = [
            ("lpmp-kaltim", "ppid-pelaksana"), ("lpmp-kaltim", "petugas-dokumentasi-arsip"), ("lpmp-kaltim", "ppid"),
            ("bpmp-kalsel", "ppid"), ("bpmp-kalsel", "pengadministrasi-umum"), ("bpmp-kalsel", "atasan-ppid"),
            ("biro-kesra-kalbar", "ppid-pelaksana"), ("biro-kesra-kalbar", "petugas-dokumentasi"), ("biro-kesra-kalbar", "ppid"),
        ]
        for (index, (agency, role)) in lanes.enumerated() {
            let nip = String(format: "19800101200501%04d", index + 1)
            run(["officers", "add", nip, "--name", "Pegawai \(index + 1)"])
            run(["officers", "grant", nip, "--agency", agency, "--role", role])
            nips["\(agency)/\(role)"] = nip
        }
        return nips
    }
}
