import Foundation
import SOPCore

/// Everything a command may touch from the outside world, injected so tests run commands in-process.
///
/// Commands never read `ProcessInfo`, `Date()` or the real terminal; `main.swift` builds the real context.
public struct CommandContext {
    public var environment: [String: String]
    public var clock: any WallClock
    public var output: OutputSink
    /// The directory relative paths are resolved against, as an absolute path.
    public var currentDirectoryPath: String

    /// ``currentDirectoryPath`` as a file URL.
    public var currentDirectory: URL {
        get { URL(fileURLWithPath: currentDirectoryPath) }
        set { currentDirectoryPath = newValue.path }
    }

    public init(environment: [String: String], clock: any WallClock, output: OutputSink, currentDirectoryPath: String) {
        self.environment = environment
        self.clock = clock
        self.output = output
        self.currentDirectoryPath = currentDirectoryPath
    }

    public init(environment: [String: String], clock: any WallClock, output: OutputSink, currentDirectory: URL) {
        self.init(environment: environment, clock: clock, output: output, currentDirectoryPath: currentDirectory.path)
    }

    /// A path as the user wrote it, made absolute.
    func url(for path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return currentDirectory.appendingPathComponent(path)
    }

    /// `url(for: path).path`, by string operations alone: relative paths are joined to the current directory
    /// and trailing slashes dropped; nothing else is rewritten (`.`, `..` and `//` stay, as `URL` keeps them).
    ///
    /// Every command resolves its store and definitions folder; going through `URL.path` made Foundation
    /// build a `Set<UInt8>`, whose first use costs a runtime conformance scan in the static binary
    /// (see BENCHMARKS.md).
    func path(for path: String) -> String {
        var absolute: String
        if path.hasPrefix("/") {
            absolute = path
        } else if currentDirectoryPath.hasSuffix("/") {
            absolute = currentDirectoryPath + path
        } else {
            absolute = currentDirectoryPath + "/" + path
        }
        while absolute.utf8.count > 1, absolute.hasSuffix("/") { absolute.removeLast() }
        return absolute
    }
}

/// Where standard output and standard error go.
public final class OutputSink {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        writeOut = out
        writeErr = err
    }

    func out(_ text: String) { writeOut(text) }
    func err(_ text: String) { writeErr(text) }

    /// An in-memory sink for tests.
    public static func capturing() -> (OutputSink, CapturedOutput) {
        let captured = CapturedOutput()
        return (OutputSink(out: { captured.stdout += $0 }, err: { captured.stderr += $0 }), captured)
    }
}

/// What a command printed, when run in-process.
public final class CapturedOutput {
    public var stdout = ""
    public var stderr = ""
}
