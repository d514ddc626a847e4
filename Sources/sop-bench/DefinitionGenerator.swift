import Foundation

/// Generated definitions for figure 5: a shipped definition's front matter with `stepCount` made-up steps,
/// each with a requirement carried from the previous step's output, an output, a time limit, and every
/// fifth step a decision (so the validator's flow checks have work to do).
enum DefinitionGenerator {
    static func generate(from template: Data, count: Int, stepCount: Int) throws -> [[UInt8]] {
        guard var base = try JSONSerialization.jsonObject(with: template) as? [String: Any],
              let actors = base["actors"] as? [[String: Any]] else {
            throw BenchError("the template definition is not a JSON object with actors")
        }
        let actorIDs = actors.compactMap { $0["id"] as? String }
        guard !actorIDs.isEmpty else { throw BenchError("the template definition has no actors") }
        // Provenance notes may point into the template's steps; they do not describe generated ones.
        base["provenance"] = [[String: Any]]()
        var result: [[UInt8]] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            var definition = base
            definition["id"] = "bench-generated-\(index)"
            definition["number"] = "\(index)/POS/BENCH"
            var steps: [[String: Any]] = []
            for s in 0..<stepCount {
                var step: [String: Any] = [
                    "id": "langkah-\(s)",
                    "number": "\(s + 1)",
                    "activity": "Kegiatan nomor \(s + 1) dari prosedur tiruan \(index), dengan uraian sepanjang kegiatan sebenarnya",
                    "actor": actorIDs[s % actorIDs.count],
                    "timeLimit": s % 3 == 0 ? "1 Hari" : "30 Menit",
                    "outputs": [["id": "hasil-\(s)", "text": "Hasil langkah \(s + 1)"]],
                ]
                if s == 0 {
                    step["requirements"] = [["id": "surat-masuk", "text": "Surat masuk", "external": true]]
                } else {
                    step["requirements"] = [["id": "masukan-\(s)", "text": "Hasil langkah \(s)",
                                             "from": ["step": "langkah-\(s - 1)", "output": "hasil-\(s - 1)"]]]
                }
                if s % 5 == 4, s + 1 < stepCount {
                    step["decision"] = ["question": "Lengkap?",
                                        "outcomes": [["label": "ya", "next": "langkah-\(s + 1)"],
                                                     ["label": "tidak", "next": "langkah-\(s - 1)"]]]
                }
                steps.append(step)
            }
            definition["steps"] = steps
            let data = try JSONSerialization.data(withJSONObject: definition, options: [.prettyPrinted, .sortedKeys])
            result.append(Array(data))
        }
        return result
    }
}
