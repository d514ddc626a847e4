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
}
