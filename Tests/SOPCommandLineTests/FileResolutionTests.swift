import Foundation
import Testing
import SOPCore
@testable import SOPCommandLine

/// Store paths and calendar files are resolved with string operations (no `URL.path`, no folder listing, see
/// BENCHMARKS.md); these tests hold them to what the `URL`-based code resolved.
@Suite("Resolving the store path and the calendar files")
struct FileResolutionTests {
    @Test("a path resolves as URL resolved it: relative, absolute, dots, doubled and trailing slashes")
    func pathsMatchURL() {
        let (sink, _) = OutputSink.capturing()
        let inputs = ["sop.sqlite", "./sop.sqlite", "../x.sqlite", "a//b.sqlite", "a/b/", "a/b//", "/abs/x.sqlite",
                      "/abs//x/", "/", "//", "///", "spaces in name.sqlite", "pct%20x", "ünï.sqlite", "a/./b", "~/x",
                      "", ".", "..", "x?y#z", "a\\b", "/a/b/../c/"]
        for directory in ["/tmp/sop-paths", "/tmp/sop paths/ü", "/"] {
            let context = CommandContext(environment: [:], clock: ManualWallClock(CLIHarness.monday), output: sink,
                                         currentDirectoryPath: directory)
            for input in inputs {
                #expect(context.path(for: input) == context.url(for: input).path, "\(directory) + \(input.debugDescription)")
            }
        }
    }

    @Test("a calendar's closure sets are read from its own folder by id; an id with a slash names no file")
    func closureSetsByName() throws {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        let ppid = try #require(nips["lpmp-kaltim/ppid"])
        harness.useDefinitions("defs")
        let definition = CLIHarness.repositoryRoot.appendingPathComponent("definitions/lpmp-kaltim-pos-1050.json")
        harness.write("defs/kaltim.json", try String(contentsOf: definition, encoding: .utf8))
        let id = harness.start("lpmp-kaltim-pos-1050", by: ppid)
        #expect(harness.run(["status", id]).code == 0, "the copied folder works as shipped")

        // The calendar now lists a set outside its folder, and that file exists there.
        let calendarPath = harness.directory.appendingPathComponent("defs/calendars/asn-perpres-21-2023.json")
        let calendar = try String(contentsOf: calendarPath, encoding: .utf8)
        harness.write("defs/calendars/asn-perpres-21-2023.json",
                      calendar.replacingOccurrences(of: "\"closures\": [\"id-national-2026\"]", with: "\"closures\": [\"../outside\"]"))
        let national = try String(contentsOf: harness.directory.appendingPathComponent("defs/calendars/id-national-2026.json"),
                                  encoding: .utf8)
        harness.write("defs/outside.json", national.replacingOccurrences(of: "\"id\": \"id-national-2026\"", with: "\"id\": \"../outside\""))
        let refused = harness.run(["status", id])
        #expect(refused.code != 0)
        #expect(refused.stderr.contains("Calendar 'asn-perpres-21-2023' cannot be used"))
        #expect(refused.stderr.contains("../outside"))
    }
}
