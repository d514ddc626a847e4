/// A plain text table that fits a width by wrapping the widest columns (never truncating).
enum TableRenderer {
    static func render(headers: [String], rows: [[String]], width: Int) -> String {
        let columns = headers.count
        let cells = rows.map { row in (0..<columns).map { row.indices.contains($0) ? row[$0] : "" } }
        let natural = (0..<columns).map { c in max(headers[c].count, cells.map { $0[c].count }.max() ?? 0) }
        // A column never gets narrower than its header or its longest word (capped so the table fits), so ids stay whole.
        let longestWord = (0..<columns).map { c in cells.flatMap { $0[c].split(separator: " ").map(\.count) }.max() ?? 0 }
        func minimums(cap: Int) -> [Int] {
            (0..<columns).map { c in min(natural[c], max(headers[c].count, min(cap, longestWord[c]))) }
        }
        var cap = 28
        while cap > 6, minimums(cap: cap).reduce(0, +) > width - 2 * (columns - 1) { cap -= 1 }
        let minimum = minimums(cap: cap)
        let separator = 2
        let budget = width - separator * (columns - 1)
        var widths = natural
        if natural.reduce(0, +) > budget {
            // Share the room left over the minimums in proportion to what each column would like.
            let spare = max(0, budget - minimum.reduce(0, +))
            let wanted = (0..<columns).map { natural[$0] - minimum[$0] }
            let totalWanted = max(1, wanted.reduce(0, +))
            widths = (0..<columns).map { minimum[$0] + wanted[$0] * spare / totalWanted }
        }
        var out = ""
        func emit(_ cells: [String]) {
            let wrapped = (0..<columns).map { TextWrap.wrap(cells.indices.contains($0) ? cells[$0] : "", width: widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            for line in 0..<height {
                var text = ""
                for c in 0..<columns {
                    let cell = line < wrapped[c].count ? wrapped[c][line] : ""
                    text += c == columns - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count + separator)
                }
                while text.hasSuffix(" ") { text.removeLast() }
                out += text + "\n"
            }
        }
        emit(headers)
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: String(repeating: " ", count: separator)) + "\n"
        cells.forEach(emit)
        return out
    }
}
