import Foundation

/// Warnings about a runnable definition: defects an administrator should look at, such as those
/// found in real POS texts (a broken output→requirement chain, a 19-digit NIP, a superseded regulation).
///
/// The knowledge here is generic (how NIPs are built, which regulations were replaced, how sheets are
/// labelled); nothing names an agency.
enum Linter {
    static func lint(_ procedure: Procedure) -> [Diagnostic] {
        var found: [Diagnostic] = []
        found += chain(procedure)
        found += unusedActors(procedure)
        found += stepNumbering(procedure)
        found += dates(procedure)
        found += nip(procedure)
        found += foreignBodies(procedure)
        found += listNumbering(procedure)
        found += supersededRegulations(procedure)
        found += labels(procedure)
        found += spelling(procedure)
        found += relatedProcedures(procedure)
        found += publicInformation(procedure)
        if !procedure.deviationPolicy.rules.isEmpty, procedure.deviationPolicy.sourceWarnings.isEmpty {
            found.append(.warning(.policyWithoutSource, path: "$.deviationPolicy.sourceWarnings"))
        }
        return found
    }

    /// Text compared loosely: case, spacing and punctuation ignored.
    static func normalized(_ text: String) -> String {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }

    /// A requirement that is not external, not linked with `from`, and matches no earlier output.
    private static func chain(_ procedure: Procedure) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var produced: [String] = []
        for (s, step) in procedure.steps.enumerated() {
            for (r, requirement) in step.requirements.enumerated()
            where !requirement.external && requirement.from == nil && !produced.contains(normalized(requirement.text)) {
                let earlier = procedure.steps[..<s].flatMap(\.outputs).map(\.text)
                found.append(.warning(.brokenChain, path: "$.steps[\(s)].requirements[\(r)]",
                                      expected: earlier.isEmpty ? "an external input" : "an output of an earlier step",
                                      found: requirement.text, subject: step.id.rawValue,
                                      suggestion: closestText(requirement.text, in: earlier).map { .replaceWith($0) }))
            }
            produced += step.outputs.map { normalized($0.text) }
        }
        return found
    }

    /// The candidate sharing the most words with the text (Jaccard similarity), if any word is shared.
    private static func closestText(_ text: String, in candidates: [String]) -> String? {
        let words = Set(normalized(text).split(separator: " "))
        func similarity(_ candidate: String) -> Double {
            let other = Set(normalized(candidate).split(separator: " "))
            let union = words.union(other).count
            return union == 0 ? 0 : Double(words.intersection(other).count) / Double(union)
        }
        guard let best = candidates.max(by: { similarity($0) < similarity($1) }), similarity(best) > 0 else { return nil }
        return best
    }

    private static func unusedActors(_ procedure: Procedure) -> [Diagnostic] {
        let used = Set(procedure.steps.map(\.actor))
        return procedure.actors.enumerated().compactMap { index, actor in
            used.contains(actor.id) ? nil : .warning(.unusedActor, path: "$.actors[\(index)]", found: actor.id.rawValue)
        }
    }

    /// The leading integer of a printed number ("1.", "2)", "3").
    static func leadingInteger(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber })
    }

    private static func stepNumbering(_ procedure: Procedure) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var expected = 1
        for (index, step) in procedure.steps.enumerated() {
            guard let number = leadingInteger(step.number) else {
                found.append(.warning(.stepNumbering, path: "$.steps[\(index)].number", expected: "\(expected)",
                                      found: step.number))
                continue
            }
            if number != expected {
                found.append(.warning(.stepNumbering, path: "$.steps[\(index)].number", expected: "\(expected)",
                                      found: step.number))
            }
            expected = number + 1
        }
        return found
    }

    private static func dates(_ procedure: Procedure) -> [Diagnostic] {
        var found: [Diagnostic] = []
        guard let effective = procedure.dates.effective else {
            return [.warning(.notEffective, path: "$.dates.effective", expected: "a date (Tanggal Efektif)", found: "none")]
        }
        if let created = procedure.dates.created, effective < created {
            found.append(.warning(.effectiveBeforeCreated, path: "$.dates.effective", expected: "on or after \(created.isoString)",
                                  found: effective.isoString))
        }
        return found
    }

    /// A NIP is 18 digits: birth date (8), appointment year and month (6), sex (1), sequence (3).
    private static func nip(_ procedure: Procedure) -> [Diagnostic] {
        guard let printed = procedure.approver.nip else { return [] }
        let path = "$.approver.nip"
        let digits = printed.filter { !$0.isWhitespace }
        guard digits.count == 18, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            return [.warning(.nipLength, path: path, expected: "18 digits", found: "\(printed) (\(digits.count) characters)")]
        }
        let d = Array(digits).map { Int(String($0)) ?? 0 }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + d[$1] } }
        let (by, bm, bd) = (number(0..<4), number(4..<6), number(6..<8))
        let (ay, am) = (number(8..<12), number(12..<14))
        let sex = d[14]
        var problems: [String] = []
        if DefinitionReader.parseDate(String(format: "%04d-%02d-%02d", by, bm, bd)) == nil || by < 1930 {
            problems.append("birth date \(String(digits.prefix(8)))")
        }
        if !(1...12).contains(am) || ay < by + 16 || ay > 2100 {
            problems.append("appointment \(String(digits.dropFirst(8).prefix(6)))")
        }
        if sex != 1 && sex != 2 { problems.append("sex digit \(sex)") }
        guard !problems.isEmpty else { return [] }
        return [.warning(.nipImpossibleDate, path: path, expected: "a real birth date and appointment month",
                         found: problems.joined(separator: ", "))]
    }

    /// Names of public bodies a clause can mention; one that is not the agency is likely copied text.
    private static let bodyPatterns = ["komisi informasi pusat", "komisi informasi provinsi", "kementerian", "ombudsman"]

    private static func foreignBodies(_ procedure: Procedure) -> [Diagnostic] {
        let own = normalized(([procedure.agency.name, procedure.agency.shortName ?? ""] + procedure.agency.parentUnits)
            .joined(separator: " "))
        var found: [Diagnostic] = []
        func scan(_ text: String, at path: String) {
            let words = normalized(text)
            for body in bodyPatterns where words.contains(body) && !own.contains(body) {
                found.append(.warning(.foreignBody, path: path, expected: procedure.agency.name, found: body))
            }
            // "Provinsi X Y" naming another province than the agency's own.
            for province in provinces(in: words) where !own.contains(province) {
                found.append(.warning(.foreignBody, path: path, expected: procedure.agency.name, found: province))
            }
        }
        for (index, warning) in procedure.warnings.enumerated() { scan(warning.text, at: "$.warnings[\(index)]") }
        for (index, step) in procedure.steps.enumerated() { scan(step.activity, at: "$.steps[\(index)].activity") }
        return found
    }

    private static let provinceNames = ["aceh", "sumatera utara", "sumatera barat", "riau", "jambi", "sumatera selatan",
        "bengkulu", "lampung", "kepulauan bangka belitung", "kepulauan riau", "dki jakarta", "jawa barat", "jawa tengah",
        "di yogyakarta", "jawa timur", "banten", "bali", "nusa tenggara barat", "nusa tenggara timur",
        "kalimantan barat", "kalimantan tengah", "kalimantan selatan", "kalimantan timur", "kalimantan utara",
        "sulawesi utara", "sulawesi tengah", "sulawesi selatan", "sulawesi tenggara", "gorontalo", "sulawesi barat",
        "maluku", "maluku utara", "papua", "papua barat"]

    private static func provinces(in normalizedText: String) -> [String] {
        provinceNames.filter { normalizedText.contains("provinsi " + $0) }.map { "provinsi " + $0 }
    }

    private static func listNumbering(_ procedure: Procedure) -> [Diagnostic] {
        let lists: [(String, [ListItem])] = [
            ("legalBasis", procedure.legalBasis), ("qualifications", procedure.qualifications),
            ("relatedProcedures", procedure.relatedProcedures), ("equipment", procedure.equipment),
            ("warnings", procedure.warnings), ("records", procedure.records),
        ]
        var found: [Diagnostic] = []
        for (key, items) in lists {
            var seen: [Int: Int] = [:]
            var styles: Set<String> = []
            for (index, item) in items.enumerated() {
                let path = "$.\(key)[\(index)]"
                if item.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    found.append(.warning(.emptyListItem, path: path, found: item.number ?? ""))
                }
                guard let number = item.number, let value = leadingInteger(number) else { continue }
                styles.insert(String(number.trimmingCharacters(in: .whitespaces).drop { $0.isNumber }))
                if let first = seen[value] {
                    found.append(.warning(.listNumbering, path: path + ".number", expected: "\(value + 1)",
                                          found: number, subject: "$.\(key)[\(first)]"))
                } else if let previous = seen.keys.max(), value != previous + 1 {
                    found.append(.warning(.listNumbering, path: path + ".number", expected: "\(previous + 1)", found: number))
                }
                seen[value] = seen[value] ?? index
            }
            if styles.count > 1 {
                found.append(.warning(.listNumbering, path: "$.\(key)", expected: "one numbering style",
                                      found: styles.sorted().map { "'N\($0)'" }.joined(separator: ", ")))
            }
        }
        return found
    }

    /// Regulations that were replaced, and what replaced them.
    static let supersededRegulations: [(pattern: String, replacement: String)] = [
        ("perki nomor 1 tahun 2010", "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik"),
        ("peraturan komisi informasi nomor 1 tahun 2010", "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik"),
        ("per 21 m pan 11 2008", "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012"),
    ]

    private static func supersededRegulations(_ procedure: Procedure) -> [Diagnostic] {
        procedure.legalBasis.enumerated().compactMap { index, item in
            let text = normalized(item.text).replacingOccurrences(of: " no ", with: " nomor ")
            guard let match = supersededRegulations.first(where: { text.contains($0.pattern) }) else { return nil }
            return .warning(.supersededRegulation, path: "$.legalBasis[\(index)]", found: item.text,
                            suggestion: .replaceWith(match.replacement))
        }
    }

    /// Labels used on official sheets (PermenPAN-RB 35/2012 and its common variants).
    static let knownLabels: [String: [String]] = [
        "qualityStandard": ["Mutu Baku"],
        "requirements": ["Kelengkapan", "Persyaratan/Kelengkapan", "Persyaratan", "Syarat"],
        "activity": ["Kegiatan", "Langkah Kegiatan", "Uraian", "Uraian Kegiatan", "Aktivitas"],
    ]

    private static func labels(_ procedure: Procedure) -> [Diagnostic] {
        let printed: [(String, String?)] = [("qualityStandard", procedure.sheet.qualityStandard),
                                            ("requirements", procedure.sheet.requirements),
                                            ("activity", procedure.sheet.activity)]
        return printed.compactMap { key, value in
            guard let value, let known = knownLabels[key],
                  !known.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }),
                  let closest = closestMatch(to: value, in: known) else { return nil }
            return .warning(.labelTypo, path: "$.sheet.\(key)", expected: closest, found: value,
                            suggestion: .didYouMean(closest, allowed: known))
        }
    }

    /// Words of the domain that are often mistyped on sheets.
    static let glossary = ["softcopy", "hardcopy", "dikecualikan", "informasi", "dokumen", "dokumentasi",
                           "pendokumentasian", "klasifikasi", "validasi", "laporan", "disposisi", "pengantar"]

    private static func spelling(_ procedure: Procedure) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func scan(_ text: String, at path: String) {
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            where word.count >= 5 && !glossary.contains(word) {
                if let match = glossary.first(where: { $0.editDistance(to: word) == 1 }) {
                    found.append(.warning(.spelling, path: path, expected: match, found: word,
                                          suggestion: .didYouMean(match, allowed: [match])))
                }
            }
        }
        for (s, step) in procedure.steps.enumerated() {
            scan(step.activity, at: "$.steps[\(s)].activity")
            for (r, requirement) in step.requirements.enumerated() { scan(requirement.text, at: "$.steps[\(s)].requirements[\(r)].text") }
            for (o, output) in step.outputs.enumerated() { scan(output.text, at: "$.steps[\(s)].outputs[\(o)].text") }
        }
        return found
    }

    /// A keterangan that points at another POS/SOP which Keterkaitan does not list.
    private static func relatedProcedures(_ procedure: Procedure) -> [Diagnostic] {
        let listed = procedure.relatedProcedures.map { normalized($0.text) }
        var found: [Diagnostic] = []
        for (index, step) in procedure.steps.enumerated() {
            guard let notes = step.notes else { continue }
            let words = normalized(notes).split(separator: " ").map(String.init)
            guard let start = words.firstIndex(where: { $0 == "pos" || $0 == "sop" }), start + 1 < words.count else { continue }
            let reference = words[start...].joined(separator: " ")
            if !listed.contains(where: { $0.contains(reference) || reference.contains($0) && !$0.isEmpty }) {
                found.append(.warning(.unlistedRelatedProcedure, path: "$.steps[\(index)].notes",
                                      expected: "listed in $.relatedProcedures", found: reference))
            }
        }
        return found
    }

    /// A procedure about exempt information whose step speaks of public information instead.
    private static func publicInformation(_ procedure: Procedure) -> [Diagnostic] {
        guard normalized(procedure.name).contains("dikecualikan") else { return [] }
        return procedure.steps.enumerated().compactMap { index, step in
            let text = normalized(step.activity)
            guard text.contains("informasi publik"), !text.contains("dikecualikan") else { return nil }
            return .warning(.publicInformationInExemptProcedure, path: "$.steps[\(index)].activity",
                            expected: "informasi yang dikecualikan", found: "informasi publik")
        }
    }
}
