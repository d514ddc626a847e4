import CCrypto
import SOPCore
import Foundation

/// Content addresses for definitions and evidence: the SHA-256 of the bytes, in lowercase hex.
///
///     ContentHash.sha256(Data("abc".utf8))
///     // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
public enum ContentHash {
    /// Hashes with OpenSSL's libcrypto (never hand-written cryptography).
    ///
    /// Through libcrypto's SHA256_* functions (see `sop_sha256` in CCrypto's shim.h: the EVP interface
    /// cost ~5 million instructions of provider set-up per process); a failure is reported as a store
    /// I/O error rather than trapping.
    public static func sha256(_ data: Data) throws(StoreError) -> String {
        guard let digest = openSSLDigest(data) else {
            throw .io(message: "OpenSSL's libcrypto could not compute SHA-256")
        }
        return hex(digest)
    }

    /// The digest from libcrypto, or nil when OpenSSL fails.
    static func openSSLDigest(_ data: Data) -> [UInt8]? {
        var digest = [UInt8](repeating: 0, count: 32)
        let ok = data.withUnsafeBytes { buffer in
            // An empty Data may have no base address; any valid pointer with count 0 hashes "".
            withUnsafeBytes(of: UInt8(0)) { empty in
                sop_sha256(buffer.baseAddress ?? empty.baseAddress, buffer.count, &digest)
            }
        }
        guard ok == 1 else { return nil }
        return digest
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
