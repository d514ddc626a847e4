import Foundation
import SOPCommandLine
import SOPCore

/// The real clock: the only place `sop` reads the machine's time.
struct SystemWallClock: WallClock {
    var now: Date { Date() }
}

let output = OutputSink(out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                        err: { FileHandle.standardError.write(Data($0.utf8)) })
let context = CommandContext(environment: ProcessInfo.processInfo.environment, clock: SystemWallClock(), output: output,
                             currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
exit(SOPTool.run(Array(CommandLine.arguments.dropFirst()), context: context))
