import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times whole processes, start to exit: `posix_spawn` to `waitpid`, stdout to /dev/null, stderr to a file
/// (shown when the process fails). The cost of spawning is in every sample, for `sop` and baselines alike.
struct ProcessTimer {
    /// Where a failing process's stderr is kept.
    var stderrPath: String

    /// Runs `executable` with `arguments`; returns the wall time in seconds, or throws when it exits non-zero.
    func run(_ executable: String, _ arguments: [String]) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = monotonicNanoseconds()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw BenchError("waitpid failed for \(executable)") }
        }
        let elapsed = Double(monotonicNanoseconds() - start) / 1e9
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exitedNormally = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exitedNormally, code == 0 else {
            let message = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            throw BenchError("\(executable) \(arguments.joined(separator: " ")) failed "
                + (exitedNormally ? "with exit code \(code)" : "by signal \(status & 0x7f)") + ": \(message)")
        }
        return elapsed
    }
}
