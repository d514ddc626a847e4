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
    /// OpenSSL 3 can refuse to digest when it is misconfigured (say `OPENSSL_CONF` activates a provider
    /// that is missing); that is reported as a store I/O error rather than trapping.
    public static func sha256(_ data: Data) throws(StoreError) -> String {
        guard let digest = openSSLDigest(data) else {
            throw .io(message: "OpenSSL's libcrypto could not compute SHA-256 (check OPENSSL_CONF)")
        }
        return hex(digest)
    }

    /// The digest from libcrypto, or nil when OpenSSL fails.
    static func openSSLDigest(_ data: Data) -> [UInt8]? {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { buffer in
            // An empty Data may have no base address; any valid pointer with count 0 hashes "".
            withUnsafeBytes(of: UInt8(0)) { empty in
                EVP_Digest(buffer.baseAddress ?? empty.baseAddress, buffer.count, &digest, &length,
                           EVP_sha256(), nil)
            }
        }
        guard ok == 1, length == 32 else { return nil }
        return Array(digest.prefix(32))
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
