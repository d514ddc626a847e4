import SOPCore

/// Deviations as JSON, CSV rows and one-line text; the shapes are documented in the README.
enum DeviationJSON {
    static func deviation(_ d: Deviation, time: LocalTime) -> JSONValue {
        .object([
            ("id", .string(d.id.rawValue)), ("kind", .string(d.kind.rawValue)), ("severity", .string(d.severity.rawValue)),
            ("instance", .string(d.instance.rawValue)), ("definition", .string(d.procedureID.rawValue)),
            ("agency", .string(d.agencyID)), ("step", .optional(d.step?.rawValue)),
            ("answerableNip", .optional(d.answerable?.nip)), ("answerableName", .optional(d.answerable?.name)),
            ("answerableRole", .string(d.answerableRole.rawValue)), ("accountRequired", .bool(d.accountRequired)),
            ("detectedAt", .string(time.iso(d.detectedAt))),
            ("minutesOver", d.minutesOver.map { .int($0) } ?? .null), ("limitMinutes", d.limitMinutes.map { .int($0) } ?? .null),
            ("missingItems", .array(d.missingItems.map { .string($0.rawValue) })),
            ("notRunCause", .optional(d.notRunCause?.rawValue)),
            ("status", .string(d.status.rawValue)),
            ("accountedBy", .optional(d.account?.by.nip)), ("accountedAt", .optional(d.account.map { time.iso($0.at) })),
            ("accountReason", .optional(d.account?.reason)),
        ])
    }

    /// The documented CSV columns of `sop report deviations --format csv`.
    static let csvHeader = ["id", "kind", "severity", "instance", "definition", "agency", "step", "answerable_nip",
                            "answerable_name", "answerable_role", "account_required", "detected_at", "minutes_over",
                            "missing_items", "status", "accounted_by", "accounted_at", "account_reason"]

    static func csvRow(_ d: Deviation, time: LocalTime) -> [String] {
        [d.id.rawValue, d.kind.rawValue, d.severity.rawValue, d.instance.rawValue, d.procedureID.rawValue, d.agencyID,
         d.step?.rawValue ?? "", d.answerable?.nip ?? "", d.answerable?.name ?? "", d.answerableRole.rawValue,
         d.accountRequired ? "true" : "false", time.iso(d.detectedAt), d.minutesOver.map(String.init) ?? "",
         d.missingItems.map(\.rawValue).joined(separator: " "), d.status.rawValue, d.account?.by.nip ?? "",
         d.account.map { time.iso($0.at) } ?? "", d.account?.reason ?? ""]
    }

    static func kindText(_ kind: DeviationKind) -> Text {
        switch kind {
        case .late: Text(en: "late", id: "terlambat")
        case .missingRequirement: Text(en: "missing requirement", id: "kelengkapan tidak ada")
        case .missingOutput: Text(en: "missing output", id: "output tidak ada")
        case .roleOverride: Text(en: "outside the role", id: "di luar peran")
        case .outOfOrder: Text(en: "out of order", id: "tidak berurutan")
        case .notRun: Text(en: "not run", id: "tidak berjalan")
        }
    }

    /// `id: late by 15 min · answers: Name (NIP) [role] · open`.
    static func line(_ d: Deviation, time: LocalTime, language l: Language) -> String {
        var text = ""
        appendLine(d, language: l, to: &text)
        return text
    }

    /// ``line(_:time:language:)`` appended to `text`: the report streams hundreds of thousands of these
    /// into one buffer, and building each from interpolated pieces was a third of its time.
    static func appendLine(_ d: Deviation, language l: Language, to text: inout String) {
        text += d.id.rawValue
        text += ": "
        text += kindText(d.kind)(l)
        if let over = d.minutesOver {
            text += " "
            text += Text(en: "by", id: "selama")(l)
            text += " "
            Durations.append(minutes: over, l, to: &text)
        }
        if !d.missingItems.isEmpty {
            text += " ("
            for (index, item) in d.missingItems.enumerated() {
                if index > 0 { text += ", " }
                text += item.rawValue
            }
            text += ")"
        }
        text += " · "
        text += Text(en: "answers: ", id: "penanggung jawab: ")(l)
        if let officer = d.answerable {
            text += officer.name
            text += " ("
            text += officer.nip
            text += ")"
        } else {
            text += Text(en: "role", id: "peran")(l)
            text += " "
            text += d.answerableRole.rawValue
        }
        text += " · "
        text += d.status == .accounted ? Text(en: "accounted", id: "sudah dipertanggungjawabkan")(l)
            : d.accountRequired ? Text(en: "account due", id: "wajib dipertanggungjawabkan")(l)
            : Text(en: "open", id: "terbuka")(l)
    }
}
