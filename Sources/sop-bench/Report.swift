import Foundation

/// A JSON value whose objects keep their key order, so the benchmark's output is stable and diffable.
indirect enum BenchJSON {
    case string(String)
    case number(Double)
    case int(Int)
    case bool(Bool)
    case null
    case array([BenchJSON])
    case object([(String, BenchJSON)])

    func rendered() -> String {
        switch self {
        case .string(let text): return Self.quoted(text)
        case .number(let value):
            guard value.isFinite else { return "null" }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(format: "%.6g", value)
        case .int(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map { $0.rendered() }.joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { Self.quoted($0.0) + ":" + $0.1.rendered() }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// One measured figure: the value, the same-run baseline it is divided by, the target and the verdict.
struct Figure {
    /// Stable id, e.g. `1-durable-completions`.
    var id: String
    /// What is measured, in a few words.
    var title: String
    /// The unit of `value` and `baseline` ("completions/s", "s").
    var unit: String
    var value: Double
    var baseline: Double
    var baselineName: String
    /// sop against the baseline; `ratioMeaning` says which way round and whether higher or lower is better.
    var ratio: Double
    var ratioMeaning: String
    /// Human text of the target ("ratio >= 0.70"), nil for figures given for information.
    var target: String?
    var pass: Bool?
    /// Absolute figures printed beside the ratio (name → seconds or count).
    var details: [(String, BenchJSON)] = []
    /// The human line's tail: absolute times.
    var absolutes: String

    var line: String {
        let verdict = pass.map { $0 ? "PASS" : "FAIL" } ?? "INFO"
        let targetText = target.map { " (target \($0))" } ?? ""
        return "[\(verdict)] \(id) \(title): ratio \(String(format: "%.3f", ratio))\(targetText) — \(absolutes)"
    }

    var json: BenchJSON {
        var members: [(String, BenchJSON)] = [
            ("id", .string(id)), ("title", .string(title)), ("unit", .string(unit)),
            ("value", .number(value)), ("baseline", .number(baseline)), ("baselineName", .string(baselineName)),
            ("ratio", .number(ratio)), ("ratioMeaning", .string(ratioMeaning)),
            ("target", target.map(BenchJSON.string) ?? .null), ("pass", pass.map(BenchJSON.bool) ?? .null),
        ]
        members.append(("details", .object(details)))
        return .object(members)
    }
}

/// Writes progress to stderr (stdout carries only the figure lines and the final JSON object).
func progress(_ text: String) {
    FileHandle.standardError.write(Data(("· " + text + "\n").utf8))
}
