import Foundation
import Testing
@testable import SOPCore

typealias F = DefinitionFixtures

/// One planted mistake and the diagnostic (error or warning) it must produce.
struct Planted: CustomTestStringConvertible, Sendable {
    var name: String
    var code: DiagnosticCode
    var path: String
    var change: @Sendable (inout [String: Any]) -> Void
    var testDescription: String { name }
}

@Suite("Validating a definition")
struct DefinitionValidationTests {
    @Test("the minimal fixture is valid")
    func minimalIsValid() {
        let loaded = DefinitionLoader.load(F.bytes(F.minimal), file: "contoh.json")
        #expect(loaded.errors == [])
        #expect(loaded.procedure?.steps.count == 3)
        #expect(loaded.procedure?.steps[2].outcomes.map(\.label) == ["ya", "tidak"])
    }

    static let plantedErrors: [Planted] = [
        Planted(name: "wrong type", code: .wrongType, path: "$.steps[0].activity") {
            F.set(&$0, ["steps", 0, "activity"], 12) },
        Planted(name: "missing field", code: .missingField, path: "$.steps[1].timeLimit") {
            F.set(&$0, ["steps", 1, "timeLimit"], nil) },
        Planted(name: "unknown field", code: .unknownField, path: "$.steps[0].acter") {
            F.set(&$0, ["steps", 0, "acter"], "ppid") },
        Planted(name: "duplicate actor id", code: .duplicateID, path: "$.actors[1].id") {
            F.set(&$0, ["actors", 1, "id"], "ppid") },
        Planted(name: "duplicate step id", code: .duplicateID, path: "$.steps[1].id") {
            F.set(&$0, ["steps", 1, "id"], "siapkan") },
        Planted(name: "unknown actor", code: .unknownActor, path: "$.steps[1].actor") {
            F.set(&$0, ["steps", 1, "actor"], "ppdi") },
        Planted(name: "unknown step in next", code: .unknownStep, path: "$.steps[0].next") {
            F.set(&$0, ["steps", 0, "next"], "priksa") },
        Planted(name: "unknown step in outcome", code: .unknownStep, path: "$.steps[2].decision.outcomes[1].next") {
            F.set(&$0, ["steps", 2, "decision", "outcomes", 1, "next"], "nowhere") },
        Planted(name: "unreachable step", code: .unreachableStep, path: "$.steps[1]") {
            F.set(&$0, ["steps", 0, "next"], "putuskan") },
        Planted(name: "step that cannot reach the end", code: .deadEndStep, path: "$.steps[0]") {
            F.set(&$0, ["steps", 2, "decision", "outcomes", 0, "next"], "periksa") },
        Planted(name: "decision with one outcome", code: .decisionTooFewOutcomes, path: "$.steps[2].decision.outcomes") {
            F.set(&$0, ["steps", 2, "decision", "outcomes", 1], nil) },
        Planted(name: "duplicate outcome label", code: .duplicateOutcome, path: "$.steps[2].decision.outcomes[1].label") {
            F.set(&$0, ["steps", 2, "decision", "outcomes", 1, "label"], "Ya") },
        Planted(name: "zero time limit", code: .nonPositiveTimeLimit, path: "$.steps[0].timeLimit") {
            F.set(&$0, ["steps", 0, "timeLimit"], "0 Menit") },
        Planted(name: "negative time limit", code: .nonPositiveTimeLimit, path: "$.steps[0].timeLimit") {
            F.set(&$0, ["steps", 0, "timeLimit"], "-1 Jam") },
        Planted(name: "unparseable time limit", code: .invalidTimeLimit, path: "$.steps[0].timeLimit") {
            F.set(&$0, ["steps", 0, "timeLimit"], "sebentar") },
        Planted(name: "date that is not a date", code: .invalidDate, path: "$.dates.effective.date") {
            F.set(&$0, ["dates", "effective", "date"], "2026-02-30") },
        Planted(name: "date with a signed month", code: .invalidDate, path: "$.dates.effective.date") {
            F.set(&$0, ["dates", "effective", "date"], "2026-+1-05") },
        Planted(name: "date with a signed day", code: .invalidDate, path: "$.dates.effective.date") {
            F.set(&$0, ["dates", "effective", "date"], "2026-01-+5") },
        Planted(name: "date before 1900", code: .invalidDate, path: "$.dates.effective.date") {
            F.set(&$0, ["dates", "effective", "date"], "1899-12-31") },
        Planted(name: "next and decision together", code: .nextWithDecision, path: "$.steps[2].next") {
            F.set(&$0, ["steps", 2, "next"], "end") },
        Planted(name: "invalid id", code: .invalidID, path: "$.steps[0].id") {
            F.set(&$0, ["steps", 0, "id"], "Siapkan Daftar") },
        Planted(name: "invalid enum value", code: .invalidValue, path: "$.steps[0].timeLimit.basis") {
            F.set(&$0, ["steps", 0, "timeLimit"], ["text": "1 Jam", "basis": "walll"]) },
        Planted(name: "unknown time zone", code: .invalidTimeZone, path: "$.calendar.timeZone") {
            F.set(&$0, ["calendar", "timeZone"], "Asia/Makasar") },
        Planted(name: "unknown output in from", code: .unknownOutput, path: "$.steps[1].requirements[0].from.output") {
            F.set(&$0, ["steps", 1, "requirements", 0, "from"], ["step": "siapkan", "output": "dafta"]) },
        Planted(name: "empty steps", code: .emptyList, path: "$.steps") { F.set(&$0, ["steps"], [Any]()) },
    ]

    @Test("each error class is reported with its code and JSON path", arguments: plantedErrors)
    func reportsError(_ planted: Planted) throws {
        let loaded = DefinitionLoader.load(F.mutated(planted.change), file: "contoh.json")
        #expect(loaded.procedure == nil)
        let match = loaded.errors.first { $0.code == planted.code }
        let diagnostic = try #require(match, "got \(loaded.errors.map { "\($0.code.rawValue) \($0.path)" })")
        #expect(diagnostic.path == planted.path)
        #expect(diagnostic.file == "contoh.json")
        #expect(diagnostic.line != nil && diagnostic.column != nil)
    }

    @Test("a typo in a key or reference gets a did-you-mean suggestion")
    func suggestions() {
        let unknownKey = DefinitionLoader.load(F.mutated { F.set(&$0, ["steps", 0, "acter"], "ppid") })
        #expect(unknownKey.errors.first?.suggestion == .didYouMean("actor", allowed: DefinitionReader.stepKeys))
        let unknownActor = DefinitionLoader.load(F.mutated { F.set(&$0, ["steps", 1, "actor"], "ppdi") })
        #expect(unknownActor.errors.first?.suggestion == .didYouMean("ppid", allowed: ["ppid", "petugas"]))
        let badEnum = DefinitionLoader.load(F.mutated {
            F.set(&$0, ["deviationPolicy"], ["rules": [["kind": "missing-ouput"]]])
        })
        #expect(badEnum.errors.first?.code == .invalidValue)
        if case .didYouMean(let word, let allowed)? = badEnum.errors.first?.suggestion {
            #expect(word == "missing-output")
            #expect(allowed == DeviationKind.allCases.map(\.rawValue))
        } else {
            Issue.record("expected a did-you-mean suggestion")
        }
    }

    @Test("ten planted mistakes give ten diagnostics in one run")
    func tenMistakes() {
        let bytes = F.mutated { d in
            F.set(&d, ["version"], 2)                                           // wrong type
            F.set(&d, ["name"], nil)                                            // missing field
            F.set(&d, ["numbr"], "x")                                           // unknown field
            F.set(&d, ["dates", "created", "date"], "5 Januari 2026")           // not a date
            F.set(&d, ["approver", "title"], true)                              // wrong type
            F.set(&d, ["steps", 0, "timeLimit"], "30 Detik")                    // unparseable limit
            F.set(&d, ["steps", 1, "actor"], "atasan")                          // unknown actor
            F.set(&d, ["steps", 1, "outputs", 0, "tekst"], "x")                 // unknown field
            F.set(&d, ["steps", 2, "decision", "outcomes", 1, "label"], "ya")   // duplicate label
            F.set(&d, ["calendar", "timeZone"], "WITA")                         // bad zone
        }
        let loaded = DefinitionLoader.load(bytes, file: "sepuluh.json")
        #expect(loaded.errors.count == 10, "\(loaded.errors.map { "\($0.code.rawValue) \($0.path)" })")
        #expect(Set(loaded.errors.map(\.code)) == [.wrongType, .missingField, .unknownField, .invalidDate,
                                                    .invalidTimeLimit, .unknownActor, .duplicateOutcome, .invalidTimeZone])
    }

    @Test("line and column point at the offending value")
    func lineAndColumn() {
        let text = """
        {
          "id": "contoh",
          "versi": "1"
        }
        """
        let loaded = DefinitionLoader.load(Array(text.utf8), file: "x.json")
        let unknown = loaded.errors.first { $0.code == .unknownField }
        #expect(unknown?.line == 3)
        #expect(unknown?.column == 3)
        #expect(unknown?.suggestion == .didYouMean("version", allowed: DefinitionReader.topLevelKeys))
    }

    @Test("a key given twice is reported where it repeats, at any depth; so is each unknown key of a huge object")
    func duplicateKeys() {
        let text = """
        {
          "id": "contoh",
          "agency": {"id": "a", "name": "A",
                     "name": "B"},
          "id": "lagi"
        }
        """
        let loaded = DefinitionLoader.load(Array(text.utf8), file: "x.json")
        let duplicates = loaded.errors.filter { $0.code == .duplicateKey }
        #expect(duplicates.map(\.path) == ["$.agency.name", "$.id"])
        #expect(duplicates.map(\.line) == [4, 5])
        #expect(loaded.procedure == nil)

        // 3,000 unknown keys on one line: each is reported and placed (one pass over the text, see SourceText).
        let huge = "{" + (0..<3_000).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        let hugeLoaded = DefinitionLoader.load(Array(huge.utf8), file: "huge.json")
        #expect(hugeLoaded.errors.filter { $0.code == .unknownField }.count == 3_000)
        #expect(hugeLoaded.errors.last?.column == huge.utf8.count - "\"k2999\": 2999}".utf8.count + 1)
    }

    @Test("two files claiming the same id and version are both refused")
    func duplicateDefinitions() {
        let a = DefinitionLoader.load(F.bytes(F.minimal), file: "a.json")
        let b = DefinitionLoader.load(F.bytes(F.minimal), file: "b.json")
        let duplicates = DefinitionLoader.duplicateDefinitions(in: [a, b])
        #expect(duplicates.map(\.code) == [.duplicateDefinition])
        #expect(duplicates.first?.file == "b.json")
        #expect(duplicates.first?.subject == "a.json")
        let c = DefinitionLoader.load(F.mutated { F.set(&$0, ["version"], "2") }, file: "c.json")
        #expect(DefinitionLoader.duplicateDefinitions(in: [a, c]).isEmpty)
    }
}

/// A hostile input, built lazily so test output stays short.
struct HostileInput: CustomTestStringConvertible, Sendable {
    var name: String
    var code: DiagnosticCode
    var make: @Sendable () -> [UInt8]
    var testDescription: String { name }
}

@Suite("Hostile definition input")
struct HostileDefinitionInputTests {
    static let cases: [HostileInput] = [
        HostileInput(name: "empty file", code: .emptyFile) { [] },
        HostileInput(name: "whitespace only", code: .emptyFile) { Array("  \n ".utf8) },
        HostileInput(name: "truncated JSON", code: .invalidJSON) { Array(F.bytes(F.minimal).prefix(200)) },
        HostileInput(name: "invalid UTF-8", code: .invalidUTF8) {
            Array("{\"id\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8) },
        HostileInput(name: "deep nesting", code: .nestingTooDeep) { Array(String(repeating: "[", count: 100_000).utf8) },
        HostileInput(name: "10 MB string", code: .fileTooLarge) {
            Array("{\"id\": \"".utf8) + [UInt8](repeating: 0x61, count: 10_000_000) + Array("\"}".utf8) },
        HostileInput(name: "2 MB string", code: .valueTooLong) {
            Array("{\"name\": \"".utf8) + [UInt8](repeating: 0x61, count: 2_000_000) + Array("\"}".utf8) },
        HostileInput(name: "a JSON array", code: .wrongType) { Array("[1, 2]".utf8) },
        HostileInput(name: "trailing garbage", code: .invalidJSON) { Array("{} x".utf8) },
        HostileInput(name: "bad escape", code: .invalidJSON) { Array("{\"id\": \"\\q\"}".utf8) },
        HostileInput(name: "lone surrogate", code: .invalidJSON) { Array("{\"id\": \"\\ud800\"}".utf8) },
        HostileInput(name: "raw control character", code: .invalidJSON) { Array("{\"id\": \"a\u{01}b\"}".utf8) },
    ]

    @Test("never crashes and always reports an error", arguments: cases)
    func hostile(_ input: HostileInput) {
        let loaded = DefinitionLoader.load(input.make(), file: "hostile.json")
        #expect(loaded.procedure == nil)
        #expect(loaded.errors.contains { $0.code == input.code }, "\(loaded.errors.map(\.code.rawValue))")
    }

    @Test("placing many offsets in one pass gives each the line and column placing it alone gives")
    func onePassLocations() {
        let text = SourceText(Array("ab\nçé\n\n  \"ü\": 1,\r\n x\u{1F600}y\n".utf8))
        let offsets = [40, -3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 3, 0, 100]
        let together = text.locations(ofOffsets: offsets)
        for (offset, place) in zip(offsets, together) {
            let alone = text.location(ofOffset: offset)
            #expect(place.line == alone.line && place.column == alone.column, "offset \(offset)")
        }
    }

    @Test("a syntax error reports its line and column")
    func syntaxLocation() {
        let loaded = DefinitionLoader.load(Array("{\n  \"id\": \"x\",\n  \"name\" \"y\"\n}".utf8))
        #expect(loaded.errors.first?.code == .invalidJSON)
        #expect(loaded.errors.first?.line == 3)
        #expect(loaded.errors.first?.column == 10)
    }
}
