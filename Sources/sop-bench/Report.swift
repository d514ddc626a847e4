import Foundation
import SOPCommandLine

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
    var details: [(String, JSONValue)] = []
    /// The human line's tail: absolute times.
    var absolutes: String

    var line: String {
        let verdict = pass.map { $0 ? "PASS" : "FAIL" } ?? "INFO"
        let targetText = target.map { " (target \($0))" } ?? ""
        return "[\(verdict)] \(id) \(title): ratio \(String(format: "%.3f", ratio))\(targetText) — \(absolutes)"
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("title", .string(title)), ("unit", .string(unit)),
            ("value", .number(value)), ("baseline", .number(baseline)), ("baselineName", .string(baselineName)),
            ("ratio", .number(ratio)), ("ratioMeaning", .string(ratioMeaning)),
            ("target", target.map(JSONValue.string) ?? .null), ("pass", pass.map(JSONValue.bool) ?? .null),
        ]
        members.append(("details", .object(details)))
        return .object(members)
    }
}

/// Writes progress to stderr (stdout carries only the figure lines and the final JSON object).
func progress(_ text: String) {
    FileHandle.standardError.write(Data(("· " + text + "\n").utf8))
}
