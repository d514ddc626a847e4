import Foundation

/// A JSON value with ordered keys, so machine output is byte-for-byte stable across runs.
///
/// Public so that `sop-bench` writes its summary with the same writer as `sop`'s `--json` output.
public indirect enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public static func int(_ value: Int) -> JSONValue { .number(Double(value)) }
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// Pretty-printed with two spaces, keys in declaration order, ending with a newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    /// The value as it appears nested `indent` levels deep in ``rendered()`` (no leading pad, no newline),
    /// so long arrays can be written element by element.
    func rendered(indent: Int) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    /// On one line with no spaces and no trailing newline: one record per line for other programs to read.
    public func renderedCompact() -> String {
        switch self {
        case .object(let members):
            return "{" + members.map { Self.quote($0.0) + ":" + $0.1.renderedCompact() }.joined(separator: ",") + "}"
        case .array(let elements): return "[" + elements.map { $0.renderedCompact() }.joined(separator: ",") + "]"
        default:
            var out = ""
            write(into: &out, indent: 0)
            return out
        }
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += inner + Self.quote(key) + ": "
                value.write(into: &out, indent: indent + 1)
                out += i < members.count - 1 ? ",\n" : "\n"
            }
            out += pad + "}"
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, value) in elements.enumerated() {
                out += inner
                value.write(into: &out, indent: indent + 1)
                out += i < elements.count - 1 ? ",\n" : "\n"
            }
            out += pad + "]"
        case .string(let text): out += Self.quote(text)
        case .number(let value):
            if !value.isFinite { out += "null" }  // JSON has no NaN or infinity
            else if value == value.rounded(), abs(value) < 1e15 { out += String(Int64(value)) } else { out += String(value) }
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    static func quote(_ text: String) -> String {
        // Most text needs no escape: one scan of the bytes instead of appending scalar by scalar.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20: out += String(format: "\\u%04x", s.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
