/// The process exit codes, in one table (BSD sysexits where one fits).
public enum ExitCode: Int32, Sendable {
    case success = 0
    /// A rule refused the command (wrong role, inactive step, someone else acted first).
    case refused = 1
    /// The command line is wrong.
    case usage = 64
    /// The input data is invalid (a definition with errors, a bad time, a bad NIP).
    case dataError = 65
    /// An input file does not exist or cannot be read.
    case noInput = 66
    /// The store could not be read or written.
    case ioError = 74
}
