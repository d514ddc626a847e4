/// The result of loading one definition file: the procedure when it has no errors, and every diagnostic.
public struct LoadedDefinition: Sendable {
    public var file: String?
    /// Present only when there is no error.
    public var procedure: Procedure?
    /// Errors first, then warnings, each group in file order.
    public var diagnostics: [Diagnostic]
    /// The exact bytes, kept so the store can pin the version an instance runs by its hash.
    public var bytes: [UInt8]

    public init(file: String?, procedure: Procedure?, diagnostics: [Diagnostic], bytes: [UInt8]) {
        self.file = file; self.procedure = procedure; self.diagnostics = diagnostics; self.bytes = bytes
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Parses, reads, validates and (optionally) lints definition files. Pure: it is given bytes, never paths to open.
public enum DefinitionLoader {
    /// Larger files are refused before parsing: a POS is a few kilobytes.
    public static let maximumFileSize = 4 * 1024 * 1024

    /// Loads one definition.
    ///
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - file: the name to put in diagnostics.
    ///   - lint: also run the warnings of `sop lint`.
    public static func load(_ bytes: [UInt8], file: String? = nil, lint: Bool = false) -> LoadedDefinition {
        var result = LoadedDefinition(file: file, procedure: nil, diagnostics: [], bytes: bytes)
        guard bytes.count <= maximumFileSize else {
            result.diagnostics = [located(.error(.fileTooLarge, path: "$", expected: "at most \(maximumFileSize) bytes",
                                                 found: "\(bytes.count) bytes"), file: file, line: nil, column: nil)]
            return result
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            let (line, column) = SourceText(bytes).location(ofOffset: error.offset)
            result.diagnostics = [located(syntaxDiagnostic(error), file: file, line: line, column: column)]
            return result
        }
        var reader = DefinitionReader()
        reader.reader.recordsOffsets = false
        let procedure = reader.read(root)
        var diagnostics = reader.reader.diagnostics
        if let procedure {
            diagnostics += ProcedureValidator.check(procedure)
            diagnostics += ProcedureValidator.checkTimeZone(procedure)
        }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        if lint, let procedure, !hasErrors {
            diagnostics += Linter.lint(procedure)
        }
        // Only diagnostics need places: the same reading again, recording where each value is, and one pass
        // over the text.
        if !diagnostics.isEmpty {
            var locating = DefinitionReader()
            _ = locating.read(root)
            let offsets = locating.reader.offsets
            let places = SourceText(bytes).locations(ofOffsets: diagnostics.map { diagnostic in
                nearestOffset(for: diagnostic.path, in: offsets) ?? root.offset
            })
            result.diagnostics = zip(diagnostics, places).map { diagnostic, place in
                located(diagnostic, file: file, line: place.line, column: place.column)
            }
        }
        result.diagnostics.sort { ($0.severity, $0.line ?? 0, $0.column ?? 0) < ($1.severity, $1.line ?? 0, $1.column ?? 0) }
        if !hasErrors { result.procedure = procedure }
        return result
    }

    /// Two files claiming the same id and version cannot both run: each gets an error naming the other.
    public static func duplicateDefinitions(in loaded: [LoadedDefinition]) -> [Diagnostic] {
        var firstFile: [String: LoadedDefinition] = [:]
        var found: [Diagnostic] = []
        for definition in loaded {
            guard let procedure = definition.procedure else { continue }
            let key = procedure.id.rawValue + "\u{0}" + procedure.version
            if let first = firstFile[key] {
                var diagnostic = Diagnostic.error(.duplicateDefinition, path: "$.id",
                                                  found: "\(procedure.id) version \(procedure.version)",
                                                  subject: first.file ?? "?")
                diagnostic.file = definition.file
                diagnostic.line = 1
                diagnostic.column = 1
                found.append(diagnostic)
            } else {
                firstFile[key] = definition
            }
        }
        return found
    }

    /// Line and column of a JSON path in a definition's bytes (or of its nearest ancestor), for
    /// diagnostics found outside the loader, such as a calendar file that does not exist.
    public static func location(ofPath path: String, in bytes: [UInt8]) -> (line: Int, column: Int)? {
        guard let root = try? JSONParser.parse(bytes) else { return nil }
        var reader = DefinitionReader()
        _ = reader.read(root)
        guard let offset = nearestOffset(for: path, in: reader.reader.offsets) else { return nil }
        return SourceText(bytes).location(ofOffset: offset)
    }

    private static func located(_ diagnostic: Diagnostic, file: String?, line: Int?, column: Int?) -> Diagnostic {
        var copy = diagnostic
        copy.file = file
        copy.line = line
        copy.column = column
        return copy
    }

    /// The offset of the path, or of its closest ancestor that was read.
    static func nearestOffset(for path: String, in offsets: [String: Int]) -> Int? {
        var current = path
        while true {
            if let offset = offsets[current] { return offset }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }), cut > current.startIndex else { return nil }
            current = String(current[..<cut])
        }
    }

    private static func syntaxDiagnostic(_ failure: JSONParser.Failure) -> Diagnostic {
        switch failure {
        case .empty:
            .error(.emptyFile, path: "$", expected: "a JSON object", found: "an empty file")
        case .invalidUTF8:
            .error(.invalidUTF8, path: "$", expected: "UTF-8 text", found: "bytes that are not UTF-8",
                   suggestion: .replaceWith("save the file as UTF-8"))
        case .tooDeep:
            .error(.nestingTooDeep, path: "$", expected: "at most \(JSONParser.maximumDepth) levels of nesting")
        case .unexpectedCharacter(let found, let expected, _):
            .error(.invalidJSON, path: "$", expected: expected, found: found)
        case .unexpectedEnd(let expected, _):
            .error(.invalidJSON, path: "$", expected: expected, found: "end of file")
        case .invalidEscape:
            .error(.invalidJSON, path: "$", expected: "a valid escape (\\n, \\\", \\\\, \\uXXXX)", found: "an invalid escape")
        case .invalidNumber:
            .error(.invalidJSON, path: "$", expected: "a number", found: "a malformed number")
        case .controlCharacterInString:
            .error(.invalidJSON, path: "$", expected: "no raw control characters in a string (use \\n or \\t)",
                   found: "a control character")
        }
    }
}
