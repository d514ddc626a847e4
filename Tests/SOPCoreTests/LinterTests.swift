import Foundation
import Testing
import SOPTestSupport
@testable import SOPCore

@Suite("Linting a definition")
struct LinterTests {
    @Test("the minimal fixture has no warnings")
    func cleanFixture() {
        let loaded = DefinitionLoader.load(F.bytes(F.minimal), lint: true)
        #expect(loaded.diagnostics == [])
    }

    static let plantedWarnings: [Planted] = [
        Planted(name: "broken output→requirement chain", code: .brokenChain, path: "$.steps[1].requirements[0]") {
            F.set(&$0, ["steps", 1, "requirements", 0, "text"], "Laporan yang tidak dibuat") },
        Planted(name: "actor with no step", code: .unusedActor, path: "$.actors[2]") {
            F.set(&$0, ["actors", 2], ["id": "atasan", "name": "Atasan PPID"]) },
        Planted(name: "numbering that skips", code: .stepNumbering, path: "$.steps[1].number") {
            F.set(&$0, ["steps", 1, "number"], "3") },
        Planted(name: "numbering that repeats", code: .stepNumbering, path: "$.steps[2].number") {
            F.set(&$0, ["steps", 2, "number"], "2") },
        Planted(name: "no effective date", code: .notEffective, path: "$.dates.effective") {
            F.set(&$0, ["dates", "effective"], nil) },
        Planted(name: "effective before created", code: .effectiveBeforeCreated, path: "$.dates.effective") {
            F.set(&$0, ["dates", "effective", "date"], "2025-12-31") },
        Planted(name: "NIP of 19 digits", code: .nipLength, path: "$.approver.nip") {
            F.set(&$0, ["approver", "nip"], "1976070120000310002") },
        Planted(name: "NIP with an impossible birth date", code: .nipImpossibleDate, path: "$.approver.nip") {
            F.set(&$0, ["approver", "nip"], "196713401994031001") },
        Planted(name: "NIP with an impossible appointment month", code: .nipImpossibleDate, path: "$.approver.nip") {
            F.set(&$0, ["approver", "nip"], "196701101994131001") },
        Planted(name: "peringatan naming another body", code: .foreignBody, path: "$.warnings[0]") {
            F.set(&$0, ["warnings"], ["Prosedur ini adalah tugas Komisi Informasi Pusat"]) },
        Planted(name: "peringatan naming another province", code: .foreignBody, path: "$.warnings[0]") {
            F.set(&$0, ["warnings"], ["Tugas Kepala Balai Provinsi Kalimantan Barat"]) },
        Planted(name: "duplicated list numbering", code: .listNumbering, path: "$.equipment[2].number") {
            F.set(&$0, ["equipment"], [["number": "1.", "text": "Komputer"], ["number": "2.", "text": "Internet"],
                                       ["number": "2.", "text": "Mesin Foto Copy"]]) },
        Planted(name: "mixed list numbering styles", code: .listNumbering, path: "$.legalBasis") {
            F.set(&$0, ["legalBasis"], [["number": "1", "text": "UU 14/2008"], ["number": "2.", "text": "PP 61/2010"]]) },
        Planted(name: "empty list item", code: .emptyListItem, path: "$.legalBasis[1]") {
            F.set(&$0, ["legalBasis"], [["number": "1.", "text": "UU 14/2008"], ["number": "2.", "text": ""]]) },
        Planted(name: "superseded regulation", code: .supersededRegulation, path: "$.legalBasis[0]") {
            F.set(&$0, ["legalBasis"], ["PERKI Nomor 1 tahun 2010 tentang Standar Layanan Informasi Publik"]) },
        Planted(name: "misspelt sheet label", code: .labelTypo, path: "$.sheet.qualityStandard") {
            F.set(&$0, ["sheet"], ["qualityStandard": "Mutu Buku"]) },
        Planted(name: "misspelt domain word", code: .spelling, path: "$.steps[0].activity") {
            F.set(&$0, ["steps", 0, "activity"], "Menyimpan sftcopy daftar") },
        Planted(name: "unlisted related POS", code: .unlistedRelatedProcedure, path: "$.steps[0].notes") {
            F.set(&$0, ["steps", 0, "notes"], "Terkait POS Penetapan Informasi") },
        Planted(name: "public information in an exempt procedure", code: .publicInformationInExemptProcedure,
                       path: "$.steps[0].activity") {
            F.set(&$0, ["steps", 0, "activity"], "Menyerahkan softcopy Informasi Publik kepada PPID") },
        Planted(name: "policy without its source", code: .policyWithoutSource, path: "$.deviationPolicy.sourceWarnings") {
            F.set(&$0, ["deviationPolicy"], ["rules": [["kind": "late"]]]) },
    ]

    @Test("each warning class is reported with its code and JSON path", arguments: plantedWarnings)
    func reportsWarning(_ planted: Planted) throws {
        let loaded = DefinitionLoader.load(F.mutated(planted.change), lint: true)
        #expect(loaded.errors == [], "a warning must not block the definition")
        #expect(loaded.procedure != nil)
        let warning = try #require(loaded.warnings.first { $0.code == planted.code },
                                   "got \(loaded.warnings.map { "\($0.code.rawValue) \($0.path)" })")
        #expect(warning.path == planted.path)
        #expect(warning.severity == .warning)
    }

    @Test("a valid NIP with spaces as printed is accepted")
    func nipWithSpaces() {
        let loaded = DefinitionLoader.load(F.mutated { F.set(&$0, ["approver", "nip"], "19690520 199803 1 008") }, lint: true)
        #expect(loaded.warnings == [])
    }
}

@Suite("The shipped definitions")
struct ShippedDefinitionTests {
    @Test("every shipped definition validates with no error", arguments: F.shippedDefinitionFiles)
    func validates(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        let loaded = DefinitionLoader.load(Array(data), file: url.lastPathComponent)
        #expect(loaded.errors == [], "\(loaded.errors)")
        #expect(loaded.procedure != nil)
    }

    @Test("there are the three source POS")
    func threeSources() {
        #expect(F.shippedDefinitionFiles.map(\.lastPathComponent) == [
            "biro-kesra-kalbar-sop-400-257.json", "bpmp-kalsel-pos-1-i-29-2024.json", "lpmp-kaltim-pos-1050.json"])
    }

    /// The defects DOMAIN.md §5 lists for each source, as (code, path) lint must report.
    static let documentedDefects: [(String, DiagnosticCode, String)] = [
        ("lpmp-kaltim-pos-1050.json", .labelTypo, "$.sheet.qualityStandard"),               // "Mutu Buku"
        ("lpmp-kaltim-pos-1050.json", .supersededRegulation, "$.legalBasis[1]"),            // PERKI 1/2010
        ("lpmp-kaltim-pos-1050.json", .publicInformationInExemptProcedure, "$.steps[1].activity"),
        ("bpmp-kalsel-pos-1-i-29-2024.json", .nipLength, "$.approver.nip"),                 // 19 digits
        ("bpmp-kalsel-pos-1-i-29-2024.json", .emptyListItem, "$.legalBasis[7]"),            // empty "8."
        ("bpmp-kalsel-pos-1-i-29-2024.json", .listNumbering, "$.equipment[2].number"),      // "2." twice
        ("bpmp-kalsel-pos-1-i-29-2024.json", .brokenChain, "$.steps[4].requirements[0]"),   // report nobody makes
        ("bpmp-kalsel-pos-1-i-29-2024.json", .spelling, "$.steps[2].activity"),             // "sftcopy"
        ("bpmp-kalsel-pos-1-i-29-2024.json", .unlistedRelatedProcedure, "$.steps[2].notes"),
        ("biro-kesra-kalbar-sop-400-257.json", .notEffective, "$.dates.effective"),         // blank efektif
        ("biro-kesra-kalbar-sop-400-257.json", .foreignBody, "$.warnings[0]"),              // Komisi Informasi Pusat
        ("biro-kesra-kalbar-sop-400-257.json", .foreignBody, "$.steps[0].activity"),
        ("biro-kesra-kalbar-sop-400-257.json", .supersededRegulation, "$.legalBasis[1]"),   // PERKI 1/2010
        ("biro-kesra-kalbar-sop-400-257.json", .listNumbering, "$.legalBasis"),             // "1 … 2 … 3."
    ]

    @Test("lint finds each documented defect of the sources", arguments: documentedDefects)
    func findsDefect(_ file: String, _ code: DiagnosticCode, _ path: String) {
        let loaded = F.shipped(file)
        #expect(loaded.errors == [])
        #expect(loaded.warnings.contains { $0.code == code && $0.path == path },
                "\(loaded.warnings.map { "\($0.code.rawValue) \($0.path)" })")
    }

    @Test("every lane of every source does a step, and the time limits are as printed")
    func lanesAndTimes() throws {
        let kalsel = try #require(F.shipped("bpmp-kalsel-pos-1-i-29-2024.json").procedure)
        #expect(kalsel.steps.map(\.timeLimit.minutes) == [30, 30, 30, 15, 15])
        #expect(kalsel.calendar.timeZone == "Asia/Makassar")
        let kalbar = try #require(F.shipped("biro-kesra-kalbar-sop-400-257.json").procedure)
        #expect(kalbar.steps.map(\.timeLimit.minutes) == [60, 60, 60])
        #expect(kalbar.calendar.timeZone == "Asia/Pontianak")
        for name in ["lpmp-kaltim-pos-1050.json", "bpmp-kalsel-pos-1-i-29-2024.json", "biro-kesra-kalbar-sop-400-257.json"] {
            let loaded = F.shipped(name)
            #expect(!loaded.warnings.contains { $0.code == .unusedActor }, "\(name)")
            #expect(loaded.procedure?.provenance.contains { $0.path == "$.steps[0].actor" } == true, "\(name)")
        }
    }
}

@Suite("Reading time limits")
struct TimeLimitParserTests {
    @Test("sheet and ISO forms", arguments: [
        ("30 Menit", 30), ("1 Jam", 60), ("1 jam", 60), ("1 JAM 30 MENIT", 90), ("2 Hari", 900), ("1 Minggu", 2250),
        ("15 minutes", 15), ("2 hours", 120), ("1 day", 450), ("PT1H30M", 90), ("P2D", 900), ("pt45m", 45), ("1jam", 60),
    ])
    func parses(_ text: String, _ minutes: Int) {
        #expect(TimeLimitParser.minutes(in: text, basis: .working) == minutes)
    }

    @Test("a wall-clock day is 24 hours")
    func wallDay() {
        #expect(TimeLimitParser.minutes(in: "2 Hari", basis: .wall) == 2_880)
        #expect(TimeLimitParser.minutes(in: "P1D", basis: .wall) == 1_440)
    }

    @Test("unreadable forms", arguments: ["", "Jam", "satu jam", "1", "1 detik", "P", "PT", "P1H", "1 Jam x"])
    func refuses(_ text: String) {
        #expect(TimeLimitParser.minutes(in: text, basis: .working) == nil)
    }

    /// The byte-level reader of "<digits> <word>" must answer only what the general reader answers.
    @Test("the simple-form reader agrees with the general reader")
    func simpleFormAgrees() {
        // Text shaped like "<blank><number><separator><word><blank>", each part sometimes wrong.
        let blanks = ["", " ", "  ", "\t", "\n", "\u{00A0}"]
        let numbers = ["30", "1", "007", "999999999", "1234567890", "-1", "1,5", "", "x", "P", "PT1H"]
        let separators = [" ", "\t", "  ", "", "\n", "-", " dan "]
        let words = ["Menit", "HARI", "jam", "Hari kerja", "detik", "dan", "T", "H", "é", "Minggu", "hrs", "Jam 30 Menit", ""]
        var generator = SeededGenerator(seed: 5)
        var simpleAnswers = 0
        for _ in 0..<5_000 {
            func pick(_ list: [String]) -> String { list.randomElement(using: &generator) ?? "" }
            let text = pick(blanks) + pick(numbers) + pick(separators) + pick(words) + pick(blanks)
            for basis in [TimeLimit.Basis.working, .wall] {
                guard let simple = TimeLimitParser.simpleMinutes(text, basis: basis) else { continue }
                simpleAnswers += 1
                #expect(simple == TimeLimitParser.generalMinutes(text, basis: basis), "\(text.debugDescription)")
            }
        }
        #expect(simpleAnswers > 100)  // the simple form did come up (240 times with this seed)
        for text in ["30 Menit", " 1 Hari ", "2\tjam", "1 Minggu"] {
            #expect(TimeLimitParser.simpleMinutes(text, basis: .working) != nil, "\(text)")
        }
    }
}
