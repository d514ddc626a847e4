/// Minutes as people read them: "1 Jam 30 Menit" / "1 h 30 min".
enum Durations {
    static func text(minutes: Int, _ language: Language) -> String {
        let sign = minutes < 0 ? "-" : ""
        let m = abs(minutes)
        let hours = m / 60, rest = m % 60
        var parts: [String] = []
        if hours > 0 { parts.append(language == .id ? "\(hours) Jam" : "\(hours) h") }
        if rest > 0 || hours == 0 { parts.append(language == .id ? "\(rest) Menit" : "\(rest) min") }
        return sign + parts.joined(separator: " ")
    }
}
