import Foundation
import Testing
import SOPTestSupport
@testable import SOPCore

/// `trimmingWhitespace` answers ASCII-bounded text itself; it must give exactly Foundation's answer.
@Suite("Trimming: the ASCII fast path agrees with Foundation")
struct WhitespaceTrimmingTests {
    private static func foundation(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("hand-picked edges")
    func handPicked() {
        let samples = [
            "", " ", "\t\n\r\u{0B}\u{0C} ", "a", " a ", "\r\nNo. 12/PPID/2026\r\n", "  Lampiran kurang\t",
            "\u{00A0}x\u{00A0}", " \u{3000}x", "x\u{2028}", "\u{0085}x", " \u{301}a ", "a\u{301} ", "é ", " 🙂",
            "\u{1F1EE}\u{1F1E9} ", "  \u{200A}", "\u{FEFF}x", "a b", "\r\n",
        ]
        for text in samples {
            #expect(text.trimmingWhitespace == Self.foundation(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test("random text from a mix of ASCII, Unicode spaces and other scalars")
    func random() {
        let alphabet: [Unicode.Scalar] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "a", "Z", "1", "/", "\u{00A0}",
                                          "\u{0085}", "\u{2028}", "\u{3000}", "\u{301}", "é", "🙂", "\u{200B}"]
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...8, using: &generator)
            var text = ""
            for _ in 0..<count { text.unicodeScalars.append(alphabet.randomElement(using: &generator) ?? " ") }
            #expect(text.trimmingWhitespace == Self.foundation(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }
}
