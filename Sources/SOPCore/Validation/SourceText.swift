/// Turns byte offsets into 1-based line and column numbers (columns count characters, as editors do).
public struct SourceText: Sendable {
    private let lineStarts: [Int]
    private let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    public func location(ofOffset offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        // Count UTF-8 lead bytes so a multi-byte character is one column.
        var column = 1
        var i = lineStart
        while i < clamped {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (low + 1, column)
    }

    /// ``location(ofOffset:)`` of many offsets in one pass over the text, in the order given.
    ///
    /// Counting columns from each line's start made a one-line file with thousands of diagnostics
    /// quadratic (a 300 kB line with 20,000 unknown keys took half a minute).
    public func locations(ofOffsets offsets: [Int]) -> [(line: Int, column: Int)] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = [(line: Int, column: Int)](repeating: (1, 1), count: offsets.count)
        var line = 1, column = 1, position = 0
        for index in order {
            let target = max(0, min(offsets[index], bytes.count))
            while position < target {
                let byte = bytes[position]
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                position += 1
            }
            result[index] = (line, column)
        }
        return result
    }
}
