import SOPCore

/// Parses `argv` against the command tree: subcommands first, then `--long value`, `--long=value`,
/// repeated options, `-h`, and `--` to end options. Global options are accepted anywhere.
enum CommandLineParser {
    static func parse(_ argv: [String], root: CommandSpec) throws(UsageError) -> ParsedCommand {
        var spec = root
        var path: [String] = []
        var arguments: [String] = []
        var options: [String: [String]] = [:]
        var flags: Set<String> = []
        var index = 0
        var optionsEnded = false

        while index < argv.count {
            let word = argv[index]
            index += 1
            if !optionsEnded && word == "--" { optionsEnded = true; continue }
            if !optionsEnded && (word == "-h" || word == "--help") { flags.insert("help"); continue }
            if !optionsEnded && word.hasPrefix("--") {
                var name = String(word.dropFirst(2))
                var inlineValue: String?
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                let known = GlobalOptions.all + spec.options
                guard let option = known.first(where: { $0.name == name }) else {
                    let names = known.map(\.name)
                    throw .unknownOption(word, path: path, suggestion: closestMatch(to: name, in: names))
                }
                if option.isFlag {
                    if inlineValue != nil { throw .unexpectedArguments([word], path: path) }
                    flags.insert(name)
                    continue
                }
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < argv.count else { throw .missingValue(option: name, path: path) }
                    value = argv[index]
                    index += 1
                }
                if let allowed = option.allowedValues, !allowed.contains(value) {
                    throw .invalidValue(option: name, value: value, allowed: allowed, path: path)
                }
                options[name, default: []].append(value)
                continue
            }
            if !optionsEnded && word.hasPrefix("-") && word.count > 1 && Int(word) == nil {
                throw .unknownOption(word, path: path, suggestion: nil)
            }
            if !spec.subcommands.isEmpty && arguments.isEmpty {
                guard let sub = spec.subcommand(word) else {
                    if word == "help" { flags.insert("help"); continue }
                    let names = spec.subcommands.map(\.name)
                    throw .unknownSubcommand(word, path: path, suggestion: closestMatch(to: word, in: names), available: names)
                }
                spec = sub
                path.append(word)
                continue
            }
            arguments.append(word)
        }

        let parsed = ParsedCommand(path: path, spec: spec, arguments: arguments, options: options, flags: flags)
        if flags.contains("help") { return parsed }
        if !spec.subcommands.isEmpty {
            throw .missingSubcommand(path: path, available: spec.subcommands.map(\.name))
        }
        for option in spec.options + GlobalOptions.all where !option.isRepeating && !option.isFlag {
            if let given = options[option.name], given.count > 1 {
                throw .unexpectedArguments(Array(given.dropLast()), path: path)
            }
        }
        for option in spec.options where option.isRequired && options[option.name] == nil {
            throw .missingOption(option.name, path: path)
        }
        let required = spec.arguments.filter { !$0.isOptional }
        if arguments.count < required.count {
            throw .missingArgument(required[arguments.count].name, path: path)
        }
        if !spec.arguments.contains(where: \.isRepeating), arguments.count > spec.arguments.count {
            throw .unexpectedArguments(Array(arguments.dropFirst(spec.arguments.count)), path: path)
        }
        return parsed
    }
}
