import Foundation
import SOPCommandLine
import SOPCore
import SOPSQLite

/// Runs every figure in order, sharing the set-up (the fixture, the stores, the binaries) between them.
final class Bench {
    let options: Options
    let directory: URL
    let fixture: Fixture
    let sop: String
    let processes: ProcessTimer
    /// Bytes of one step-completed events row, measured in figure 1 and reused by figure 2's shell baseline.
    var rowBytes = 0
    var population: [(String, JSONValue)] = []

    init(options: Options, directory: URL, definitions: URL, sop: String, clock: any WallClock) throws {
        self.options = options
        self.directory = directory
        self.fixture = try Fixture(folder: definitions, clock: clock)
        self.sop = sop
        self.processes = ProcessTimer(stderrPath: directory.appendingPathComponent("last-stderr.txt").path)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A fresh store holding the shipped definitions and the roster.
    func freshStore(_ name: String) throws -> SQLiteEventStore {
        let file = path(name)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        let store = try SQLiteEventStore(path: file)
        try fixture.prepare(store)
        return store
    }

    // MARK: Figure 1: durable completions per second, in-process

    func durableCompletions() throws -> Figure {
        let rounds = options.completionRounds, perRound = options.completionsPerRound
        let total = rounds * perRound + 60
        let store = try freshStore("f1-sop.sqlite")
        let generator = InstanceGenerator(fixture: fixture, prefix: "F1")
        let steps = fixture.main.procedure.steps.count
        let open = try generator.startOpen(store, definition: fixture.main, first: 1, count: total / steps + 10)
        let driver = CompletionDriver(store: store, fixture: fixture, open: open)
        for _ in 0..<20 { try driver.completeNext() }  // warm-up: caches, statements, file growth
        guard let record = driver.lastRecord else { throw BenchError("no completion recorded") }
        rowBytes = record.rowBytes
        let raw = try RawSQLiteBaseline(path: path("f1-raw.sqlite"), rowBytes: rowBytes)
        for _ in 0..<20 { try raw.commitOne() }
        // Pages each side writes per commit (figure 1c says what a page costs here).
        let sopFrames = try walFramesPerCommit(ofDatabaseAt: path("f1-sop.sqlite"), commits: 20) {
            for _ in 0..<20 { try driver.completeNext() }
        }
        let rawFrames = try walFramesPerCommit(ofDatabaseAt: path("f1-raw.sqlite"), commits: 20) {
            for _ in 0..<20 { try raw.commitOne() }
        }

        let (sopTimes, rawTimes) = try alternated(rounds * perRound,
                                                  { try timed { try driver.completeNext() }.1 },
                                                  { try timed { try raw.commitOne() }.1 })
        guard driver.extraEvents == 0 else {
            throw BenchError("completions recorded \(driver.extraEvents) deviation events; the figure would not be one event per commit")
        }
        // Rates from the medians: robust to the stalls a shared disk adds to either side; the means are in the details.
        let sopRate = 1 / sopTimes.median
        let rawRate = 1 / rawTimes.median
        let ratio = sopRate / rawRate
        return Figure(
            id: "1-durable-completions", title: "durable step completions/s, in-process (engine + SQLiteEventStore.append)",
            unit: "completions/s", value: sopRate, baseline: rawRate,
            baselineName: "raw SQLite C API, one \(rowBytes)-byte row per transaction, WAL + synchronous=FULL",
            ratio: ratio, ratioMeaning: "sop rate / baseline rate (higher is better)",
            target: "ratio >= 0.70", pass: ratio >= 0.70,
            details: [("completions", .int(sopTimes.count)), ("rowBytes", .int(rowBytes)),
                      ("sopMeanRate", .number(Double(sopTimes.count) / sopTimes.total)),
                      ("baselineMeanRate", .number(Double(rawTimes.count) / rawTimes.total)),
                      ("sopMedianSeconds", .number(sopTimes.median)), ("sopP90Seconds", .number(sopTimes.quantile(0.9))),
                      ("baselineMedianSeconds", .number(rawTimes.median)),
                      ("baselineP90Seconds", .number(rawTimes.quantile(0.9))),
                      ("sopWalFramesPerCommit", .number(sopFrames)), ("baselineWalFramesPerCommit", .number(rawFrames))],
            absolutes: String(format: "sop %.0f/s (median %@, p90 %@), raw SQLite %.0f/s (median %@, p90 %@), %d each alternated, %d-byte rows; WAL frames per commit: sop %.1f, raw %.1f",
                              sopRate, sopTimes.median.humanDuration, sopTimes.quantile(0.9).humanDuration,
                              rawRate, rawTimes.median.humanDuration, rawTimes.quantile(0.9).humanDuration,
                              sopTimes.count, rowBytes, sopFrames, rawFrames))
    }

    // MARK: Figure 1c: what a page costs a durable commit here

    /// Raw SQLite commits rewriting 1, 2, 4 and 6 pages, interleaved; given for information, to split figure 1's
    /// gap into the pages sop writes and the work around them.
    func pageCost() throws -> Figure {
        let probe = try PageCostProbe(path: path("f1c-pages.sqlite"), rowBytes: rowBytes, rows: options.pageCostRows)
        let counts = PageCostProbe.pageCounts
        var samples = Array(repeating: Samples(), count: counts.count)
        var serial = 0
        for round in -10..<options.pageCostRounds {
            // Each round starts with a different page count, so drift hits them all alike.
            for offset in counts.indices {
                let index = (offset + max(round, 0)) % counts.count
                serial += 1
                let seconds = try timed { try probe.commitOne(pages: counts[index], serial: serial) }.1
                if round >= 0 { samples[index].add(seconds) }
            }
        }
        let medians = samples.map(\.median)
        guard let one = medians.first, let most = medians.last, let pages = counts.last, one > 0 else {
            throw BenchError("page cost: nothing measured")
        }
        let perPage = (most - one) / Double(pages - 1)
        return Figure(
            id: "1c-page-cost", title: "what each page costs a durable commit here (raw SQLite, \(pages) pages vs 1)",
            unit: "s", value: most, baseline: one,
            baselineName: "raw SQLite C API, one \(rowBytes)-byte row rewritten per transaction, WAL + synchronous=FULL",
            ratio: most / one, ratioMeaning: "median commit time, \(pages) pages / 1 page",
            target: nil, pass: nil,
            details: zip(counts, medians).map { ("medianSeconds\($0.0)Pages", JSONValue.number($0.1)) }
                + [("perExtraPageSeconds", .number(perPage)), ("commitsPerPageCount", .int(samples[0].count))],
            absolutes: zip(counts, medians).map { "\($0.0) page\($0.0 == 1 ? "" : "s") \($0.1.humanDuration)" }
                .joined(separator: ", ") + ": \(perPage.humanDuration) per page beyond the first (medians of \(samples[0].count) each)")
    }

    // MARK: Figure 1d: figure 1 against a C client writing the same rows

    /// sop's completions against a C-API client committing the very rows each of them committed (the event,
    /// the instance row with its inbox entry, the report row) to a store started identically, interleaved:
    /// what is left of figure 1's gap once the baseline writes what a completion writes. Information for
    /// whoever owns figure 1's target; no target here.
    func sameRowsCompletions() throws -> Figure {
        let count = options.completionRounds * options.completionsPerRound
        // sop stays `lag` commits ahead, so the baseline always has a commit to replay when its turn comes.
        let warmUp = 20, lag = 10, frameCommits = 20
        let generator = InstanceGenerator(fixture: fixture, prefix: "F1D")
        let instances = (count + warmUp + lag + frameCommits + 60) / fixture.main.procedure.steps.count + 10
        do {
            let baselineStore = try freshStore("f1d-raw.sqlite")
            _ = try generator.startOpen(baselineStore, definition: fixture.main, first: 1, count: instances)
        }
        let store = try freshStore("f1d-sop.sqlite")
        let open = try generator.startOpen(store, definition: fixture.main, first: 1, count: instances)
        let driver = CompletionDriver(store: store, fixture: fixture, open: open)
        var stored: [InstanceCommit] = []
        var replayed = 0
        driver.onAppend = { stored.append($0) }
        let raw = try SameRowsBaseline(path: path("f1d-raw.sqlite"))
        func replayNext() throws {
            guard replayed < stored.count else { throw BenchError("same rows: the baseline caught up with sop") }
            try raw.replay(stored[replayed])
            replayed += 1
        }
        for _ in 0..<warmUp { try driver.completeNext() }
        for _ in 0..<warmUp { try replayNext() }
        // The frames of the same commits on both sides (which commits end an instance or split a page varies).
        let sopFrames = try walFramesPerCommit(ofDatabaseAt: path("f1d-sop.sqlite"), commits: frameCommits) {
            for _ in 0..<frameCommits { try driver.completeNext() }
        }
        let rawFrames = try walFramesPerCommit(ofDatabaseAt: path("f1d-raw.sqlite"), commits: frameCommits) {
            for _ in 0..<frameCommits { try replayNext() }
        }
        for _ in 0..<lag { try driver.completeNext() }
        let (sopTimes, rawTimes) = try alternated(count, { try timed { try driver.completeNext() }.1 },
                                                  { try timed { try replayNext() }.1 })
        guard driver.extraEvents == 0 else {
            throw BenchError("completions recorded \(driver.extraEvents) deviation events; the rows would differ from figure 1's")
        }
        let sopRate = 1 / sopTimes.median, rawRate = 1 / rawTimes.median
        return Figure(
            id: "1d-same-rows", title: "durable step completions/s, in-process, against a C client committing the same rows",
            unit: "completions/s", value: sopRate, baseline: rawRate,
            baselineName: "raw SQLite C API replaying each completion's rows (event, instance row, report row) on an identical store, WAL + synchronous=FULL",
            ratio: sopRate / rawRate, ratioMeaning: "sop rate / baseline rate (higher is better)",
            target: nil, pass: nil,
            details: [("completions", .int(sopTimes.count)),
                      ("sopMedianSeconds", .number(sopTimes.median)), ("sopP90Seconds", .number(sopTimes.quantile(0.9))),
                      ("baselineMedianSeconds", .number(rawTimes.median)),
                      ("baselineP90Seconds", .number(rawTimes.quantile(0.9))),
                      ("sopWalFramesPerCommit", .number(sopFrames)), ("baselineWalFramesPerCommit", .number(rawFrames))],
            absolutes: String(format: "sop %.0f/s (median %@), same-rows C client %.0f/s (median %@), %d each alternated; WAL frames per commit: sop %.1f, C client %.1f",
                              sopRate, sopTimes.median.humanDuration, rawRate, rawTimes.median.humanDuration,
                              sopTimes.count, sopFrames, rawFrames))
    }

    // MARK: Figure 1b: the same, through the whole command in-process (SOPTool.run)

    /// `SOPTool.run(["complete", ...])` in this process: everything `sop complete` does after the process
    /// has started (parse the line, open the store, read the roster, load and replay, decide, append,
    /// print), and nothing it does before. Given for information: it says what a command costs beyond
    /// the engine and store, without the process start figure 2 includes.
    func toolCompletions() throws -> Figure {
        let rounds = options.toolRounds, perRound = options.toolRunsPerRound
        let storeName = "f1b-sop.sqlite"
        var open: [InstanceID] = []
        do {
            let store = try freshStore(storeName)
            let generator = InstanceGenerator(fixture: fixture, prefix: "F1B")
            open = try generator.startOpen(store, definition: fixture.main, first: 1,
                                           count: (rounds * perRound + 20) / fixture.main.procedure.steps.count + 10)
        }
        let reader = CompletionDriver(store: try SQLiteEventStore(path: path(storeName)), fixture: fixture, open: open)
        let raw = try RawSQLiteBaseline(path: path("f1b-raw.sqlite"), rowBytes: rowBytes)
        let sink = OutputSink(out: { _ in }, err: { FileHandle.standardError.write(Data($0.utf8)) })
        let context = CommandContext(environment: [:], clock: fixture.wallClock, output: sink,
                                     currentDirectory: directory)
        let nip = try fixture.officer(for: fixture.main).nip
        var serial = 0
        func runOne() throws -> Double {
            let (id, step) = try reader.peek()
            serial += 1
            let arguments = ["complete", id.rawValue, "--by", nip, "--store", path(storeName),
                             "--definitions", fixture.folder.path, "--lang", "en"]
                + Fixture.completeArguments(for: step, serial: serial)
            let (code, seconds) = timed { SOPTool.run(arguments, context: context) }
            guard code == 0 else { throw BenchError("sop \(arguments.joined(separator: " ")) exited \(code)") }
            reader.advance()
            return seconds
        }
        for _ in 0..<10 { _ = try runOne(); try raw.commitOne() }
        let (toolTimes, rawTimes) = try alternated(rounds * perRound, runOne, { try timed { try raw.commitOne() }.1 })
        let toolRate = 1 / toolTimes.median
        let rawRate = 1 / rawTimes.median
        return Figure(
            id: "1b-command-in-process", title: "`sop complete` as a whole command, in-process (SOPTool.run), per second",
            unit: "completions/s", value: toolRate, baseline: rawRate,
            baselineName: "raw SQLite C API, one \(rowBytes)-byte row per transaction, WAL + synchronous=FULL",
            ratio: toolRate / rawRate, ratioMeaning: "sop rate / baseline rate (higher is better)",
            target: nil, pass: nil,
            details: [("runs", .int(toolTimes.count)), ("sopMedianSeconds", .number(toolTimes.median)),
                      ("baselineMedianSeconds", .number(rawTimes.median))],
            absolutes: String(format: "sop %.0f/s (median %@), raw SQLite %.0f/s (median %@), %d each",
                              toolRate, toolTimes.median.humanDuration, rawRate, rawTimes.median.humanDuration,
                              toolTimes.count))
    }

    // MARK: Population (for figures 2, 3 and 4)

    /// Adds instances to the large store through the engine and `appendBatch`, and records how long it took.
    func populate(_ store: SQLiteEventStore, generator: InstanceGenerator, from first: Int, to last: Int) throws {
        guard last > first else { return }
        progress("populating \(first)..<\(last) instances")
        let (events, seconds) = try timed {
            try generator.populate(store, first: first, count: last - first, batchSize: options.populationBatch,
                                   totalInstances: max(options.storeInstancesForCommand, options.storeInstancesForHistory))
        }
        let rate = Double(last - first) / seconds
        progress(String(format: "populated %d instances (%d events) in %.1f s: %.0f instances/s", last - first, events, seconds, rate))
        population.append(("\(first)..<\(last)", .object([
            ("instances", .int(last - first)), ("events", .int(events)), ("seconds", .number(seconds)),
            ("instancesPerSecond", .number(rate)), ("batchSize", .int(options.populationBatch)),
        ])))
    }

    // MARK: Figure 2: the `sop complete` process against the sqlite3 shell

    func commandLatency(storeName: String, instances: Int) throws -> Figure {
        let steps = fixture.main.procedure.steps.count
        let runs = options.commandRuns
        var open: [InstanceID] = []
        do {
            let store = try SQLiteEventStore(path: path(storeName))
            let generator = InstanceGenerator(fixture: fixture, prefix: "F2")
            open = try generator.startOpen(store, definition: fixture.main, first: 1, count: (runs + 10) / steps + 4)
        }  // the bench's connection is closed before any process runs, so each `sop` is the only connection
        let storeFile = path(storeName)
        try ensureShellTable(storeFile)
        let nip = try fixture.officer(for: fixture.main).nip
        let shellSQL = "PRAGMA synchronous = FULL; BEGIN IMMEDIATE; "
            + "INSERT INTO bench_shell_rows(body) VALUES (randomblob(\(max(rowBytes, 1)))); COMMIT;"
        var cursor = 0
        var serial = 0
        /// The next open bench instance and its active step, read through a short-lived read-only store.
        func next() throws -> (InstanceID, Step) {
            let reader = CompletionDriver(store: try SQLiteEventStore(path: storeFile, readOnly: true),
                                          fixture: fixture, open: Array(open[(cursor % open.count)...]) + Array(open[..<(cursor % open.count)]))
            return try reader.peek()
        }
        func sopOnce() throws -> Double {
            let (id, step) = try next()
            cursor = (open.firstIndex(of: id) ?? cursor) + 1
            serial += 1
            return try processes.run(sop, ["complete", id.rawValue, "--by", nip, "--store", storeFile,
                                           "--definitions", fixture.folder.path, "--lang", "en"]
                                     + Fixture.completeArguments(for: step, serial: serial))
        }
        func shellOnce() throws -> Double {
            try processes.run(options.sqlite3, ["-batch", storeFile, shellSQL])
        }
        for _ in 0..<3 { _ = try sopOnce(); _ = try shellOnce() }  // warm the page cache and the binaries
        let (sopTimes, shellTimes) = try alternated(runs, sopOnce, shellOnce)
        let ratio = sopTimes.median / shellTimes.median
        return Figure(
            id: "2-command-latency", title: "`sop complete` process, start to exit, store of \(instances) instances",
            unit: "s", value: sopTimes.median, baseline: shellTimes.median,
            baselineName: "sqlite3 shell: one \(rowBytes)-byte row in one transaction, same file, synchronous=FULL",
            ratio: ratio, ratioMeaning: "sop median / shell median (lower is better)",
            target: "ratio <= 2.0", pass: ratio <= 2.0,
            details: [("instances", .int(instances)), ("runs", .int(runs)),
                      ("sopMedianSeconds", .number(sopTimes.median)), ("sopP90Seconds", .number(sopTimes.quantile(0.9))),
                      ("shellMedianSeconds", .number(shellTimes.median)),
                      ("shellP90Seconds", .number(shellTimes.quantile(0.9)))],
            absolutes: "sop median \(sopTimes.median.humanDuration) (p90 \(sopTimes.quantile(0.9).humanDuration)), "
                + "sqlite3 median \(shellTimes.median.humanDuration) (p90 \(shellTimes.quantile(0.9).humanDuration)), \(runs) runs each")
    }

    private func ensureShellTable(_ file: String) throws {
        _ = try processes.run(options.sqlite3, ["-batch", file,
                                                "CREATE TABLE IF NOT EXISTS bench_shell_rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL);"])
    }

    // MARK: Figure 3: write cost independent of history

    func historyIndependence(large: SQLiteEventStore, instances: Int) throws -> Figure {
        let count = options.historyCompletions
        let steps = fixture.main.procedure.steps.count
        let empty = try freshStore("f3-empty.sqlite")
        let emptyOpen = try InstanceGenerator(fixture: fixture, prefix: "F3").startOpen(
            empty, definition: fixture.main, first: 1, count: (count + 40) / steps + 10)
        let largeOpen = try InstanceGenerator(fixture: fixture, prefix: "F3").startOpen(
            large, definition: fixture.main, first: 1, count: (count + 40) / steps + 10)
        let emptyDriver = CompletionDriver(store: empty, fixture: fixture, open: emptyOpen)
        let largeDriver = CompletionDriver(store: large, fixture: fixture, open: largeOpen)
        for _ in 0..<20 { try emptyDriver.completeNext(); try largeDriver.completeNext() }
        let (emptyTimes, largeTimes) = try alternated(count, { try timed { try emptyDriver.completeNext() }.1 },
                                                      { try timed { try largeDriver.completeNext() }.1 })
        let ratio = largeTimes.median / emptyTimes.median
        return Figure(
            id: "3-history-independence", title: "in-process completion latency, \(instances) instances vs empty store",
            unit: "s", value: largeTimes.median, baseline: emptyTimes.median,
            baselineName: "the same completion on an empty store (only the instances being completed)",
            ratio: ratio, ratioMeaning: "large-store median / empty-store median (lower is better)",
            target: "ratio <= 1.25", pass: ratio <= 1.25,
            details: [("instances", .int(instances)), ("completions", .int(count)),
                      ("largeMedianSeconds", .number(largeTimes.median)), ("largeP90Seconds", .number(largeTimes.quantile(0.9))),
                      ("emptyMedianSeconds", .number(emptyTimes.median)), ("emptyP90Seconds", .number(emptyTimes.quantile(0.9)))],
            absolutes: "\(instances) instances median \(largeTimes.median.humanDuration) (p90 \(largeTimes.quantile(0.9).humanDuration)), "
                + "empty median \(emptyTimes.median.humanDuration) (p90 \(emptyTimes.quantile(0.9).humanDuration)), \(count) each")
    }

    // MARK: Figure 4: quality reports at scale

    /// What the reports cost on one store size, measured as real `sop` processes.
    struct ReportCost {
        var instances: Int
        var stepRecords: Int
        var deviations: Int
        var lateShare: Double
        var sla: Samples
        var deviationsReport: Samples
        var baseline: Samples
        var slaPeakBytes: Int
        var deviationsPeakBytes: Int
    }

    /// The reports measured on the large store at the size of figure 2 (the denominator of figure 4's ratio).
    var reportsAtCommandSize: ReportCost?

    /// Times `sop report sla` and `sop report deviations` (table output to /dev/null) on `storeName`, interleaved
    /// with the baseline: the `sqlite3` shell running a plain `SELECT count(*) ... GROUP BY` over the same step rows.
    func measureReports(storeName: String, instances: Int) throws -> ReportCost {
        let file = path(storeName)
        // Nine runs: the 100k side takes ~0.1 s a report, and with five a single slow run moved the ratio by 30 %.
        let runs = options.quick ? 3 : 9
        let common = ["--store", file, "--definitions", fixture.folder.path, "--lang", "en"]
        let baselineSQL = "SELECT procedure_id, step, limit_minutes, count(*) FROM step_records GROUP BY 1, 2, 3;"
        var counts: [Int] = []
        for sql in ["SELECT count(*) FROM step_records;", "SELECT count(*) FROM deviation_records;",
                    "SELECT count(*) FROM step_records WHERE minutes_taken > limit_minutes;"] {
            let output = try shellOutput([options.sqlite3, "-batch", file, sql])
            counts.append(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
        }
        // Warm-up: page cache, binaries, and the projection backfill if any.
        _ = try processes.run(sop, ["report", "sla"] + common)
        _ = try processes.run(sop, ["report", "deviations"] + common)
        _ = try processes.run(options.sqlite3, ["-batch", file, baselineSQL])
        var sla = Samples(), deviations = Samples(), baseline = Samples()
        var slaPeak = 0, deviationsPeak = 0
        for _ in 0..<runs {
            sla.add(try processes.run(sop, ["report", "sla"] + common))
            baseline.add(try processes.run(options.sqlite3, ["-batch", file, baselineSQL]))
            deviations.add(try processes.run(sop, ["report", "deviations"] + common))
        }
        // Peak RSS from /usr/bin/time (GNU time's %M, the child's own VmHWM): wait4's ru_maxrss of a child
        // spawned from this large process also counts the parent's pages shared before exec.
        func peak(_ arguments: [String]) throws -> Int {
            let out = path("time-\(getpid()).txt")
            _ = try processes.run("/usr/bin/time", ["-f", "%M", "-o", out, sop] + arguments)
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            return (Int(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "") ?? 0) * 1024
        }
        slaPeak = try peak(["report", "sla"] + common)
        deviationsPeak = try peak(["report", "deviations"] + common)
        let cost = ReportCost(instances: instances, stepRecords: counts[0], deviations: counts[1],
                              lateShare: counts[0] > 0 ? Double(counts[2]) / Double(counts[0]) : 0,
                              sla: sla, deviationsReport: deviations, baseline: baseline,
                              slaPeakBytes: slaPeak, deviationsPeakBytes: deviationsPeak)
        progress(String(format: "reports on %d instances (%d ended steps, %d deviations, %.1f%% late): sla %@ (%.0f MB), deviations %@ (%.0f MB), baseline %@",
                        instances, cost.stepRecords, cost.deviations, cost.lateShare * 100, sla.median.humanDuration,
                        Double(slaPeak) / 1e6, deviations.median.humanDuration, Double(deviationsPeak) / 1e6,
                        baseline.median.humanDuration))
        return cost
    }

    private func shellOutput(_ argv: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("\(argv.joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Figure 4: `sop report sla` and `sop report deviations` over the large store (1,000,000 instances in a
    /// full run): median and peak RSS against the targets (2 s, 200 MB), and the cost against the same reports
    /// at the size of figure 2 (≤ 11× for 10× the instances), beside the same ratio for a plain GROUP BY.
    func qualityReportsAtScale(large: SQLiteEventStore, instances: Int) throws -> Figure? {
        let big = try measureReports(storeName: "large.sqlite", instances: instances)
        let small = reportsAtCommandSize ?? big
        let ratio = big.sla.median / small.sla.median
        let deviationsRatio = big.deviationsReport.median / small.deviationsReport.median
        let baselineRatio = big.baseline.median / small.baseline.median
        let peakMB = Double(max(big.slaPeakBytes, big.deviationsPeakBytes)) / 1e6
        let pass = ratio <= 11 && deviationsRatio <= 11 && big.sla.median <= 2 && big.deviationsReport.median <= 2 && peakMB <= 200
        func mb(_ bytes: Int) -> Double { Double(bytes) / 1e6 }
        return Figure(
            id: "4-quality-reports", title: "`sop report sla` / `report deviations` processes, \(instances) vs \(small.instances) instances",
            unit: "s", value: big.sla.median, baseline: small.sla.median,
            baselineName: "the same report on \(small.instances) instances (same store, earlier in the run)",
            ratio: ratio, ratioMeaning: "large-store median / small-store median (lower is better; 10x the instances)",
            target: "ratio <= 11 (both reports), median <= 2 s, peak RSS <= 200 MB", pass: pass,
            details: [("instances", .int(instances)), ("smallInstances", .int(small.instances)),
                      ("stepRecords", .int(big.stepRecords)), ("deviations", .int(big.deviations)),
                      ("lateShareOfEndedSteps", .number(big.lateShare)),
                      ("slaMedianSeconds", .number(big.sla.median)), ("slaPeakBytes", .int(big.slaPeakBytes)),
                      ("deviationsMedianSeconds", .number(big.deviationsReport.median)),
                      ("deviationsPeakBytes", .int(big.deviationsPeakBytes)),
                      ("smallSlaMedianSeconds", .number(small.sla.median)),
                      ("smallDeviationsMedianSeconds", .number(small.deviationsReport.median)),
                      ("deviationsRatio", .number(deviationsRatio)),
                      ("groupByMedianSeconds", .number(big.baseline.median)),
                      ("smallGroupByMedianSeconds", .number(small.baseline.median)), ("groupByRatio", .number(baselineRatio))],
            absolutes: String(format: "sla %@ (%.0f MB) vs %@; deviations %@ (%.0f MB) vs %@ (ratio %.2f); "
                                + "GROUP BY %@ vs %@ (ratio %.2f); %d ended steps, %d deviations, %.1f%% of ended steps late",
                              big.sla.median.humanDuration, mb(big.slaPeakBytes), small.sla.median.humanDuration,
                              big.deviationsReport.median.humanDuration, mb(big.deviationsPeakBytes),
                              small.deviationsReport.median.humanDuration, deviationsRatio,
                              big.baseline.median.humanDuration, small.baseline.median.humanDuration, baselineRatio,
                              big.stepRecords, big.deviations, big.lateShare * 100))
    }

    // MARK: Figure 5: definitions

    func validationThroughput() throws -> Figure {
        let count = options.generatedDefinitions, stepCount = options.generatedSteps
        let generated = try DefinitionGenerator.generate(from: fixture.main.bytes, count: count, stepCount: stepCount)
        // Every generated definition must be valid, or the figure would time error paths.
        if let bad = generated.lazy.map({ DefinitionLoader.load($0) }).first(where: { $0.procedure == nil }) {
            throw BenchError("a generated definition does not validate: "
                + bad.diagnostics.prefix(3).map { "\($0.code) at \($0.path)" }.joined(separator: "; "))
        }
        var validate = Samples(), parse = Samples()
        for round in 0..<3 {
            func validateAll() { validate.add(timed { for bytes in generated { _ = DefinitionLoader.load(bytes) } }.1) }
            func parseAll() {
                parse.add(timed { for bytes in generated { _ = try? JSONSerialization.jsonObject(with: Data(bytes)) } }.1)
            }
            if round % 2 == 0 { validateAll(); parseAll() } else { parseAll(); validateAll() }
        }
        let seconds = validate.median, baseline = parse.median
        let averageBytes = generated.reduce(0) { $0 + $1.count } / max(generated.count, 1)
        return Figure(
            id: "5a-validate-definitions", title: "validating \(count) generated definitions of \(stepCount) steps",
            unit: "s", value: seconds, baseline: baseline,
            baselineName: "Foundation JSONSerialization parsing the same bytes (no validation)",
            ratio: seconds / baseline, ratioMeaning: "validation time / plain JSON parse time (lower is better)",
            target: count >= 1_000 ? "total <= 1 s" : "total <= \(count) ms (1 s per 1,000; --quick size)",
            pass: seconds <= Double(count) / 1_000,
            details: [("definitions", .int(count)), ("steps", .int(stepCount)), ("averageBytes", .int(averageBytes)),
                      ("seconds", .number(seconds)), ("parseSeconds", .number(baseline))],
            absolutes: "validate \(seconds.humanDuration) total (\((seconds / Double(count)).humanDuration) each), "
                + "JSONSerialization \(baseline.humanDuration), \(averageBytes) bytes each, median of 3")
    }

    func startupCost() throws -> Figure {
        let runs = options.startupRuns
        let empty = directory.appendingPathComponent("no-definitions")
        try? FileManager.default.removeItem(at: empty)
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        // The calendars stay, so the only difference is the definitions themselves.
        try FileManager.default.copyItem(at: fixture.folder.appendingPathComponent("calendars"),
                                         to: empty.appendingPathComponent("calendars"))
        func once(_ folder: URL) throws -> Double {
            try processes.run(sop, ["definitions", "--definitions", folder.path, "--lang", "en"])
        }
        for _ in 0..<3 { _ = try once(fixture.folder); _ = try once(empty) }
        let (shipped, none) = try alternated(runs, { try once(fixture.folder) }, { try once(empty) })
        let added = shipped.median - none.median
        // In-process, for precision: what loading and validating the shipped files costs once.
        var load = Samples()
        for _ in 0..<20 {
            load.add(timed { for definition in fixture.definitions { _ = DefinitionLoader.load(Array(definition.bytes)) } }.1)
        }
        return Figure(
            id: "5b-startup-definitions", title: "`sop definitions` process with the \(fixture.definitions.count) shipped definitions",
            unit: "s", value: shipped.median, baseline: none.median,
            baselineName: "the same command with an empty definitions folder (calendars kept)",
            ratio: shipped.median / none.median, ratioMeaning: "shipped median / empty median (lower is better)",
            target: "added <= 5 ms", pass: added <= 0.005,
            details: [("runs", .int(runs)), ("addedSeconds", .number(added)),
                      ("shippedMedianSeconds", .number(shipped.median)), ("emptyMedianSeconds", .number(none.median)),
                      ("inProcessLoadSeconds", .number(load.median))],
            absolutes: "shipped median \(shipped.median.humanDuration), empty median \(none.median.humanDuration), "
                + "added \(added.humanDuration); in-process load+validate \(load.median.humanDuration)")
    }
}
