import Foundation
import Testing
@testable import SOPCore

/// Hostile definition bytes, of the kinds `scripts/fuzz.sh` explores: each must end in diagnostics, never a
/// crash. A crash the fuzzer finds is minimised and added to `inputs` (none found so far; see README, Reliability).
@Suite("Definition loader on hostile bytes (fuzz regressions)")
struct FuzzRegressionTests {
    static let inputs: [(String, [UInt8])] = [
        ("empty", []),
        ("a NUL", [0]),
        ("invalid UTF-8", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]),
        ("nesting 100,000 deep", Array(String(repeating: "[", count: 100_000).utf8)),
        ("nested objects", Array(String(repeating: "{\"a\":", count: 10_000).utf8)),
        ("a lone surrogate escape", Array(#"{"id": "\ud800", "steps": [{"id": "\udc00x"}]}"#.utf8)),
        ("an escape cut short", Array(#"{"id": "\u12"#.utf8)),
        ("a huge number", Array(#"{"steps": [{"timeLimit": 1e999999}], "version": -0.0e-99999}"#.utf8)),
        ("a huge time limit", Array(#"{"steps": [{"id": "a", "timeLimit": "99999999999999999999 Hari"}]}"#.utf8)),
        ("time limit overflow", Array(#"{"steps": [{"id": "a", "timeLimit": "9223372036854775807 Minggu"}]}"#.utf8)),
        ("ISO overflow", Array(#"{"steps": [{"id": "a", "timeLimit": "P9223372036854775807W"}]}"#.utf8)),
        ("a negative limit", Array(#"{"steps": [{"id": "a", "timeLimit": "-9223372036854775808 menit"}]}"#.utf8)),
        ("a BOM and garbage", [0xEF, 0xBB, 0xBF] + Array("{,}".utf8)),
        ("duplicate keys", Array(#"{"id": "a", "id": "b", "steps": [], "steps": {}}"#.utf8)),
        ("wrong types everywhere", Array(#"{"id": 1, "version": [], "agency": "x", "steps": [1, null, true, {"decision": 3}]}"#.utf8)),
        ("sourceWarnings out of range", Array(#"{"warnings": [], "deviationPolicy": {"sourceWarnings": [-9223372036854775808, 9223372036854775807]}}"#.utf8)),
    ]

    @Test("each hostile input loads to errors, with a location, and no procedure")
    func hostileInputs() {
        for (name, bytes) in Self.inputs {
            let loaded = DefinitionLoader.load(bytes, file: name, lint: true)
            #expect(!loaded.errors.isEmpty, "\(name)")
            #expect(loaded.procedure == nil, "\(name)")
            _ = DefinitionLoader.location(ofPath: "$.steps[0].timeLimit", in: bytes)
        }
    }

    @Test("every prefix of a shipped definition (a file cut off while saving) loads without crashing")
    func truncatedShippedDefinitions() throws {
        for url in DefinitionFixtures.shippedDefinitionFiles {
            let bytes = Array(try Data(contentsOf: url))
            for cut in stride(from: 0, to: bytes.count, by: 7) {
                let loaded = DefinitionLoader.load(Array(bytes[..<cut]), file: url.lastPathComponent, lint: true)
                #expect(!loaded.errors.isEmpty, "\(url.lastPathComponent) cut at \(cut)")
            }
            #expect(DefinitionLoader.load(bytes, lint: true).errors.isEmpty)
        }
    }
}
