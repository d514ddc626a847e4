import Foundation

/// The per-instance hash chain that makes changes to a stored history evident.
///
/// Each event is sealed with the SHA-256 of its canonical encoding, which includes the seal of the
/// instance's previous event (``genesis`` for the first). Editing, deleting, inserting or reordering a
/// stored event therefore breaks the chain at that event. The core defines the encoding and the checks;
/// the digest itself is injected (SOPSQLite passes OpenSSL's), so the core holds no cryptography.
///
/// Canonical encoding, field by field (`‖` is concatenation):
///
///     field(absent) = 0x00
///     field(bytes)  = 0x01 ‖ length as 8-byte big-endian unsigned ‖ bytes
///     encoding = field("sop-event-v1") ‖ field(instance id) ‖ field(sequence) ‖ field(kind)
///              ‖ field(officer NIP or absent) ‖ field(role or absent) ‖ field(occurredAt ms)
///              ‖ field(recordedAt ms) ‖ field(payload) ‖ field(previous hash)
///
/// Text is UTF-8; numbers are decimal ASCII (milliseconds since 1970 UTC, `-` when negative); the
/// previous hash is 64 lowercase hex digits. `hash = lowercase hex SHA-256(encoding)`.
public enum EventChain {
    /// The previous hash of an instance's first event.
    public static let genesis = String(repeating: "0", count: 64)
    /// The first field of every encoding; a new encoding gets a new tag.
    public static let encodingTag = "sop-event-v1"

    /// SHA-256 of bytes as lowercase hex.
    public typealias Digest = @Sendable (Data) throws(StoreError) -> String

    /// The bytes that are hashed for `record` chained after `previousHash`.
    public static func canonicalBytes(of record: EventRecord, previousHash: String) throws(StoreError) -> Data {
        // One byte buffer, turned into `Data` once: appending small `Data` values field by field cost more
        // than the SHA-256 itself (sop-bench figure 1).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160 + record.payload.count)
        func length(_ count: Int) {
            bytes.append(1)
            withUnsafeBytes(of: UInt64(count).bigEndian) { bytes.append(contentsOf: $0) }
        }
        func text(_ value: String?) {
            guard var value else { bytes.append(0); return }
            value.withUTF8 { utf8 in
                length(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }
        text(encodingTag)
        text(record.instanceID.rawValue)
        text(String(record.sequence))
        text(record.kind)
        text(record.officerNIP)
        text(record.role?.rawValue)
        text(String(try StoredTime.milliseconds(record.occurredAt)))
        text(String(try StoredTime.milliseconds(record.recordedAt)))
        length(record.payload.count)
        record.payload.withUnsafeBytes { bytes.append(contentsOf: $0) }
        text(previousHash)
        return Data(bytes)
    }

    /// The seal of `record` chained after `previousHash`.
    public static func hash(of record: EventRecord, previousHash: String, digest: Digest) throws(StoreError) -> String {
        try digest(canonicalBytes(of: record, previousHash: previousHash))
    }

    /// `events` (consecutive, of one instance) with `hash` and `previousHash` set, continuing after `previousHash`.
    public static func seal(_ events: [EventRecord], after previousHash: String,
                            digest: Digest) throws(StoreError) -> [EventRecord] {
        var previous = previousHash
        var sealed = events
        for index in sealed.indices {
            sealed[index].previousHash = previous
            let hash = try hash(of: sealed[index], previousHash: previous, digest: digest)
            sealed[index].hash = hash
            previous = hash
        }
        return sealed
    }

    /// The first place where an instance's stored history no longer matches its chain, or nil when intact.
    ///
    /// - Parameters:
    ///   - events: The instance's events as stored, in sequence order.
    ///   - lastSequence: The last sequence the instance's header records, when there is a header; it
    ///     catches the deletion of the last events and events added after them.
    public static func verify(_ events: [EventRecord], instance: InstanceID, lastSequence: Int?,
                              digest: Digest) throws(StoreError) -> ChainBreak? {
        var expectedPrevious = genesis
        for (index, event) in events.enumerated() {
            let expected = index + 1
            func found(_ kind: ChainBreak.Kind, _ sequence: Int) -> ChainBreak {
                ChainBreak(instance: instance, sequence: sequence, kind: kind)
            }
            guard let stored = event.hash, let previous = event.previousHash else {
                return found(.inserted, event.sequence)  // never sealed by sop, or its seal was removed
            }
            if let lastSequence, event.sequence > lastSequence { return found(.inserted, event.sequence) }
            let pointsLater = events[(index + 1)...].contains { $0.hash == previous }
            if try hash(of: event, previousHash: previous, digest: digest) == stored {
                if event.sequence > expected { return found(.deleted, expected) }
                if event.sequence < expected { return found(.inserted, event.sequence) }
                if previous != expectedPrevious {
                    // Sealed after an event that is not the one before it: moved, or the one before was resealed.
                    return pointsLater ? found(.reordered, event.sequence) : found(.edited, max(expected - 1, 1))
                }
                expectedPrevious = stored
                continue
            }
            if pointsLater { return found(.reordered, event.sequence) }
            if let original = try sealedSequence(of: event, previousHash: previous, stored: stored,
                                                 upTo: max(events.count, lastSequence ?? 0) + 1, digest: digest) {
                // The event is intact but was renumbered: down after a deletion, up after an insertion.
                return original > event.sequence ? found(.deleted, expected) : found(.inserted, original)
            }
            let nextFollowsPrevious = index + 1 < events.count && events[index + 1].previousHash == expectedPrevious
            if previous == expectedPrevious, nextFollowsPrevious { return found(.inserted, event.sequence) }
            return found(.edited, event.sequence)
        }
        if let lastSequence, lastSequence > events.count { return ChainBreak(instance: instance, sequence: events.count + 1, kind: .deleted) }
        return nil
    }

    /// The sequence other than its own under which `event` was sealed, if any (it was renumbered).
    private static func sealedSequence(of event: EventRecord, previousHash: String, stored: String, upTo limit: Int,
                                       digest: Digest) throws(StoreError) -> Int? {
        guard limit >= 1 else { return nil }
        for candidate in 1...limit where candidate != event.sequence {
            var moved = event
            moved.sequence = candidate
            if try hash(of: moved, previousHash: previousHash, digest: digest) == stored { return candidate }
        }
        return nil
    }
}
