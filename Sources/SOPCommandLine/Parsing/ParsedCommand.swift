/// The result of parsing a command line against a ``CommandSpec`` tree.
struct ParsedCommand {
    /// Subcommand names from the root, e.g. `["officers", "add"]`.
    var path: [String]
    var spec: CommandSpec
    var arguments: [String]
    var options: [String: [String]]
    var flags: Set<String>

    func value(_ name: String) -> String? { options[name]?.last }
    func values(_ name: String) -> [String] { options[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// The value of an option the spec marks required (the parser has already checked it is there).
    func required(_ name: String) throws(CommandFailure) -> String {
        guard let value = value(name) else { throw .usage(.missingOption(name, path: path)) }
        return value
    }
}

/// What is wrong with a command line (exit 64).
enum UsageError: Error, Equatable {
    case unknownSubcommand(String, path: [String], suggestion: String?, available: [String])
    case missingSubcommand(path: [String], available: [String])
    case unknownOption(String, path: [String], suggestion: String?)
    case missingValue(option: String, path: [String])
    case invalidValue(option: String, value: String, allowed: [String], path: [String])
    case missingArgument(String, path: [String])
    case unexpectedArguments([String], path: [String])
    case missingOption(String, path: [String])
    case invalid(option: String, value: String, expected: Text, path: [String])

    static func == (a: UsageError, b: UsageError) -> Bool { "\(a)" == "\(b)" }

    var path: [String] {
        switch self {
        case .unknownSubcommand(_, let p, _, _), .missingSubcommand(let p, _), .unknownOption(_, let p, _),
             .missingValue(_, let p), .invalidValue(_, _, _, let p), .missingArgument(_, let p),
             .unexpectedArguments(_, let p), .missingOption(_, let p), .invalid(_, _, _, let p):
            p
        }
    }

    func message(_ language: Language) -> String {
        switch self {
        case .unknownSubcommand(let name, _, let suggestion, let available):
            let hint = suggestion.map { Text(en: " Did you mean '\($0)'?", id: " Maksud Anda '\($0)'?")(language) }
                ?? Text(en: " Available: \(available.joined(separator: ", ")).",
                        id: " Yang tersedia: \(available.joined(separator: ", ")).")(language)
            return Text(en: "Unknown command '\(name)'.", id: "Perintah '\(name)' tidak dikenal.")(language) + hint
        case .missingSubcommand(_, let available):
            return Text(en: "Missing command. Available: \(available.joined(separator: ", ")).",
                        id: "Perintah belum disebut. Yang tersedia: \(available.joined(separator: ", ")).")(language)
        case .unknownOption(let name, _, let suggestion):
            let hint = suggestion.map { Text(en: " Did you mean '--\($0)'?", id: " Maksud Anda '--\($0)'?")(language) } ?? ""
            return Text(en: "Unknown option '\(name)'.", id: "Opsi '\(name)' tidak dikenal.")(language) + hint
        case .missingValue(let option, _):
            return Text(en: "Missing value for '--\(option)'.", id: "Nilai untuk '--\(option)' belum diberikan.")(language)
        case .invalidValue(let option, let value, let allowed, _):
            let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
            return Text(en: "The value '\(value)' is invalid for '--\(option)'. Please provide one of \(list).",
                        id: "Nilai '\(value)' tidak sah untuk '--\(option)'. Pilih salah satu dari \(list).")(language)
        case .missingArgument(let name, _):
            return Text(en: "Missing expected argument '<\(name)>'.", id: "Argumen '<\(name)>' belum diberikan.")(language)
        case .unexpectedArguments(let extra, _):
            let list = extra.map { "'\($0)'" }.joined(separator: ", ")
            return Text(en: "\(extra.count) unexpected argument\(extra.count == 1 ? "" : "s"): \(list)",
                        id: "\(extra.count) argumen tak terduga: \(list)")(language)
        case .missingOption(let name, _):
            return Text(en: "Missing expected option '--\(name)'.", id: "Opsi '--\(name)' wajib diberikan.")(language)
        case .invalid(let option, let value, let expected, _):
            return Text(en: "The value '\(value)' is invalid for '--\(option)': expected \(expected.en).",
                        id: "Nilai '\(value)' tidak sah untuk '--\(option)': seharusnya \(expected.id).")(language)
        }
    }
}
