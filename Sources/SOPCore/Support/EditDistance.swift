extension String {
    /// The edit distance to another string, case-insensitive, counting a swap of two neighbouring
    /// characters as one edit (optimal string alignment), since "ppdi" for "ppid" is one slip of the hand.
    ///
    ///     "ppid_pelaksan".editDistance(to: "ppid_pelaksana") // 1
    public func editDistance(to other: String) -> Int {
        let a = Array(lowercased()), b = Array(other.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}

/// Picks the closest candidate, if it is close enough to be a likely typo.
///
/// The floor grows with the word: one edit for words of up to three letters, two up to six, three beyond.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    let floor = Swift.max(1, Swift.min(3, (word.count + 2) / 3))
    var best: (String, Int)?
    for candidate in candidates {
        let distance = word.editDistance(to: candidate)
        if distance <= floor, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}
