/// Minutes as people read them: "1 Jam 30 Menit" / "1 h 30 min".
enum Durations {
    static func text(minutes: Int, _ language: Language) -> String {
        var text = ""
        append(minutes: minutes, language, to: &text)
        return text
    }

    /// The same text appended in place, for lines streamed by the hundred thousand (no parts array).
    static func append(minutes: Int, _ language: Language, to text: inout String) {
        if minutes < 0 { text += "-" }
        let m = minutes.magnitude
        let hours = m / 60, rest = m % 60
        if hours > 0 {
            text += String(hours)
            text += language == .id ? " Jam" : " h"
        }
        if rest > 0 || hours == 0 {
            if hours > 0 { text += " " }
            text += String(rest)
            text += language == .id ? " Menit" : " min"
        }
    }
}
