import Foundation

/// The command line of `sop-bench`, and the sizes each mode measures.
struct Options {
    var quick = false
    /// The folder in which this run creates its own `.sop-bench-<pid>` for the stores (default: the current
    /// directory); only that one is removed afterwards.
    var directory: String?
    var keep = false
    var sopBinary: String?
    var definitions: String?
    var sqlite3 = "/usr/bin/sqlite3"
    /// Figure ids (prefixes such as `1`, `2`, `5a`) to run; empty runs all. For profiling one figure.
    var only: [String] = []

    func wants(_ id: String) -> Bool { only.isEmpty || only.contains(id) }

    /// Instances in the store of figure 2 (the issue: 100,000).
    var storeInstancesForCommand: Int { quick ? 10_000 : 100_000 }
    /// Instances in the large store of figure 3 (the issue: 1,000,000).
    var storeInstancesForHistory: Int { quick ? 10_000 : 1_000_000 }
    /// Rounds of figure 1, each `completionsPerRound` sop completions and as many baseline commits.
    var completionRounds: Int { quick ? 4 : 20 }
    var completionsPerRound: Int { quick ? 50 : 200 }
    /// Commits per page count in figure 1c, and the rows of its table (enough for 6 pages far apart).
    var pageCostRounds: Int { quick ? 100 : 1_000 }
    var pageCostRows: Int { quick ? 10_000 : 40_000 }
    /// Rounds of the in-process CLI variant (figure 1b), each as many runs and baseline commits.
    var toolRounds: Int { quick ? 2 : 10 }
    var toolRunsPerRound: Int { quick ? 20 : 50 }
    /// Process pairs of figure 2 (`sop complete`, `sqlite3`).
    var commandRuns: Int { quick ? 10 : 60 }
    /// Completions per store in figure 3.
    var historyCompletions: Int { quick ? 200 : 1_500 }
    /// Generated definitions of figure 5 (the issue: 1,000 of 20 steps).
    var generatedDefinitions: Int { quick ? 200 : 1_000 }
    var generatedSteps: Int { 20 }
    /// Process pairs of figure 5b.
    var startupRuns: Int { quick ? 10 : 40 }
    /// Commits per `appendBatch` transaction when populating.
    var populationBatch: Int { 5_000 }

    static let usage = """
        usage: sop-bench [--quick] [--only IDS] [--dir PATH] [--keep] [--sop PATH] [--definitions PATH] [--sqlite3 PATH]

        Measures sop against same-run baselines and prints one line per figure, then one JSON object.
          --quick            small sizes (10,000 instances instead of 100,000 / 1,000,000): a smoke test in seconds
          --only IDS         only these figures, e.g. --only 1,3 (ids: 1 1b 1c 1d 2 3 4 5a 5b); for profiling
          --dir PATH         where to create this run's folder of stores, PATH/.sop-bench-<pid> (default: .);
                             only that folder is removed afterwards
          --keep             keep the stores
          --sop PATH         the release `sop` binary (default: next to sop-bench)
          --definitions PATH the shipped definitions (default: ./definitions, else the package's)
          --sqlite3 PATH     the sqlite3 shell (default: /usr/bin/sqlite3)
        Build: scripts/build-release.sh   (sop and sop-bench in .build-release/release/, as an office installs sop)
        """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw BenchError("\(arguments[index - 1]) needs a value\n\(usage)") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--quick": options.quick = true
            case "--keep": options.keep = true
            case "--dir": options.directory = try value()
            case "--sop": options.sopBinary = try value()
            case "--definitions": options.definitions = try value()
            case "--sqlite3": options.sqlite3 = try value()
            case "--only": options.only = try value().split(separator: ",").map(String.init)
            case "--help", "-h":
                print(usage)
                exit(0)
            default: throw BenchError("unknown argument \(arguments[index])\n\(usage)")
            }
            index += 1
        }
        return options
    }
}
