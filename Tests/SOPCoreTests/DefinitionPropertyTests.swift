import Foundation
import Testing
import SOPTestSupport
@testable import SOPCore

/// Random but valid definitions, written as JSON the way an administrator would and read back through the loader.
///
/// Shape: 1–20 steps in sheet order, each on a random lane (the lanes are the roles the engine tests' officers
/// hold); any step may be a decision whose first outcome goes on (to the next step, or the end after the
/// last) and whose others loop back to an earlier step (rework) or jump ahead, so every step is reachable and
/// can always reach the end. Time limits use every accepted spelling; requirements may name an earlier step's
/// output; a deviation policy is added now and then.
enum RandomDefinition {
    static let lanes = ["petugas", "pengolah", "staf", "verifikator"]
    static let zones = ["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"]

    static func timeLimit(using g: inout SeededGenerator) -> Any {
        let n = Int.random(in: 1...90, using: &g)
        let small = Int.random(in: 1...5, using: &g)
        let spellings: [Any] = [
            "\(n) Menit", "\(n) menit", "\(small) Jam", "\(small) jam \(n) menit", "\(small) Hari", "\(small) hari kerja",
            "\(small) hours", "\(n) minutes", "\(small) days", "1 Minggu", "\(small)jam\(n)menit", "\(small) Jam dan \(n) Menit",
            "PT\(n)M", "PT\(small)H\(n)M", "P\(small)D", "P1W", "PT\(small)H",
            ["text": "\(small) Jam", "basis": "wall"], ["text": "\(small) Hari", "basis": "working"], ["text": "PT\(n)M"],
        ]
        return spellings.randomElement(using: &g) ?? "1 Jam"
    }

    /// One definition as a JSON object, deterministic in the generator.
    static func make(using g: inout SeededGenerator) -> [String: Any] {
        let stepCount = Int.random(in: 1...20, using: &g)
        let laneCount = Int.random(in: 1...lanes.count, using: &g)
        let actors = Array(lanes.shuffled(using: &g).prefix(laneCount))
        var outputsOf: [[String]] = []
        var steps: [[String: Any]] = []
        for index in 0..<stepCount {
            let id = "langkah-\(index + 1)"
            var step: [String: Any] = [
                "id": id, "number": Bool.random(using: &g) ? "\(index + 1)." : "\(index + 1)",
                "activity": "Kegiatan \(index + 1)", "actor": actors.randomElement(using: &g) ?? actors[0],
                "timeLimit": timeLimit(using: &g),
            ]
            var requirements: [[String: Any]] = []
            for r in 0..<Int.random(in: 0...3, using: &g) {
                var requirement: [String: Any] = ["id": "syarat-\(r + 1)", "text": "Syarat \(r + 1)"]
                if Int.random(in: 0..<6, using: &g) == 0 { requirement["mandatory"] = true }
                if Bool.random(using: &g) { requirement["external"] = Bool.random(using: &g) }
                // An earlier step's output, when one exists.
                let earlier = (0..<index).filter { !outputsOf[$0].isEmpty }
                if let source = earlier.randomElement(using: &g), Bool.random(using: &g),
                   let output = outputsOf[source].randomElement(using: &g) {
                    requirement["from"] = ["step": "langkah-\(source + 1)", "output": output]
                }
                requirements.append(requirement)
            }
            if !requirements.isEmpty { step["requirements"] = requirements }
            let outputs = (0..<Int.random(in: 0...2, using: &g)).map { "hasil-\(index + 1)-\($0 + 1)" }
            outputsOf.append(outputs)
            if !outputs.isEmpty { step["outputs"] = outputs.map { ["id": $0, "text": "Hasil \($0)"] } }
            if Int.random(in: 0..<4, using: &g) == 0 { step["notes"] = "Keterangan" }
            let onward = index + 1 < stepCount ? "langkah-\(index + 2)" : "end"
            if Int.random(in: 0..<3, using: &g) == 0 {
                var outcomes: [[String: Any]] = [["label": "ya", "next": onward]]
                let labels = ["tidak", "revisi", "tunda"]
                for label in labels.prefix(Int.random(in: 1...3, using: &g)) {
                    let target: String
                    if index > 0, Int.random(in: 0..<3, using: &g) != 0 {
                        target = "langkah-\(Int.random(in: 0..<index, using: &g) + 1)"  // rework: back to an earlier step
                    } else if index + 1 < stepCount, Bool.random(using: &g) {
                        target = "langkah-\(Int.random(in: (index + 1)..<stepCount, using: &g) + 1)"  // jump ahead
                    } else {
                        target = "end"
                    }
                    outcomes.append(["label": label, "next": target])
                }
                var decision: [String: Any] = ["outcomes": outcomes.shuffled(using: &g)]
                if Bool.random(using: &g) { decision["question"] = "Lengkap?" }
                step["decision"] = decision
            } else if Int.random(in: 0..<5, using: &g) == 0 {
                step["next"] = onward  // the default, spelled out
            }
            steps.append(step)
        }
        var definition: [String: Any] = [
            "id": "pos-acak-\(Int.random(in: 1...9_999, using: &g))", "version": "\(Int.random(in: 1...9, using: &g))",
            "agency": ["id": Fixtures.agency, "name": "Dinas Contoh"],
            "number": "\(Int.random(in: 1...999, using: &g))/POS/2026", "name": "POS Acak",
            "dates": ["created": ["date": "2026-01-05"], "effective": ["date": "2026-01-06", "asPrinted": "6 Januari 2026"]],
            "approver": ["title": "Kepala", "name": "Nama Pejabat", "nip": Bool.random(using: &g) ? "196701101994031001" as Any : NSNull()],
            "calendar": ["timeZone": zones.randomElement(using: &g) ?? "Asia/Makassar", "name": "asn-perpres-21-2023"],
            "actors": actors.map { ["id": $0, "name": $0.capitalized] },
            "steps": steps,
        ]
        if Bool.random(using: &g) {
            definition["warnings"] = ["Apabila POS tidak dilaksanakan, tujuan tidak tercapai."]
            var rules: [[String: Any]] = [["kind": "late", "severity": Bool.random(using: &g) ? "failure" : "notice",
                                           "answerable": "executor", "accountRequired": Bool.random(using: &g)]]
            if Bool.random(using: &g) { rules.append(["kind": "missing-requirement", "answerable": "owner"]) }
            if Bool.random(using: &g) { rules.append(["kind": "missing-output"]) }
            if Bool.random(using: &g) { rules.append(["kind": "not-run", "stalledAfter": timeLimit(using: &g)]) }
            definition["deviationPolicy"] = ["owner": actors[0], "superior": actors.last ?? actors[0],
                                             "sourceWarnings": [0], "rules": rules]
        }
        return definition
    }
}

@Suite("Properties of random definitions")
struct DefinitionPropertyTests {
    @Test("every random valid definition loads with no error (and lints without crashing)", arguments: Array(UInt64(1)...300))
    func randomDefinitionsValidate(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let object = RandomDefinition.make(using: &generator)
        let loaded = DefinitionLoader.load(DefinitionFixtures.bytes(object), file: "acak-\(seed).json", lint: true)
        #expect(loaded.errors.isEmpty, "seed \(seed): \(loaded.errors.map { "\($0.code) \($0.path) \($0.found ?? "")" })")
        let procedure = try #require(loaded.procedure)
        #expect(procedure.steps.count == (object["steps"] as? [Any])?.count)
        #expect(procedure.steps.allSatisfy { $0.timeLimit.minutes > 0 })
    }

    @Test("random commands on random definitions: the state always equals the replay of the events",
          arguments: Array(UInt64(1)...60))
    func randomCommandsOnRandomDefinitions(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed &+ 10_000)
        let loaded = DefinitionLoader.load(DefinitionFixtures.bytes(RandomDefinition.make(using: &generator)))
        let procedure = try #require(loaded.procedure, "seed \(seed): \(loaded.errors.map(\.code))")
        let accepted = try EnginePropertyTests.explore(procedure, commands: 200, using: &generator)
        #expect(accepted > 5, "seed \(seed): the exploration got past the start")
    }
}
