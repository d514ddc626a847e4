extension String {
    /// The Levenshtein distance to another string, comparing characters case-insensitively.
    ///
    ///     "ppid_pelaksan".editDistance(to: "ppid_pelaksana") // 1
    public func editDistance(to other: String) -> Int {
        let a = Array(lowercased()), b = Array(other.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Picks the closest candidate, if it is close enough to be a likely typo.
///
/// The floor grows with the word: one edit for short words, up to a third of the length for long ones.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    let floor = Swift.max(1, Swift.min(3, word.count / 3))
    var best: (String, Int)?
    for candidate in candidates {
        let distance = word.editDistance(to: candidate)
        if distance <= floor, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}
