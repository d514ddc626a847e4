/// The language of messages and reports: Bahasa Indonesia or English.
public enum Language: String, Sendable, CaseIterable {
    case id, en

    /// `--lang` wins; otherwise `LC_ALL`, `LC_MESSAGES` or `LANG` starting with `id` means Indonesian; else English.
    static func resolve(option: String?, environment: [String: String]) -> Language? {
        if let option { return Language(rawValue: option.lowercased()) }
        for key in EnvironmentVariable.locale {
            guard let value = environment[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("id") ? .id : .en
        }
        return .en
    }
}

/// One user-facing text in both languages; a message cannot exist in one language only.
struct Text: Sendable {
    var en: String
    var id: String
    init(en: String, id: String) { self.en = en; self.id = id }
    func callAsFunction(_ language: Language) -> String { language == .id ? id : en }
}
