import SOPCore

/// One command of the tool: its declaration and what it does.
struct Command: Sendable {
    var spec: CommandSpec
    var run: @Sendable (Invocation) throws(CommandFailure) -> ExitCode
}

/// A parsed command line with its context, handed to a command's body.
struct Invocation {
    var parsed: ParsedCommand
    var context: CommandContext
    var language: Language
    var json: Bool

    func out(_ text: String) { context.output.out(text) }
    func err(_ text: String) { context.output.err(text) }
    func out(_ json: JSONValue) { context.output.out(json.rendered()) }
}

/// A command that could not do what was asked; rendered in one place with its exit code.
struct CommandFailure: Error {
    var exitCode: ExitCode
    var message: Text
    /// A stable code for `--json` output, e.g. `wrong-role`.
    var code: String
    /// Extra machine-readable detail for `--json` (e.g. the instance's current state after a conflict).
    var detail: JSONValue?

    init(_ exitCode: ExitCode, code: String, _ message: Text, detail: JSONValue? = nil) {
        self.exitCode = exitCode; self.code = code; self.message = message; self.detail = detail
    }

    static func usage(_ error: UsageError) -> CommandFailure {
        CommandFailure(.usage, code: "usage", Text(en: error.message(.en), id: error.message(.id)))
    }
}
