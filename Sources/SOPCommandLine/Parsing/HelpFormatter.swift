import Foundation

/// Renders help from the same spec the parser uses (2-space indent, 26-column labels, wrapped at 80).
enum HelpFormatter {
    static let width = 80
    static let labelWidth = 26

    static func render(_ spec: CommandSpec, path: [String], language: Language) -> String {
        let l = language
        var lines: [String] = []
        lines.append(Text(en: "OVERVIEW: ", id: "IKHTISAR: ")(l) + spec.abstract(l))
        if let discussion = spec.discussion {
            lines.append("")
            lines += TextWrap.wrap(discussion(l), width: width)
        }
        lines.append("")
        lines.append(Text(en: "USAGE: ", id: "PEMAKAIAN: ")(l) + usage(spec, path: path))
        if !spec.arguments.isEmpty {
            lines.append("")
            lines.append(Text(en: "ARGUMENTS:", id: "ARGUMEN:")(l))
            for argument in spec.arguments {
                lines += row(label: "<\(argument.name)>" + (argument.isRepeating ? " ..." : ""), help: argument.help(l))
            }
        }
        lines.append("")
        lines.append(Text(en: "OPTIONS:", id: "OPSI:")(l))
        for option in spec.options + GlobalOptions.all {
            var label = "--\(option.name)"
            if let value = option.valueName { label += " <\(value)>" }
            if option.name == "help" { label = "-h, --help" }
            lines += row(label: label, help: option.help(l))
        }
        if !spec.subcommands.isEmpty {
            lines.append("")
            lines.append(Text(en: "SUBCOMMANDS:", id: "SUBPERINTAH:")(l))
            for sub in spec.subcommands { lines += row(label: sub.name, help: sub.abstract(l)) }
            lines.append("")
            let name = (["sop"] + path).joined(separator: " ")
            lines.append(Text(en: "  See '\(name) <subcommand> --help' for detailed help.",
                              id: "  Lihat '\(name) <subperintah> --help' untuk bantuan rinci.")(l))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func usage(_ spec: CommandSpec, path: [String]) -> String {
        var parts = ["sop"] + path
        if !spec.subcommands.isEmpty { parts.append("<subcommand>") }
        for argument in spec.arguments {
            var text = "<\(argument.name)>"
            if argument.isRepeating { text += " ..." }
            parts.append(argument.isOptional ? "[\(text)]" : text)
        }
        for option in spec.options {
            var text = "--\(option.name)"
            if let value = option.valueName { text += " <\(value)>" }
            if option.isRepeating { text += " ..." }
            parts.append(option.isRequired ? text : "[\(text)]")
        }
        return parts.joined(separator: " ")
    }

    private static func row(label: String, help: String) -> [String] {
        let indent = String(repeating: " ", count: labelWidth)
        let wrapped = TextWrap.wrap(help, width: width - labelWidth)
        var lines: [String] = []
        let head = "  " + label
        if head.count < labelWidth {
            lines.append(head.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + (wrapped.first ?? ""))
            lines += wrapped.dropFirst().map { indent + $0 }
        } else {
            lines.append(head)
            lines += wrapped.map { indent + $0 }
        }
        return lines
    }
}
