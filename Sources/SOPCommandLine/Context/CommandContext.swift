import Foundation
import SOPCore

/// Everything a command may touch from the outside world, injected so tests run commands in-process.
///
/// Commands never read `ProcessInfo`, `Date()` or the real terminal; `main.swift` builds the real context.
public struct CommandContext {
    public var environment: [String: String]
    public var clock: any WallClock
    public var output: OutputSink
    /// The directory relative paths are resolved against.
    public var currentDirectory: URL

    public init(environment: [String: String], clock: any WallClock, output: OutputSink, currentDirectory: URL) {
        self.environment = environment
        self.clock = clock
        self.output = output
        self.currentDirectory = currentDirectory
    }

    /// A path as the user wrote it, made absolute.
    func url(for path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return currentDirectory.appendingPathComponent(path)
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
