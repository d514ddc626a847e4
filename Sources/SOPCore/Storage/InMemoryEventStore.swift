import Foundation
import Synchronization

/// An ``EventStore`` held in memory, with the same rules as the SQLite store: for tests and dry runs.
///
/// Thread-safe: all state sits behind one `Mutex`, so each call is atomic just like one SQLite transaction.
/// A write checks everything first and only then changes the state, so a refused write changes nothing.
public final class InMemoryEventStore: EventStore, Sendable {
    private struct State {
        var definitions: [String: DefinitionSnapshot] = [:]
        var definitionOrder: [String] = []
        var headers: [InstanceID: InstanceHeader] = [:]
        var events: [InstanceID: [EventRecord]] = [:]
        var evidence: [String: EvidenceBlob] = [:]
        var officerNames: [String: String] = [:]
        var grants: [String: Set<RoleGrant>] = [:]
        var rosterEvents: [RosterChange] = []
        /// The reports' projection: ended step activations, and deviations by instance in recorded order.
        var stepRecords: [ProjectedStep] = []
        var deviations: [InstanceID: [Int: ProjectedDeviation]] = [:]
    }

    private let state = Mutex(State())
    /// Seals appended events into the ``EventChain`` when given (the SQLite store always does).
    private let digest: EventChain.Digest?

    public init(digest: EventChain.Digest? = nil) {
        self.digest = digest
    }

    public func saveDefinition(_ snapshot: DefinitionSnapshot) throws(StoreError) {
        state.withLock { state in
            if state.definitions[snapshot.hash] == nil {
                state.definitions[snapshot.hash] = snapshot
                state.definitionOrder.append(snapshot.hash)
            }
        }
    }

    public func definition(hash: String) throws(StoreError) -> DefinitionSnapshot? {
        state.withLock { $0.definitions[hash] }
    }

    public func definitionHashes() throws(StoreError) -> [String] {
        state.withLock { $0.definitionOrder }
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
                state.stepRecords += commit.projection.steps
                for projected in commit.projection.deviations {
                    state.deviations[commit.instanceID, default: [:]][projected.ordinal] = projected
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

    // MARK: The reports' projection

    public func stepHistogram(_ query: ProjectionQuery) throws(StoreError) -> [StepHistogramRow] {
        state.withLock { state in
            state.stepRecords.filter { query.matches($0.record) }.map { step in
                StepHistogramRow(procedureID: step.record.procedureID, step: step.record.step,
                                 limitMinutes: step.record.limitMinutes, end: step.record.end,
                                 minutesTaken: step.record.minutesTaken, count: 1, uncovered: !step.covered)
            }
        }
    }

    public func forEachOpenHeader(matching filter: InstanceFilter, _ body: (InstanceHeader) -> Void) throws(StoreError) {
        var filter = filter
        filter.statuses = [.open]
        for header in try headers(matching: filter) { body(header) }
    }

    public func instanceCount(matching filter: InstanceFilter) throws(StoreError) -> Int {
        var filter = filter
        filter.activeFor = nil
        return try headers(matching: filter).count
    }

    public func deviationCounts(_ query: ProjectionQuery) throws(StoreError) -> [DeviationCountRow] {
        var rows: [DeviationCountRow] = []
        try forEachDeviation(query) { deviation in
            rows.append(DeviationCountRow(kind: deviation.kind, severity: deviation.severity,
                                          accountRequired: deviation.accountRequired, accounted: deviation.account != nil,
                                          answerable: deviation.answerable, answerableRole: deviation.answerableRole, count: 1))
        }
        return rows
    }

    public func forEachDeviation(_ query: ProjectionQuery, _ body: (Deviation) -> Void) throws(StoreError) {
        let ordered: [Deviation] = state.withLock { state in
            let instances = state.deviations.keys.compactMap { id in state.headers[id].map { (id, $0.startedAt) } }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            return instances.flatMap { id, _ in
                (state.deviations[id] ?? [:]).sorted { $0.key < $1.key }.map(\.value.deviation)
            }
        }
        for deviation in ordered where query.matches(deviation) { body(deviation) }
    }

    public func instancesAwaitingProjection() throws(StoreError) -> [InstanceID] { [] }

    @discardableResult
    public func replaceProjections(_ projections: [(instance: InstanceID, lastSequence: Int, projection: ReportProjection)]) throws(StoreError) -> Int {
        var checked: [(InstanceID, Int, ReportProjection)] = []
        for (instance, sequence, projection) in projections {
            checked.append((instance, sequence, try projection.checked(for: instance)))
        }
        return state.withLock { state in
            var replaced = 0
            for (instance, sequence, projection) in checked where state.headers[instance]?.lastSequence == sequence {
                state.stepRecords.removeAll { $0.record.instance == instance }
                state.deviations[instance] = nil
                state.stepRecords += projection.steps
                for projected in projection.deviations { state.deviations[instance, default: [:]][projected.ordinal] = projected }
                replaced += 1
            }
            return replaced
        }
    }
}
