import Foundation
@testable import SOPSQLite
import Testing

@Suite("Content hash")
struct ContentHashTests {
    /// FIPS 180-2 test vectors, plus inputs around the 55/56/64-byte padding edges.
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ]

    @Test("SHA-256 matches the published vectors", arguments: vectors)
    func knownVectors(input: String, expected: String) throws {
        #expect(try ContentHash.sha256(Data(input.utf8)) == expected)
    }

    @Test("a million 'a' bytes")
    func longInput() throws {
        let data = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(try ContentHash.sha256(data) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a slice of a larger Data hashes only its own bytes")
    func slice() throws {
        let data = Data("xxabcxx".utf8).dropFirst(2).dropLast(2)
        #expect(try ContentHash.sha256(data) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
