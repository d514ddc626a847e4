import Foundation
import SOPCore
import SOPSQLite

/// One evidence file an instance refers to, checked against the bytes in the store.
struct EvidenceCheckResult {
    enum Status: String {
        /// Stored, and its bytes hash to its SHA-256 with the recorded size.
        case intact
        /// Not in the store.
        case missing
        /// Stored, but the bytes no longer match the hash or the size.
        case corrupt
    }

    var sha256: String
    var size: Int
    var items: [ItemID]
    var names: [String]
    var status: Status

    /// Every file the instance's completions name, by hash, each checked once.
    static func check(_ records: [EventRecord], store: any EventStore) throws(StoreError) -> [EvidenceCheckResult] {
        var order: [String] = []
        var found: [String: EvidenceCheckResult] = [:]
        for record in records {
            guard let event = try? InstanceEvent(record: record), case .stepCompleted(let completed) = event.payload else { continue }
            for item in completed.requirements + completed.outputs {
                guard case .file(let file) = item.content else { continue }
                if var known = found[file.sha256] {
                    if !known.items.contains(item.id) { known.items.append(item.id) }
                    if !known.names.contains(file.name) { known.names.append(file.name) }
                    found[file.sha256] = known
                } else {
                    order.append(file.sha256)
                    found[file.sha256] = EvidenceCheckResult(sha256: file.sha256, size: file.size, items: [item.id],
                                                             names: [file.name], status: try status(of: file, store: store))
                }
            }
        }
        return order.compactMap { found[$0] }
    }

    /// Whether the stored bytes of `file` are still the ones recorded.
    static func status(of file: FileEvidence, store: any EventStore) throws(StoreError) -> Status {
        guard let blob = try store.evidence(sha256: file.sha256) else { return .missing }
        return try ContentHash.sha256(blob.data) == file.sha256 && blob.data.count == file.size ? .intact : .corrupt
    }
}
