/// One problem found in a definition, with where it is and how to fix it.
///
/// Diagnostics are data: a stable ``code``, the JSON path and typed details. The command line renders
/// them in Indonesian or English; tests assert on codes and paths, not prose.
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable, Equatable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    /// The file the definition came from, when it came from a file.
    public var file: String?
    /// JSON path of the offending value, e.g. `$.steps[2].actor`; `$` for the whole document.
    public var path: String
    /// 1-based line and column, where known.
    public var line: Int?
    public var column: Int?
    /// What was expected, in neutral terms (a type, a pattern, a list of values).
    public var expected: String?
    /// What was found instead (a type name, the offending value).
    public var found: String?
    /// A further fact the message needs (e.g. the step that is unreachable, the other file).
    public var subject: String?
    public var suggestion: Suggestion?

    public init(_ severity: Severity, _ code: DiagnosticCode, path: String, expected: String? = nil,
                found: String? = nil, subject: String? = nil, suggestion: Suggestion? = nil) {
        self.severity = severity; self.code = code; self.path = path
        self.expected = expected; self.found = found; self.subject = subject; self.suggestion = suggestion
    }

    public static func error(_ code: DiagnosticCode, path: String, expected: String? = nil, found: String? = nil,
                             subject: String? = nil, suggestion: Suggestion? = nil) -> Diagnostic {
        Diagnostic(.error, code, path: path, expected: expected, found: found, subject: subject, suggestion: suggestion)
    }

    public static func warning(_ code: DiagnosticCode, path: String, expected: String? = nil, found: String? = nil,
                               subject: String? = nil, suggestion: Suggestion? = nil) -> Diagnostic {
        Diagnostic(.warning, code, path: path, expected: expected, found: found, subject: subject, suggestion: suggestion)
    }
}

/// How to fix a problem.
public enum Suggestion: Sendable, Equatable {
    /// A close match by edit distance ("did you mean 'ppid'?"), with the allowed values.
    case didYouMean(String, allowed: [String])
    /// The allowed values of an enumeration.
    case oneOf([String])
    /// A replacement value (e.g. the regulation that superseded a cited one).
    case replaceWith(String)

    /// "Did you mean" the closest allowed value when one is close enough, else the list of allowed values.
    public static func closest(_ word: String, in allowed: [String]) -> Suggestion {
        closestMatch(to: word, in: allowed).map { .didYouMean($0, allowed: allowed) } ?? .oneOf(allowed)
    }
}
