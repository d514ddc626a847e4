// sop-bench: sop's performance figures, each a ratio against a baseline measured in the same run on the
// same file system, with the absolute times beside it. One line per figure on stdout, then one JSON
// object (the last line) with pass/fail per figure. Progress goes to stderr. See BENCHMARKS.md.
import Foundation
import SOPCommandLine
import SOPCore
import SOPSQLite

/// This executable's own path, resolved (so the `sop` next to it is found wherever it is run from).
func executableDirectory() -> URL {
    let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: path).deletingLastPathComponent()
}

func machineDescription(directory: URL) -> JSONValue {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
        .flatMap { $0.split(separator: ":", maxSplits: 1).last }
        .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    var name = utsname()
    uname(&name)
    let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    // The file system holding the stores: the longest mount point that contains the directory.
    let mounts = ((try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? "").split(separator: "\n")
        .map { $0.split(separator: " ").map(String.init) }.filter { $0.count >= 3 }
    let mount = mounts.filter { directory.path == $0[1] || directory.path.hasPrefix($0[1] == "/" ? "/" : $0[1] + "/") }
        .max { $0[1].count < $1[1].count }
    let fileSystem = mount.map { "\($0[0]) on \($0[1]) (\($0[2]))" } ?? "unknown"
    return .object([
        ("cpus", .int(ProcessInfo.processInfo.activeProcessorCount)), ("cpuModel", .string(model)),
        ("memoryBytes", .number(Double(ProcessInfo.processInfo.physicalMemory))), ("kernel", .string(release)),
        ("sqlite", .string(sqliteLibraryVersion)), ("directory", .string(directory.path)),
        ("fileSystem", .string(fileSystem)),
    ])
}

/// The real clock: the only place the benchmark reads the machine's time (as in `sop`'s main.swift).
struct SystemWallClock: WallClock {
    var now: Date { Date() }
}

func runBench() throws -> Int32 {
    let started = monotonicNanoseconds()
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    let here = executableDirectory()
    let sop = options.sopBinary ?? here.appendingPathComponent("sop").path
    guard FileManager.default.isExecutableFile(atPath: sop) else {
        throw BenchError("no sop binary at \(sop); build it with scripts/build-release.sh")
    }
    guard FileManager.default.isExecutableFile(atPath: options.sqlite3) else {
        throw BenchError("no sqlite3 shell at \(options.sqlite3) (Debian: apt-get install sqlite3)")
    }
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let definitions: URL
    if let given = options.definitions {
        definitions = URL(fileURLWithPath: given, relativeTo: cwd).standardizedFileURL
    } else {
        // ./definitions, else the package's (the binary lives in <package>/<scratch>/<config>/).
        let candidates = [cwd.appendingPathComponent("definitions"),
                          here.appendingPathComponent("../../definitions").standardizedFileURL,
                          here.appendingPathComponent("../../../definitions").standardizedFileURL]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("calendars").path) }) else {
            throw BenchError("no definitions folder found; pass --definitions PATH")
        }
        definitions = found
    }
    // The stores go in a folder of this run's own inside --dir (default: here). Only that folder is removed
    // afterwards, and it must not exist yet: `--dir /tmp` once removed all of /tmp.
    let parent = URL(fileURLWithPath: options.directory ?? ".", relativeTo: cwd).standardizedFileURL
    let directory = parent.appendingPathComponent(".sop-bench-\(getpid())")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    } catch {
        throw BenchError("cannot create a fresh folder \(directory.path) for the stores: \(error.localizedDescription)")
    }
    defer {
        if !options.keep { try? FileManager.default.removeItem(at: directory) }
    }

    let bench = try Bench(options: options, directory: directory, definitions: definitions, sop: sop, clock: SystemWallClock())
    var figures: [Figure] = []
    func record(_ figure: Figure) {
        figures.append(figure)
        FileHandle.standardOutput.write(Data((figure.line + "\n").utf8))
    }
    progress("sop-bench \(options.quick ? "--quick" : "(full)"): stores in \(directory.path), sop at \(sop)")

    if options.wants("5a") {
        progress("5a: validating generated definitions")
        record(try bench.validationThroughput())
    }
    if options.wants("5b") {
        progress("5b: startup with the shipped definitions")
        record(try bench.startupCost())
    }
    // Figure 1 also measures the row size the shell baseline of figure 2 and figure 1c write.
    if options.wants("1") || options.wants("2") || options.wants("1c") {
        progress("1: durable completions in-process")
        let figure = try bench.durableCompletions()
        if options.wants("1") { record(figure) }
    }
    if options.wants("1b") {
        progress("1b: whole command in-process")
        record(try bench.toolCompletions())
    }
    if options.wants("1c") {
        progress("1c: what a page costs a commit")
        record(try bench.pageCost())
    }
    if options.wants("1d") {
        progress("1d: completions against a C client writing the same rows")
        record(try bench.sameRowsCompletions())
    }

    // One large store, grown in place: first to the size of figure 2, then to the size of figures 3 and 4.
    let largeName = "large.sqlite"
    let generator = InstanceGenerator(fixture: bench.fixture, prefix: "P")
    let commandSize = options.storeInstancesForCommand, historySize = options.storeInstancesForHistory
    if options.wants("2") || options.wants("3") || options.wants("4") {
        do {
            let large = try bench.freshStore(largeName)
            try bench.populate(large, generator: generator, from: 0, to: commandSize)
        }
        if options.wants("4") {
            progress("4: quality reports on \(commandSize) instances")
            bench.reportsAtCommandSize = try bench.measureReports(storeName: largeName, instances: commandSize)
        }
        if options.wants("2") {
            progress("2: sop complete process vs sqlite3 shell")
            record(try bench.commandLatency(storeName: largeName, instances: commandSize))
        }
    }
    if options.wants("3") || options.wants("4") {
        let large = try SQLiteEventStore(path: bench.path(largeName))
        try bench.populate(large, generator: generator, from: commandSize, to: historySize)
        if options.wants("3") {
            progress("3: completion latency, large store vs empty store")
            record(try bench.historyIndependence(large: large, instances: max(commandSize, historySize)))
        }
        if options.wants("4") { progress("4: quality reports on \(max(commandSize, historySize)) instances") }
        if options.wants("4"), let figure = try bench.qualityReportsAtScale(large: large, instances: max(commandSize, historySize)) {
            record(figure)
        }
    }

    let elapsed = Double(monotonicNanoseconds() - started) / 1e9
    let failed = figures.filter { $0.pass == false }.map(\.id)
    let summary = JSONValue.object([
        ("benchmark", .string("sop-bench")), ("quick", .bool(options.quick)),
        ("command", .string((["sop-bench"] + CommandLine.arguments.dropFirst()).joined(separator: " "))),
        ("machine", machineDescription(directory: directory)),
        ("elapsedSeconds", .number(elapsed)),
        ("population", .object(bench.population)),
        ("figures", .array(figures.map(\.json))),
        ("failed", .array(failed.map(JSONValue.string))),
        ("allPass", .bool(failed.isEmpty)),
    ])
    FileHandle.standardOutput.write(Data((String(format: "elapsed %.1f s; %d figure(s), %d failed target(s)\n",
                                                 elapsed, figures.count, failed.count) + summary.renderedCompact() + "\n").utf8))
    return 0
}

do {
    exit(try runBench())
} catch {
    FileHandle.standardError.write(Data("sop-bench: \(error)\n".utf8))
    exit(2)
}
