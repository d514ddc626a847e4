import SOPCore

/// Prints diagnostics compiler-style (one greppable line, then the path and a hint) or as stable JSON.
enum DiagnosticRenderer {
    static func text(_ diagnostics: [Diagnostic], language: Language) -> String {
        var out = ""
        for d in diagnostics {
            var location = d.file ?? "<input>"
            if let line = d.line { location += ":\(line)" }
            if let column = d.column { location += ":\(column)" }
            let severity = d.severity == .error ? Text(en: "error", id: "galat")(language) : Text(en: "warning", id: "peringatan")(language)
            out += "\(location): \(severity)[\(d.code.rawValue)]: \(DiagnosticMessages.message(d)(language))\n"
            out += "  " + Text(en: "at", id: "di")(language) + " \(d.path)\n"
            if let suggestion = d.suggestion {
                out += "  " + Text(en: "help", id: "saran")(language) + ": \(DiagnosticMessages.suggestion(suggestion)(language))\n"
            }
        }
        return out
    }

    /// The documented JSON shape of one diagnostic (see README, "Machine output").
    static func json(_ d: Diagnostic, language: Language) -> JSONValue {
        var suggestion: JSONValue = .null
        if let s = d.suggestion { suggestion = .string(DiagnosticMessages.suggestion(s)(language)) }
        return .object([
            ("severity", .string(d.severity.rawValue)),
            ("code", .string(d.code.rawValue)),
            ("file", d.file.map(JSONValue.string) ?? .null),
            ("line", d.line.map { .number(Double($0)) } ?? .null),
            ("column", d.column.map { .number(Double($0)) } ?? .null),
            ("path", .string(d.path)),
            ("message", .string(DiagnosticMessages.message(d)(language))),
            ("expected", d.expected.map(JSONValue.string) ?? .null),
            ("found", d.found.map(JSONValue.string) ?? .null),
            ("suggestion", suggestion),
        ])
    }
}
