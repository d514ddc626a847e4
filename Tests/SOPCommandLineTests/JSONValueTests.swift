import Foundation
import Testing
import SOPCommandLine

/// The one JSON writer of `sop --json` and of `sop-bench`'s summary line.
@Suite("JSON output")
struct JSONValueTests {
    private let value = JSONValue.object([
        ("name", .string("Rina \"R\"\n")), ("count", .int(3)), ("ratio", .number(0.5)),
        ("none", .null), ("ok", .bool(true)), ("list", .array([.int(1), .string("x")])), ("empty", .object([])),
    ])

    @Test("compact: one line, keys in order, the same escapes as the pretty form")
    func compact() {
        #expect(value.renderedCompact()
            == #"{"name":"Rina \"R\"\n","count":3,"ratio":0.5,"none":null,"ok":true,"list":[1,"x"],"empty":{}}"#)
        #expect(value.rendered().contains(#""name": "Rina \"R\"\n""#))
        #expect(value.rendered().hasSuffix("}\n"))
    }

    @Test("NaN and infinity are written as null, in both forms (JSON has neither)")
    func nonFinite() {
        let numbers = JSONValue.array([.number(.nan), .number(.infinity), .number(-.infinity)])
        #expect(numbers.renderedCompact() == "[null,null,null]")
        #expect(!numbers.rendered().contains("nan") && !numbers.rendered().contains("inf"))
    }

    @Test("any text reads back as itself, escaped or not (plain, quotes, backslashes, control characters, Unicode)")
    func stringsRoundTrip() throws {
        let texts = ["", "plain", "Kepala PPID – Biro Kesra", "a\"b", "a\\b", "tab\there", "line\nbreak", "\u{01}\u{1F}",
                     "ü 日本 😀", "\r\n", "/slash/", "\u{7F}\u{80}\u{2028}"]
        for text in texts {
            let rendered = JSONValue.array([.string(text)]).renderedCompact()
            let parsed = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String]
            #expect(parsed == [text], "\(text.debugDescription) -> \(rendered)")
        }
    }
}
