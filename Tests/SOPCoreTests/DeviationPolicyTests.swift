import Foundation
import Testing
@testable import SOPCore

@Suite("Deviation policy: the superior role")
struct DeviationPolicyTests {
    private typealias F = DefinitionFixtures

    @Test("a superior is read as an actor id")
    func read() throws {
        let loaded = DefinitionLoader.load(F.mutated { F.set(&$0, ["deviationPolicy"], ["superior": "ppid"]) })
        #expect(loaded.errors.isEmpty)
        #expect(try #require(loaded.procedure).deviationPolicy.superior == "ppid")
    }

    @Test("an unknown superior is an unknown actor, with a suggestion")
    func unknown() {
        let loaded = DefinitionLoader.load(F.mutated { F.set(&$0, ["deviationPolicy"], ["superior": "ppdi"]) })
        #expect(loaded.errors.map(\.code) == [.unknownActor])
        #expect(loaded.errors.first?.path == "$.deviationPolicy.superior")
        #expect(loaded.errors.first?.suggestion == .didYouMean("ppid", allowed: ["ppid", "petugas"]))
    }

    @Test("only Kalsel names a superior; Kaltim and Kalbar leave it out", arguments: [
        ("bpmp-kalsel-pos-1-i-29-2024.json", "atasan-ppid"), ("lpmp-kaltim-pos-1050.json", nil),
        ("biro-kesra-kalbar-sop-400-257.json", nil),
    ] as [(String, ActorID?)])
    func shipped(file: String, superior: ActorID?) throws {
        let procedure = try #require(F.shipped(file).procedure)
        #expect(procedure.deviationPolicy.superior == superior)
        if let superior { #expect(procedure.provenance.contains { $0.path == "$.deviationPolicy.superior" } && procedure.actor(superior) != nil) }
    }

    @Test("a deviation id gives back its instance, even one containing a slash")
    func instanceOfID() {
        #expect(DeviationID(instance: "BPMP/2026/7", kind: .late, step: "late", occurrence: 2).instanceID == "BPMP/2026/7")
        #expect(DeviationID(instance: "I", kind: .notRun, step: nil, occurrence: nil).instanceID == "I")
        #expect(DeviationID("salah").instanceID == nil)
        #expect(DeviationID("/late/s/1").instanceID == nil)
    }
}
