import Foundation

/// Reads typed values out of a ``JSONNode`` tree, recording a diagnostic for every mismatch instead of stopping.
///
/// Each accessor returns nil when the value is absent or wrong, so the caller can carry on and find
/// the next problem too; this is what lets `sop validate` report ten mistakes in one run.
struct NodeReader {
    /// Longest text accepted in any field; a 10 MB string is a mistake, not a POS.
    static let maximumTextLength = 20_000

    private(set) var diagnostics: [Diagnostic] = []
    /// Byte offset of every value read, by JSON path, to place diagnostics (when ``recordsOffsets``).
    private(set) var offsets: [String: Int] = [:]
    /// Off for a first reading that will most likely find nothing to report (one dictionary entry per value
    /// read is a fifth of reading a definition); ``DefinitionLoader`` reads again with it on to place diagnostics.
    var recordsOffsets = true

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Records where the value at `path` is. The first record of a path stands: a repeated key is recorded (at
    /// the repeat) before the value the reader keeps (the first) is read, and its diagnostic must point at the repeat.
    mutating func note(_ node: JSONNode, at path: String) {
        if recordsOffsets, offsets[path] == nil { offsets[path] = node.offset }
    }

    /// The members of an object, after checking its keys against the allowed ones.
    mutating func object(_ node: JSONNode, at path: String, allowed: [String], required: [String]) -> ObjectMembers? {
        note(node, at: path)
        guard case .object(let members) = node.value else {
            report(.error(.wrongType, path: path, expected: "object", found: node.typeName))
            return nil
        }
        var result = ObjectMembers()
        for member in members {
            // The member's path is built only for a diagnostic (building it for every key cost more than parsing).
            if result[member.key] != nil {
                let memberPath = Self.append(key: member.key, to: path)
                offsets[memberPath] = member.keyOffset
                report(.error(.duplicateKey, path: memberPath, found: member.key))
                continue
            }
            if member.key == "$schema" && path == "$" { result.append(member); continue }
            guard allowed.contains(member.key) else {
                let memberPath = Self.append(key: member.key, to: path)
                offsets[memberPath] = member.keyOffset
                let suggestion: Suggestion = closestMatch(to: member.key, in: allowed).map { .didYouMean($0, allowed: allowed) }
                    ?? .oneOf(allowed)
                report(.error(.unknownField, path: memberPath, expected: allowed.joined(separator: ", "),
                              found: member.key, suggestion: suggestion))
                continue
            }
            result.append(member)
        }
        for key in required where result[key] == nil {
            report(.error(.missingField, path: Self.append(key: key, to: path), expected: key))
        }
        return result
    }

    mutating func array(_ node: JSONNode, at path: String) -> [JSONNode]? {
        note(node, at: path)
        guard case .array(let elements) = node.value else {
            report(.error(.wrongType, path: path, expected: "array", found: node.typeName))
            return nil
        }
        return elements
    }

    mutating func string(_ node: JSONNode, at path: String, allowEmpty: Bool = true) -> String? {
        note(node, at: path)
        guard case .string(let text) = node.value else {
            report(.error(.wrongType, path: path, expected: "string", found: node.typeName))
            return nil
        }
        if text.utf8.count > Self.maximumTextLength {
            report(.error(.valueTooLong, path: path, expected: "at most \(Self.maximumTextLength) bytes",
                          found: "\(text.utf8.count) bytes"))
            return nil
        }
        if !allowEmpty && Self.isBlank(text) {
            report(.error(.invalidValue, path: path, expected: "non-empty text", found: "\"\(text)\""))
            return nil
        }
        return text
    }

    /// Whether `text` is only spaces and tabs in the sense of `CharacterSet.whitespaces` (empty counts).
    /// Decided without Foundation when an ASCII character settles it (nearly always); otherwise Foundation's
    /// own trimming answers, so the result is exactly `text.trimmingCharacters(in: .whitespaces).isEmpty`.
    static func isBlank(_ text: String) -> Bool {
        var onlyASCII = true
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 { continue }
            if byte < 0x80 { return false }
            onlyASCII = false
        }
        return onlyASCII || text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// A string or null (nil either way; `isNull` tells them apart).
    mutating func optionalString(_ node: JSONNode?, at path: String) -> String? {
        guard let node else { return nil }
        if case .null = node.value { note(node, at: path); return nil }
        return string(node, at: path)
    }

    mutating func bool(_ node: JSONNode?, at path: String, default defaultValue: Bool) -> Bool {
        guard let node else { return defaultValue }
        note(node, at: path)
        guard case .bool(let value) = node.value else {
            report(.error(.wrongType, path: path, expected: "boolean", found: node.typeName))
            return defaultValue
        }
        return value
    }

    mutating func integer(_ node: JSONNode, at path: String) -> Int? {
        note(node, at: path)
        guard case .number(let value, _) = node.value, value == value.rounded(), abs(value) < 1e9 else {
            report(.error(.wrongType, path: path, expected: "integer", found: node.typeName))
            return nil
        }
        return Int(value)
    }

    /// A string that must be one of `allowed`.
    mutating func enumeration(_ node: JSONNode?, at path: String, allowed: [String]) -> String? {
        guard let node, let text = string(node, at: path) else { return nil }
        guard allowed.contains(text) else {
            let suggestion: Suggestion = closestMatch(to: text, in: allowed).map { .didYouMean($0, allowed: allowed) }
                ?? .oneOf(allowed)
            report(.error(.invalidValue, path: path, expected: allowed.joined(separator: ", "), found: text,
                          suggestion: suggestion))
            return nil
        }
        return text
    }

    /// An identifier: lower-case letters, digits and hyphens, starting with a letter or digit.
    mutating func identifier(_ node: JSONNode, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard Self.isIdentifier(text) else {
            let cleaned = Self.suggestedIdentifier(text)
            report(.error(.invalidID, path: path, expected: "lower-case letters, digits and '-', e.g. 'ppid-pelaksana'",
                          found: text, suggestion: cleaned.isEmpty ? nil : .replaceWith(cleaned)))
            return nil
        }
        return text
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 100 else { return false }
        // Every accepted scalar is ASCII, so the UTF-8 bytes decide (a multi-byte scalar fails on its first byte).
        func ok(_ b: UInt8) -> Bool { (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) }
        return ok(first) && text.utf8.allSatisfy { ok($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    static func suggestedIdentifier(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { result.unicodeScalars.append(scalar) }
            else if !result.isEmpty && !result.hasSuffix("-") { result.append("-") }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }

    static func append(key: String, to path: String) -> String {
        if isIdentifierLike(key) { return path + "." + key }
        let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return path + "['" + escaped + "']"
    }

    private static func isIdentifierLike(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        // ASCII letters are exactly the ASCII scalars with the Alphabetic property; bytes, not scalar properties.
        return key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        }
    }

    static func append(index: Int, to path: String) -> String { "\(path)[\(index)]" }
}

/// The accepted members of an object: each allowed key once (its first occurrence), in file order.
///
/// A linear search, not a `[String: JSONNode]`: objects in a definition have at most a score of allowed keys,
/// and hashing every key to build and query a dictionary per object was a third of reading a definition.
/// Only allowed keys are ever added, so the search stays short whatever the file holds.
struct ObjectMembers {
    private var members: [JSONNode.Member] = []

    mutating func append(_ member: JSONNode.Member) { members.append(member) }

    subscript(key: String) -> JSONNode? {
        for member in members where member.key == key { return member.value }
        return nil
    }
}
