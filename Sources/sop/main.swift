import Foundation
import SOPCommandLine
import SOPCore

/// The real clock: the only place `sop` reads the machine's time.
struct SystemWallClock: WallClock {
    var now: Date { Date() }
}

/// Writes all of `text` to a file descriptor, retrying short and interrupted writes. Straight to `write(2)`:
/// `FileHandle.write(Data(text.utf8))` cost a runtime type-conformance scan on every start.
func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { buffer in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return  // the reader went away or the disk is full: nothing sensible left to do with output
            }
            offset += written
        }
    }
}

let output = OutputSink(out: { writeAll($0, to: STDOUT_FILENO) }, err: { writeAll($0, to: STDERR_FILENO) })
/// Only the variables sop reads (see `EnvironmentVariable`), not a dictionary of the whole environment.
var environment: [String: String] = [:]
for name in EnvironmentVariable.all {
    if let value = getenv(name) { environment[name] = String(cString: value) }
}
let context = CommandContext(environment: environment, clock: SystemWallClock(), output: output,
                             currentDirectoryPath: FileManager.default.currentDirectoryPath)
exit(SOPTool.run(Array(CommandLine.arguments.dropFirst()), context: context))
