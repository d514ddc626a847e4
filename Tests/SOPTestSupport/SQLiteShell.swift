import Foundation

/// The sqlite3 command-line shell (`/usr/bin/sqlite3`; CI installs it), which tests use the way a tamperer
/// or an administrator would: behind sop's back, on the store file itself.
public enum SQLiteShell {
    public static let executable = "/usr/bin/sqlite3"

    public struct Failed: Error, CustomStringConvertible {
        public var status: Int32
        public var stderr: String
        public var description: String { "sqlite3 exited \(status): \(stderr)" }
    }

    /// Runs `sql` on `database`, stopping at the first failing statement (`-bail`); throws if the shell fails.
    public static func run(_ database: String, _ sql: String) throws {
        let (status, _, stderr) = try execute(["-bail", database, sql])
        guard status == 0 else { throw Failed(status: status, stderr: stderr) }
    }

    /// What the shell prints for `sql` (standard output, then any error message), trimmed.
    public static func query(_ database: String, _ sql: String) throws -> String {
        let (_, stdout, stderr) = try execute([database, sql])
        return (stdout + stderr).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func execute(_ arguments: [String]) throws -> (Int32, String, String) {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Failed(status: -1, stderr: "no sqlite3 shell at \(executable) (Debian: apt-get install sqlite3; .ci/run installs it)")
        }
        return try runProcess(URL(fileURLWithPath: executable), arguments)
    }
}
