import SOPCore

/// Re-computes instances' hash chains (``EventChain``) from a store, with OpenSSL's SHA-256.
public enum ChainAudit {
    /// The first break in one instance's chain, or nil when its history is intact.
    ///
    /// Events stored for an instance that has no header were not appended by sop: the first is reported inserted.
    public static func verify(_ instance: InstanceID, in store: any EventStore) throws(StoreError) -> ChainBreak? {
        let header = try store.header(of: instance)
        let events = try store.events(of: instance)
        if header == nil, let first = events.first {
            return ChainBreak(instance: instance, sequence: first.sequence, kind: .inserted)
        }
        return try EventChain.verify(events, instance: instance, lastSequence: header?.lastSequence, digest: EventChain.sha256)
    }

    /// Every instance's first break, and how many instances were checked.
    public static func verifyAll(in store: any EventStore) throws(StoreError) -> (checked: Int, breaks: [ChainBreak]) {
        let ids: [InstanceID]
        if let sqlite = store as? SQLiteEventStore {
            ids = try sqlite.auditedInstanceIDs()
        } else {
            ids = try store.headers(matching: InstanceFilter()).map(\.id).sorted()
        }
        var breaks: [ChainBreak] = []
        for id in ids {
            if let found = try verify(id, in: store) { breaks.append(found) }
        }
        return (ids.count, breaks)
    }
}
