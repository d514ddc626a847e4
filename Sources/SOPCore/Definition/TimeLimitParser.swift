import Foundation

/// Reads a time limit as administrators write it on the sheet ("30 Menit", "1 Jam", "2 Hari",
/// "1 jam 30 menit", "2 hours") or as an ISO 8601 duration ("PT1H30M", "P2D").
///
/// A working day ("Hari") counts 450 working minutes: the 37 h 30 min week of Perpres 21/2023 over
/// five days. On a wall-clock limit a day is 1,440 minutes. A week ("Minggu", "Pekan") is five
/// working days or seven wall days.
public enum TimeLimitParser {
    public static let workingMinutesPerDay = 450

    enum Unit { case minute, hour, day, week }

    private static let units: [String: Unit] = [
        "menit": .minute, "mnt": .minute, "minute": .minute, "minutes": .minute, "min": .minute, "mins": .minute,
        "jam": .hour, "hour": .hour, "hours": .hour, "hr": .hour, "hrs": .hour, "h": .hour,
        "hari": .day, "day": .day, "days": .day, "hari kerja": .day, "working day": .day, "working days": .day,
        "minggu": .week, "pekan": .week, "week": .week, "weeks": .week,
    ]

    /// The unit words accepted, for suggestions.
    public static var unitWords: [String] { units.keys.sorted() }

    /// Minutes in the text, or nil when it cannot be read. Zero and negative values are returned as read
    /// (the validator reports them separately).
    public static func minutes(in text: String, basis: TimeLimit.Basis) -> Int? {
        simpleMinutes(text, basis: basis) ?? generalMinutes(text, basis: basis)
    }

    /// Any form the sheets use: several number-unit pairs, "dan"/"and", ISO 8601, decimal commas.
    static func generalMinutes(_ text: String, basis: TimeLimit.Basis) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let iso = isoMinutes(trimmed, basis: basis) { return iso }
        let words = tokenize(trimmed.lowercased())
        guard !words.isEmpty else { return nil }
        var total = 0
        var i = 0
        var sawAny = false
        while i < words.count {
            guard let number = Int(words[i].replacingOccurrences(of: ",", with: "")) else { return nil }
            i += 1
            guard i < words.count else { return nil }
            var unit: Unit?
            if i + 1 < words.count, let two = units[words[i] + " " + words[i + 1]] { unit = two; i += 2 }
            else if let one = units[words[i]] { unit = one; i += 1 }
            guard let unit else { return nil }
            guard accumulate(&total, number, times: minutes(per: unit, basis: basis)) else { return nil }
            sawAny = true
            if i < words.count, ["dan", "and"].contains(words[i]) { i += 1 }
        }
        return sawAny ? total : nil
    }

    /// The form nearly every sheet uses, "<digits> <one ASCII word>" ("30 Menit", "1 Hari"), read straight from
    /// the bytes: the general path below costs ~45 k instructions a limit (trimming, lowercasing and splitting
    /// through Foundation), and every command that runs an instance reads its definition's limits.
    /// Nil means "not this form" (or a number too large), and the general path decides, so every answer is
    /// the general path's answer.
    static func simpleMinutes(_ text: String, basis: TimeLimit.Basis) -> Int? {
        let bytes = text.utf8
        var index = bytes.startIndex
        func skipBlanks() {
            while index < bytes.endIndex, bytes[index] == 0x20 || bytes[index] == 0x09 { bytes.formIndex(after: &index) }
        }
        skipBlanks()
        var number = 0, digits = 0
        while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) {
            guard digits < 9 else { return nil }  // longer numbers: the general path (and its overflow checks)
            number = number * 10 + Int(bytes[index] - 0x30)
            digits += 1
            bytes.formIndex(after: &index)
        }
        guard digits > 0, index < bytes.endIndex, bytes[index] == 0x20 || bytes[index] == 0x09 else { return nil }
        skipBlanks()
        var word = ""
        while index < bytes.endIndex, let letter = Self.asciiLowercaseLetter(bytes[index]) {
            word.unicodeScalars.append(Unicode.Scalar(letter))
            bytes.formIndex(after: &index)
        }
        skipBlanks()
        guard !word.isEmpty, index == bytes.endIndex, let unit = units[word] else { return nil }
        var total = 0
        guard accumulate(&total, number, times: minutes(per: unit, basis: basis)) else { return nil }
        return total
    }

    private static func asciiLowercaseLetter(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x61...0x7A: byte
        case 0x41...0x5A: byte + 0x20
        default: nil
        }
    }

    /// No limit of a POS is longer than a century; larger numbers (up to ones that overflow `Int`, which
    /// `scripts/fuzz.sh` found crashing the parser) are "cannot be read", and sums of limits stay far from overflow.
    public static let maximumMinutes = 100 * 366 * 1_440

    /// `total += value * factor`, false when a step overflows or the result leaves ±``maximumMinutes``.
    private static func accumulate(_ total: inout Int, _ value: Int, times factor: Int) -> Bool {
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow else { return false }
        let (sum, overflowSum) = total.addingReportingOverflow(product)
        guard !overflowSum, sum.magnitude <= UInt(maximumMinutes) else { return false }
        total = sum
        return true
    }

    private static func minutes(per unit: Unit, basis: TimeLimit.Basis) -> Int {
        switch unit {
        case .minute: 1
        case .hour: 60
        case .day: basis == .working ? workingMinutesPerDay : 1_440
        case .week: basis == .working ? 5 * workingMinutesPerDay : 7 * 1_440
        }
    }

    /// Splits "1jam30menit" and "1 Jam" alike into number and word tokens.
    private static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsDigit: Bool?
        for ch in text {
            if ch == " " || ch == "\t" {
                if !current.isEmpty { tokens.append(current); current = ""; currentIsDigit = nil }
                continue
            }
            let isDigit = ch.isNumber || ch == "-" || (ch == "," && currentIsDigit == true)
            if let kind = currentIsDigit, kind != isDigit, !current.isEmpty {
                tokens.append(current); current = ""
            }
            current.append(ch)
            currentIsDigit = isDigit
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// `P[nW][nD][T[nH][nM]]`, integers only.
    private static func isoMinutes(_ text: String, basis: TimeLimit.Basis) -> Int? {
        let upper = text.uppercased()
        guard upper.hasPrefix("P"), upper.count > 1 else { return nil }
        var total = 0
        var number = ""
        var inTime = false
        var sawComponent = false
        for ch in upper.dropFirst() {
            if ch == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if ch.isASCII, ch.isNumber || (ch == "-" && number.isEmpty) { number.append(ch); continue }
            guard let value = Int(number) else { return nil }
            number = ""
            switch (ch, inTime) {
            case ("W", false): guard accumulate(&total, value, times: minutes(per: .week, basis: basis)) else { return nil }
            case ("D", false): guard accumulate(&total, value, times: minutes(per: .day, basis: basis)) else { return nil }
            case ("H", true): guard accumulate(&total, value, times: 60) else { return nil }
            case ("M", true): guard accumulate(&total, value, times: 1) else { return nil }
            default: return nil
            }
            sawComponent = true
        }
        guard number.isEmpty, sawComponent else { return nil }
        return total
    }
}
