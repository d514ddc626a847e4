import Testing
import SOPCore

@Suite("Joining text without the generic joined(separator:)")
struct TextJoiningTests {
    @Test("gives what joined(separator:) gives", arguments: [[], [""], ["a"], ["a", "b"], ["", "", ""], ["ü", "日本", "a\nb"]])
    func sameAsJoined(_ parts: [String]) {
        for separator in ["", " ", "\n", ", ", "–"] {
            #expect(parts.joinedText(separator: separator) == parts.joined(separator: separator))
        }
    }
}
