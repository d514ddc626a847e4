/// The declaration of one command: it drives parsing, help and suggestions, so help cannot drift from the parser.
struct CommandSpec: Sendable {
    var name: String
    var abstract: Text
    var discussion: Text?
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    var subcommands: [CommandSpec] = []

    func subcommand(_ name: String) -> CommandSpec? { subcommands.first { $0.name == name } }
}

/// A positional argument.
struct ArgumentSpec: Sendable {
    var name: String
    var help: Text
    var isOptional = false
    var isRepeating = false
}

/// A `--long` option: a flag when `valueName` is nil, otherwise it takes a value.
struct OptionSpec: Sendable {
    var name: String
    var valueName: String?
    var help: Text
    var isRepeating = false
    /// Allowed values, listed in help and checked by the parser.
    var allowedValues: [String]? = nil
    /// The command cannot run without it (shown without brackets in the usage line).
    var isRequired = false

    var isFlag: Bool { valueName == nil }
}

/// Options every command accepts, anywhere on the line.
enum GlobalOptions {
    static let all: [OptionSpec] = [
        OptionSpec(name: "lang", valueName: "lang",
                   help: Text(en: "Language of messages. (values: id, en; default: from $LANG)",
                              id: "Bahasa pesan. (nilai: id, en; bawaan: dari $LANG)"),
                   allowedValues: ["id", "en"]),
        OptionSpec(name: "json", valueName: nil,
                   help: Text(en: "Print stable, machine-readable JSON.", id: "Cetak JSON yang stabil untuk mesin.")),
        OptionSpec(name: "store", valueName: "path",
                   help: Text(en: "SQLite store file. (default: $SOP_STORE, else sop.sqlite)",
                              id: "Berkas penyimpanan SQLite. (bawaan: $SOP_STORE, atau sop.sqlite)")),
        OptionSpec(name: "definitions", valueName: "dir",
                   help: Text(en: "Folder of definitions. (default: $SOP_DEFINITIONS, else definitions)",
                              id: "Folder definisi. (bawaan: $SOP_DEFINITIONS, atau definitions)")),
        OptionSpec(name: "help", valueName: nil, help: Text(en: "Show help information.", id: "Tampilkan bantuan.")),
    ]
}
