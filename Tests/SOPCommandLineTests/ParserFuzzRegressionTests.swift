import Foundation
import Testing
@testable import SOPCommandLine

/// Hostile command lines, of the kinds `scripts/fuzz.sh` explores against the real command tree: each parses or
/// fails with a usage error whose message and usage line render in both languages. A crash the fuzzer finds is
/// minimised and added here (none found so far; see README, Reliability).
@Suite("Command-line parser on hostile argv (fuzz regressions)")
struct ParserFuzzRegressionTests {
    static let argvs: [[String]] = [
        [], [""], ["", ""], ["\u{0}"], ["-"], ["--"], ["--="], ["---"], ["--=x"], ["-h"], ["help", "help"],
        ["start", "--by"], ["start", "x", "--by="], ["start", "--by", "--by", "--by"], ["complete", "--requirement"],
        ["report"], ["report", "sla", "--format", "xml"], ["report", "sla", "--format="], ["--lang", "fr"], ["--lang"],
        ["--json", "--json", "--json"], ["--json=1"], ["officers", "grant", "--", "--agency"], ["audit", "--", "verify"],
        ["nonsense\u{FFFD}\u{10FFFF}"], [String(repeating: "s", count: 10_000)], ["--" + String(repeating: "x", count: 5_000)],
        ["stat"], ["evidence", "get", "a", "b", "c", "d", "e"], ["-1"], ["history", "-1"], ["list", "--open=yes"],
        ["validate", "a", "b", "--", "-x", "--y"], ["complete", "i", "--by", "1", "--step", "a", "--step", "b"],
    ]

    @Test("each argv parses or fails with a rendered usage error")
    func hostileArgv() {
        let root = SOPTool.root
        for argv in Self.argvs {
            do {
                let parsed = try CommandLineParser.parse(argv, root: root)
                #expect(!HelpFormatter.render(parsed.spec, path: parsed.path, language: .en).isEmpty)
            } catch {
                for language in [Language.en, .id] { #expect(!error.message(language).isEmpty, "\(argv)") }
                var spec = root
                for name in error.path { if let sub = spec.subcommand(name) { spec = sub } }
                #expect(!HelpFormatter.usage(spec, path: error.path).isEmpty)
            }
        }
    }
}
