import SOPCore
import Foundation

extension EventChain {
    /// The chain's digest: SHA-256 from OpenSSL's libcrypto (``ContentHash``).
    public static let sha256: Digest = { (data: Data) throws(StoreError) -> String in try ContentHash.sha256(data) }
}
