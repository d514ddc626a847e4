import Foundation

/// The durable record behind the engine: definition versions, instance events, evidence and the roster.
///
/// The store knows nothing of event meaning: payloads are opaque JSON written by the engine, so a new
/// kind of event never needs a schema change. Every method that writes is one transaction: it either
/// happens whole or not at all. Implementations: ``InMemoryEventStore`` (tests) and `SQLiteEventStore`.
public protocol EventStore: AnyObject {
    /// Stores a definition version by content hash; storing the same hash again does nothing.
    func saveDefinition(_ snapshot: DefinitionSnapshot) throws(StoreError)
    /// The definition version with this content hash.
    func definition(hash: String) throws(StoreError) -> DefinitionSnapshot?
    /// The content hash of every stored definition version, in the order they were stored.
    func definitionHashes() throws(StoreError) -> [String]

    /// Appends a batch of events to one instance atomically, with the instance's new cached header and any evidence.
    ///
    /// Fails with ``StoreError/conflict(instance:expected:actual:)`` when the instance's last sequence is not
    /// `commit.expectedSequence` (0 for a new instance): someone else acted first, and nothing is written.
    /// A store with a digest seals each event into the instance's ``EventChain`` here, in the same transaction.
    func append(_ commit: InstanceCommit) throws(StoreError)
    /// Several commits in one transaction (bulk loading); all or nothing.
    func appendBatch(_ commits: [InstanceCommit]) throws(StoreError)

    /// Every event of an instance, in sequence order.
    func events(of instance: InstanceID) throws(StoreError) -> [EventRecord]
    /// The cached header of an instance.
    func header(of instance: InstanceID) throws(StoreError) -> InstanceHeader?
    /// Cached headers matching a filter, oldest first.
    func headers(matching filter: InstanceFilter) throws(StoreError) -> [InstanceHeader]
    /// How many instances exist (used to propose the next instance id).
    func instanceCount() throws(StoreError) -> Int

    /// Evidence content by SHA-256 (hex).
    func evidence(sha256: String) throws(StoreError) -> EvidenceBlob?

    /// The officer with this NIP.
    func officer(nip: String) throws(StoreError) -> Officer?
    /// Every officer, by NIP.
    func officers() throws(StoreError) -> [Officer]
    /// Applies a roster change and records it as a roster event, in one transaction.
    func applyRosterChange(_ change: RosterChange) throws(StoreError)
    /// Every roster event, oldest first.
    func rosterEvents() throws(StoreError) -> [RosterChange]

    // MARK: The reports' projection (rows written with each commit's ``InstanceCommit/projection``)

    /// Ended step activations matching `query`, counted per procedure, step, limit, end and minutes taken.
    func stepHistogram(_ query: ProjectionQuery) throws(StoreError) -> [StepHistogramRow]
    /// Calls `body` with the header of every open instance matching `filter` (oldest first), one at a time.
    func forEachOpenHeader(matching filter: InstanceFilter, _ body: (InstanceHeader) -> Void) throws(StoreError)
    /// How many instances match `filter` (statuses, procedure and agency; `activeFor` is ignored).
    func instanceCount(matching filter: InstanceFilter) throws(StoreError) -> Int
    /// Recorded deviations matching `query`, counted by everything ``DeviationReport`` groups by.
    func deviationCounts(_ query: ProjectionQuery) throws(StoreError) -> [DeviationCountRow]
    /// Calls `body` with every recorded deviation matching `query`, instances oldest first and each
    /// instance's deviations in recorded order, one at a time.
    func forEachDeviation(_ query: ProjectionQuery, _ body: (Deviation) -> Void) throws(StoreError)
    /// Instances stored before the projection existed, still to be projected by ``replaceProjections(_:)``.
    func instancesAwaitingProjection() throws(StoreError) -> [InstanceID]
    /// Replaces the projection of each instance with the whole projection given, when the instance's last
    /// sequence is still the one given (otherwise it stays awaiting); one transaction. Returns how many were replaced.
    @discardableResult
    func replaceProjections(_ projections: [(instance: InstanceID, lastSequence: Int, projection: ReportProjection)]) throws(StoreError) -> Int
}

/// Why a store operation failed.
public enum StoreError: Error, Equatable, Sendable {
    /// Optimistic concurrency: the instance moved on since it was read.
    case conflict(instance: InstanceID, expected: Int, actual: Int)
    /// A roster change that makes no sense (officer exists, unknown officer, grant missing).
    case rosterRefused(RosterRefusal)
    /// The database could not be opened, read or written; `message` is the backend's own text.
    case io(message: String)
    /// The store holds data this version cannot read (or that fails its own checks).
    case corrupt(message: String)
}

public enum RosterRefusal: Error, Equatable, Sendable {
    case officerExists(nip: String)
    case unknownOfficer(nip: String)
    case roleAlreadyHeld(nip: String, grant: RoleGrant)
    case roleNotHeld(nip: String, grant: RoleGrant)
}

/// One version of a definition, exactly as loaded, identified by the SHA-256 of its bytes.
public struct DefinitionSnapshot: Sendable, Equatable {
    public var hash: String
    public var procedureID: ProcedureID
    public var version: String
    public var json: Data
    public init(hash: String, procedureID: ProcedureID, version: String, json: Data) {
        self.hash = hash; self.procedureID = procedureID; self.version = version; self.json = json
    }
}

/// One stored event of an instance. `payload` is the engine's JSON; the store does not read it.
public struct EventRecord: Sendable, Equatable {
    public var instanceID: InstanceID
    /// 1, 2, 3, ... per instance, without gaps.
    public var sequence: Int
    /// The event kind's stable name, e.g. `step-completed`.
    public var kind: String
    /// NIP of the officer who acted (nil for system events such as a deviation found by `sop check`).
    public var officerNIP: String?
    public var role: ActorID?
    /// When it happened (may be earlier than `recordedAt` for work recorded after the fact).
    public var occurredAt: Date
    /// When the store received it.
    public var recordedAt: Date
    public var payload: Data
    /// SHA-256 (hex) of this event's ``EventChain`` encoding, set by the store when it appends;
    /// nil on events not yet stored (and in a store without a digest).
    public var hash: String?
    /// The hash of the instance's previous event (``EventChain/genesis`` for the first), set with `hash`.
    public var previousHash: String?
    public init(instanceID: InstanceID, sequence: Int, kind: String, officerNIP: String?, role: ActorID?,
                occurredAt: Date, recordedAt: Date, payload: Data, hash: String? = nil, previousHash: String? = nil) {
        self.instanceID = instanceID; self.sequence = sequence; self.kind = kind; self.officerNIP = officerNIP
        self.role = role; self.occurredAt = occurredAt; self.recordedAt = recordedAt; self.payload = payload
        self.hash = hash; self.previousHash = previousHash
    }
}

/// The lifecycle of an instance. Raw values are the stable storage and JSON spelling.
public enum InstanceStatus: String, Sendable, Equatable, Codable, CaseIterable {
    case open
    case done
    case cancelled
}

/// A cached summary of an instance, rebuilt from its events and written with each commit.
public struct InstanceHeader: Sendable, Equatable {
    public var id: InstanceID
    public var procedureID: ProcedureID
    public var procedureVersion: String
    public var definitionHash: String
    public var agencyID: String
    public var title: String?
    public var status: InstanceStatus
    /// The active step while open.
    public var activeStep: StepID?
    /// The actor of the active step (so the inbox is one indexed query).
    public var activeActor: ActorID?
    /// When the active step became active.
    public var activeSince: Date?
    public var startedAt: Date
    public var updatedAt: Date
    public var lastSequence: Int
    public init(id: InstanceID, procedureID: ProcedureID, procedureVersion: String, definitionHash: String,
                agencyID: String, title: String?, status: InstanceStatus, activeStep: StepID?, activeActor: ActorID?,
                activeSince: Date?, startedAt: Date, updatedAt: Date, lastSequence: Int) {
        self.id = id; self.procedureID = procedureID; self.procedureVersion = procedureVersion
        self.definitionHash = definitionHash; self.agencyID = agencyID; self.title = title; self.status = status
        self.activeStep = activeStep; self.activeActor = activeActor; self.activeSince = activeSince
        self.startedAt = startedAt; self.updatedAt = updatedAt; self.lastSequence = lastSequence
    }
}

/// Which instances to list. Empty fields match everything.
public struct InstanceFilter: Sendable, Equatable {
    public var statuses: Set<InstanceStatus>
    public var procedureID: ProcedureID?
    public var agencyID: String?
    /// Only open instances whose active step belongs to one of these (agency, actor) grants.
    public var activeFor: [RoleGrant]?
    public init(statuses: Set<InstanceStatus> = [], procedureID: ProcedureID? = nil, agencyID: String? = nil,
                activeFor: [RoleGrant]? = nil) {
        self.statuses = statuses; self.procedureID = procedureID; self.agencyID = agencyID; self.activeFor = activeFor
    }
}

/// Everything one command writes for one instance.
public struct InstanceCommit: Sendable, Equatable {
    public var instanceID: InstanceID
    /// The last sequence the command saw (0 when starting a new instance).
    public var expectedSequence: Int
    public var events: [EventRecord]
    public var header: InstanceHeader
    public var evidence: [EvidenceBlob]
    /// The rows the reports read, computed by the core (``ReportProjection/changes(from:to:procedure:calendar:)``);
    /// the store writes them as given, in the same transaction.
    public var projection: ReportProjection
    public init(instanceID: InstanceID, expectedSequence: Int, events: [EventRecord], header: InstanceHeader,
                evidence: [EvidenceBlob] = [], projection: ReportProjection = ReportProjection()) {
        self.instanceID = instanceID; self.expectedSequence = expectedSequence; self.events = events
        self.header = header; self.evidence = evidence; self.projection = projection
    }
}

/// A file attached as evidence, stored once by its SHA-256.
public struct EvidenceBlob: Sendable, Equatable {
    public var sha256: String
    public var data: Data
    public init(sha256: String, data: Data) { self.sha256 = sha256; self.data = data }
}

/// A role an officer holds: an actor id within one agency.
public struct RoleGrant: Sendable, Equatable, Hashable, Codable, Comparable {
    public var agencyID: String
    public var role: ActorID
    public init(agencyID: String, role: ActorID) { self.agencyID = agencyID; self.role = role }
    public static func < (a: RoleGrant, b: RoleGrant) -> Bool {
        (a.agencyID, a.role.rawValue) < (b.agencyID, b.role.rawValue)
    }
}

/// A civil servant on the roster.
public struct Officer: Sendable, Equatable {
    public var nip: String
    public var name: String
    public var grants: [RoleGrant]
    public init(nip: String, name: String, grants: [RoleGrant] = []) {
        self.nip = nip; self.name = name; self.grants = grants
    }
    public func holds(_ role: ActorID, in agencyID: String) -> Bool {
        grants.contains(RoleGrant(agencyID: agencyID, role: role))
    }
}

/// A change to the roster; each is kept as a roster event.
public struct RosterChange: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case add(name: String)
        case grant(RoleGrant)
        case revoke(RoleGrant)
    }
    public var nip: String
    public var kind: Kind
    /// NIP of the officer who made the change, when known.
    public var by: String?
    public var at: Date
    public init(nip: String, kind: Kind, by: String?, at: Date) {
        self.nip = nip; self.kind = kind; self.by = by; self.at = at
    }
}

// MARK: - Rules every store applies the same way

/// How stores keep instants: whole milliseconds since 1970 UTC, rounded to the nearest.
///
/// Every store rounds the same way, so an instance reads back identically from memory or from SQLite
/// (a sub-millisecond part would otherwise survive in one and not the other).
public enum StoredTime {
    /// The instant as whole milliseconds since 1970; refuses a date that is not finite or out of range.
    public static func milliseconds(_ date: Date) throws(StoreError) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero)
        guard let milliseconds = Int64(exactly: value) else {
            throw .corrupt(message: "date \(date.timeIntervalSince1970) s since 1970 cannot be stored")
        }
        return milliseconds
    }

    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The date as a store will give it back.
    public static func normalized(_ date: Date) throws(StoreError) -> Date {
        Self.date(milliseconds: try milliseconds(date))
    }
}

extension InstanceCommit {
    /// Checks that the commit is consistent with itself, and returns it with its dates as a store keeps them.
    ///
    /// Refused (as ``StoreError/corrupt(message:)``, since writing it would corrupt the store): no events,
    /// an event or header for another instance, sequences that do not continue `expectedSequence` without
    /// a gap, or a header whose `lastSequence` is not the last event's. Any `hash`/`previousHash` given is dropped.
    public func checkedForStorage() throws(StoreError) -> InstanceCommit {
        guard expectedSequence >= 0 else {
            throw .corrupt(message: "commit for \(instanceID) expects a negative sequence \(expectedSequence)")
        }
        guard !events.isEmpty else {
            throw .corrupt(message: "commit for \(instanceID) carries no events")
        }
        guard header.id == instanceID else {
            throw .corrupt(message: "commit for \(instanceID) carries the header of \(header.id)")
        }
        var checked = self
        for (offset, event) in events.enumerated() {
            guard event.instanceID == instanceID else {
                throw .corrupt(message: "commit for \(instanceID) carries an event of \(event.instanceID)")
            }
            let expected = expectedSequence + 1 + offset
            guard event.sequence == expected else {
                throw .corrupt(message: "commit for \(instanceID): event sequence \(event.sequence) "
                    + "where \(expected) was due (sequences continue without gaps)")
            }
            checked.events[offset].occurredAt = try StoredTime.normalized(event.occurredAt)
            checked.events[offset].recordedAt = try StoredTime.normalized(event.recordedAt)
            // The store seals events itself; a seal offered by the caller is never trusted.
            checked.events[offset].hash = nil
            checked.events[offset].previousHash = nil
        }
        let last = expectedSequence + events.count
        guard header.lastSequence == last else {
            throw .corrupt(message: "commit for \(instanceID): header says last sequence "
                + "\(header.lastSequence), events end at \(last)")
        }
        checked.header.startedAt = try StoredTime.normalized(header.startedAt)
        checked.header.updatedAt = try StoredTime.normalized(header.updatedAt)
        if let since = header.activeSince {
            checked.header.activeSince = try StoredTime.normalized(since)
        }
        checked.projection = try projection.checked(for: instanceID)
        return checked
    }
}

extension ReportProjection {
    /// The projection with its dates as a store keeps them; rows of another instance are refused.
    public func checked(for instance: InstanceID) throws(StoreError) -> ReportProjection {
        var checked = self
        for index in checked.steps.indices {
            var record = checked.steps[index].record
            guard record.instance == instance else {
                throw .corrupt(message: "commit for \(instance) carries a step record of \(record.instance)")
            }
            record.activeSince = try StoredTime.normalized(record.activeSince)
            if let ended = record.endedAt { record.endedAt = try StoredTime.normalized(ended) }
            checked.steps[index].record = record
        }
        for index in checked.deviations.indices {
            var projected = checked.deviations[index]
            guard projected.deviation.instance == instance else {
                throw .corrupt(message: "commit for \(instance) carries a deviation of \(projected.deviation.instance)")
            }
            projected.instanceStartedAt = try StoredTime.normalized(projected.instanceStartedAt)
            projected.deviation.detectedAt = try StoredTime.normalized(projected.deviation.detectedAt)
            if let at = projected.deviation.account?.at { projected.deviation.account?.at = try StoredTime.normalized(at) }
            checked.deviations[index] = projected
        }
        return checked
    }
}
