import Foundation

extension String {
    /// The text without surrounding spaces and newlines: a reason of only spaces is no reason.
    ///
    /// Exactly `trimmingCharacters(in: .whitespacesAndNewlines)`, which goes through `NSString` and costs
    /// ~35 k instructions a call on Linux (a step completion checks every evidence item). When the first and
    /// last characters left after ASCII whitespace are ASCII, that answer is known without Foundation; any
    /// other text (a non-ASCII character at either end) is handed to Foundation.
    var trimmingWhitespace: String {
        let bytes = utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, Self.isASCIIWhitespace(bytes[start]) { bytes.formIndex(after: &start) }
        while start < end, Self.isASCIIWhitespace(bytes[bytes.index(before: end)]) { bytes.formIndex(before: &end) }
        if start == end { return "" }
        guard bytes[start] < 0x80, bytes[bytes.index(before: end)] < 0x80 else {
            return trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if start == bytes.startIndex && end == bytes.endIndex { return self }
        return String(self[start..<end])
    }

    /// TAB, LF, VT, FF, CR and SPACE: the ASCII members of `CharacterSet.whitespacesAndNewlines`.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
