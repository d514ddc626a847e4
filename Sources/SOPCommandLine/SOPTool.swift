import Foundation
import SOPCore

/// The `sop` command line as a library: `main.swift` calls ``run(_:context:)`` and exits with its result.
public enum SOPTool {
    static var commands: [Command] {
        [DefinitionCommands.validate, DefinitionCommands.lint, DefinitionCommands.list, DefinitionCommands.show,
         InstanceCommands.start, InstanceQueries.inbox, InstanceQueries.list, InstanceQueries.status,
         InstanceCommands.complete, InstanceCommands.returnTo, InstanceCommands.cancel, InstanceCommands.note,
         InstanceQueries.history, SLACommands.check, SLACommands.account, BackupCommand.backup, DemoCommand.demo]
    }

    /// Command groups with subcommands of their own.
    static var groups: [CommandSpec] { [OfficerCommands.group, ReportCommands.group, AuditCommands.group, EvidenceCommands.group] }

    static var root: CommandSpec {
        CommandSpec(name: "sop",
                    abstract: Text(en: "Run Standard Operating Procedures (SOP/POS) defined in JSON.",
                                   id: "Jalankan Standar Operasional Prosedur (SOP/POS) yang didefinisikan dalam JSON."),
                    subcommands: commands.map(\.spec) + groups)
    }

    /// Runs one command line (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        let languageOption = optionValue("lang", in: arguments)
        guard let language = Language.resolve(option: languageOption, environment: context.environment) else {
            context.output.err(UsageError.invalidValue(option: "lang", value: languageOption ?? "", allowed: ["id", "en"], path: [])
                .message(.en) + "\n")
            return ExitCode.usage.rawValue
        }
        let json = arguments.contains("--json")
        let parsed: ParsedCommand
        do {
            parsed = try CommandLineParser.parse(arguments, root: root)
        } catch {
            report(.usage(error), json: json, language: language, context: context, usagePath: error.path)
            return ExitCode.usage.rawValue
        }
        if parsed.has("help") || arguments.isEmpty {
            context.output.out(HelpFormatter.render(parsed.spec, path: parsed.path, language: language))
            return ExitCode.success.rawValue
        }
        guard let command = command(for: parsed.path) else { return ExitCode.usage.rawValue }
        let invocation = Invocation(parsed: parsed, context: context, language: language, json: json)
        do {
            return try command.run(invocation).rawValue
        } catch {
            report(error, json: json, language: language, context: context, usagePath: error.exitCode == .usage ? parsed.path : nil)
            return error.exitCode.rawValue
        }
    }

    static func command(for path: [String]) -> Command? {
        guard let first = path.first else { return nil }
        let name = path.joinedText(separator: " ")
        let commands = allCommands  // built on each access: once here, not twice
        return commands[name] ?? commands[first]
    }

    /// Every runnable command by its full name ("officers add").
    static var allCommands: [String: Command] {
        var result: [String: Command] = [:]
        for command in commands { result[command.spec.name] = command }
        for (name, command) in nestedCommands { result[name] = command }
        return result
    }

    static var nestedCommands: [String: Command] {
        OfficerCommands.nested.merging(ReportCommands.nested) { a, _ in a }
            .merging(AuditCommands.nested) { a, _ in a }.merging(EvidenceCommands.nested) { a, _ in a }
    }

    /// The one place failures become text, JSON and an exit code.
    static func report(_ failure: CommandFailure, json: Bool, language: Language, context: CommandContext, usagePath: [String]?) {
        if json {
            var members: [(String, JSONValue)] = [("error", .string(failure.code)), ("message", .string(failure.message(language))),
                                                  ("exitCode", .int(Int(failure.exitCode.rawValue)))]
            if let detail = failure.detail { members.append(("detail", detail)) }
            context.output.err(JSONValue.object(members).rendered())
            return
        }
        var text = Text(en: "Error: ", id: "Galat: ")(language) + failure.message(language) + "\n"
        if let usagePath {
            var spec = root
            for name in usagePath { if let sub = spec.subcommand(name) { spec = sub } }
            text += Text(en: "Usage: ", id: "Pemakaian: ")(language) + HelpFormatter.usage(spec, path: usagePath) + "\n"
            let name = (["sop"] + usagePath).joined(separator: " ")
            text += Text(en: "  See '\(name) --help' for more information.", id: "  Lihat '\(name) --help' untuk keterangan lebih lanjut.")(language) + "\n"
        }
        context.output.err(text)
    }

    /// Reads one option's value before full parsing (the language must be known to report parse errors).
    private static func optionValue(_ name: String, in arguments: [String]) -> String? {
        var value: String?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" { break }
            if word == "--\(name)", index + 1 < arguments.count { value = arguments[index + 1]; index += 1 }
            else if word.hasPrefix("--\(name)=") { value = String(word.dropFirst(name.count + 3)) }
            index += 1
        }
        return value
    }
}
