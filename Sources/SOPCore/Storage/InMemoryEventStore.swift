import Foundation
import Synchronization

/// An ``EventStore`` held in memory, with the same rules as the SQLite store: for tests and dry runs.
///
/// Thread-safe: all state sits behind one `Mutex`, so each call is atomic just like one SQLite transaction.
/// A write checks everything first and only then changes the state, so a refused write changes nothing.
public final class InMemoryEventStore: EventStore, Sendable {
    private struct State {
        var definitions: [String: DefinitionSnapshot] = [:]
        var headers: [InstanceID: InstanceHeader] = [:]
        var events: [InstanceID: [EventRecord]] = [:]
        var evidence: [String: EvidenceBlob] = [:]
        var officerNames: [String: String] = [:]
        var grants: [String: Set<RoleGrant>] = [:]
        var rosterEvents: [RosterChange] = []
    }

    private let state = Mutex(State())
    /// Seals appended events into the ``EventChain`` when given (the SQLite store always does).
    private let digest: EventChain.Digest?

    public init(digest: EventChain.Digest? = nil) {
        self.digest = digest
    }

    public func saveDefinition(_ snapshot: DefinitionSnapshot) throws(StoreError) {
        state.withLock { state in
            if state.definitions[snapshot.hash] == nil { state.definitions[snapshot.hash] = snapshot }
        }
    }

    public func definition(hash: String) throws(StoreError) -> DefinitionSnapshot? {
        state.withLock { $0.definitions[hash] }
    }

    public func append(_ commit: InstanceCommit) throws(StoreError) {
        try appendBatch([commit])
    }

    public func appendBatch(_ commits: [InstanceCommit]) throws(StoreError) {
        try state.withLock { (state) throws(StoreError) in
            // Check the whole batch first; later commits of one instance build on earlier ones.
            var lastSequence: [InstanceID: Int] = [:]
            var chainHead: [InstanceID: String] = [:]
            var checked: [InstanceCommit] = []
            for commit in commits {
                var commit = try commit.checkedForStorage()
                let actual = lastSequence[commit.instanceID] ?? state.headers[commit.instanceID]?.lastSequence ?? 0
                guard actual == commit.expectedSequence else {
                    throw .conflict(instance: commit.instanceID, expected: commit.expectedSequence, actual: actual)
                }
                guard state.definitions[commit.header.definitionHash] != nil else {
                    throw .corrupt(message: "commit for \(commit.instanceID) names definition "
                        + "\(commit.header.definitionHash), which is not stored")
                }
                lastSequence[commit.instanceID] = commit.header.lastSequence
                if let digest {
                    let previous = chainHead[commit.instanceID]
                        ?? state.events[commit.instanceID]?.last?.hash ?? EventChain.genesis
                    commit.events = try EventChain.seal(commit.events, after: previous, digest: digest)
                    chainHead[commit.instanceID] = commit.events.last?.hash
                }
                checked.append(commit)
            }
            for commit in checked {
                state.headers[commit.instanceID] = commit.header
                state.events[commit.instanceID, default: []].append(contentsOf: commit.events)
                for blob in commit.evidence where state.evidence[blob.sha256] == nil {
                    state.evidence[blob.sha256] = blob
                }
            }
        }
    }

    public func events(of instance: InstanceID) throws(StoreError) -> [EventRecord] {
        state.withLock { $0.events[instance] ?? [] }
    }

    public func header(of instance: InstanceID) throws(StoreError) -> InstanceHeader? {
        state.withLock { $0.headers[instance] }
    }

    public func headers(matching filter: InstanceFilter) throws(StoreError) -> [InstanceHeader] {
        let grants = filter.activeFor.map(Set.init)
        return state.withLock { state in
            state.headers.values
                .filter { header in
                    if !filter.statuses.isEmpty, !filter.statuses.contains(header.status) { return false }
                    if let procedure = filter.procedureID, header.procedureID != procedure { return false }
                    if let agency = filter.agencyID, header.agencyID != agency { return false }
                    if let grants {
                        guard header.status == .open, let actor = header.activeActor,
                              grants.contains(RoleGrant(agencyID: header.agencyID, role: actor)) else { return false }
                    }
                    return true
                }
                .sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
        }
    }

    public func instanceCount() throws(StoreError) -> Int {
        state.withLock { $0.headers.count }
    }

    public func evidence(sha256: String) throws(StoreError) -> EvidenceBlob? {
        state.withLock { $0.evidence[sha256] }
    }

    public func officer(nip: String) throws(StoreError) -> Officer? {
        state.withLock { state in
            state.officerNames[nip].map { Officer(nip: nip, name: $0, grants: (state.grants[nip] ?? []).sorted()) }
        }
    }

    public func officers() throws(StoreError) -> [Officer] {
        state.withLock { state in
            state.officerNames.keys.sorted().compactMap { nip in
                state.officerNames[nip].map { Officer(nip: nip, name: $0, grants: (state.grants[nip] ?? []).sorted()) }
            }
        }
    }

    public func applyRosterChange(_ change: RosterChange) throws(StoreError) {
        var change = change
        change.at = try StoredTime.normalized(change.at)
        try state.withLock { [change] (state) throws(StoreError) in
            let nip = change.nip
            let exists = state.officerNames[nip] != nil
            switch change.kind {
            case .add(let name):
                guard !exists else { throw .rosterRefused(.officerExists(nip: nip)) }
                state.officerNames[nip] = name
            case .grant(let grant):
                guard exists else { throw .rosterRefused(.unknownOfficer(nip: nip)) }
                guard state.grants[nip]?.contains(grant) != true else {
                    throw .rosterRefused(.roleAlreadyHeld(nip: nip, grant: grant))
                }
                state.grants[nip, default: []].insert(grant)
            case .revoke(let grant):
                guard exists else { throw .rosterRefused(.unknownOfficer(nip: nip)) }
                guard state.grants[nip]?.remove(grant) != nil else {
                    throw .rosterRefused(.roleNotHeld(nip: nip, grant: grant))
                }
            }
            state.rosterEvents.append(change)
        }
    }

    public func rosterEvents() throws(StoreError) -> [RosterChange] {
        state.withLock { $0.rosterEvents }
    }
}
