import Foundation
import SOPCore

extension SQLiteEventStore {
    // MARK: Definitions

    public func saveDefinition(_ snapshot: DefinitionSnapshot) throws(StoreError) {
        try write {
            try connection.cached("""
                INSERT INTO definitions(hash, procedure_id, version, json) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT(hash) DO NOTHING
                """).run([.text(snapshot.hash), .text(snapshot.procedureID.rawValue), .text(snapshot.version),
                          .blob(snapshot.json)])
        }
    }

    public func definition(hash: String) throws(StoreError) -> DefinitionSnapshot? {
        try perform {
            var found: DefinitionSnapshot?
            try connection.cached("SELECT hash, procedure_id, version, json FROM definitions WHERE hash = ?1")
                .forEachRow([.text(hash)]) { row in
                    found = DefinitionSnapshot(hash: try row.required(0, "definitions.hash"),
                                               procedureID: ProcedureID(try row.required(1, "definitions.procedure_id")),
                                               version: try row.required(2, "definitions.version"),
                                               json: row.blob(3))
                }
            return found
        }
    }

    // MARK: Appending

    public func append(_ commit: InstanceCommit) throws(StoreError) {
        try appendBatch([commit])
    }

    public func appendBatch(_ commits: [InstanceCommit]) throws(StoreError) {
        var checked: [InstanceCommit] = []
        for commit in commits { checked.append(try commit.checkedForStorage()) }
        try write {
            for commit in checked { try insert(commit) }
        }
    }

    /// Writes one checked commit; runs inside the caller's write transaction.
    private func insert(_ commit: InstanceCommit) throws {
        let id = commit.instanceID.rawValue
        if commit.expectedSequence > 0, try updateHeader(commit) {
            // The header moved on in place; the same definition check as the full path.
            try requireDefinition(of: commit)
        } else {
            try upsertHeader(commit)
        }

        let insertEvent = try connection.cached("""
            INSERT INTO events(instance_id, sequence, kind, officer_nip, role, occurred_at, recorded_at, payload,
                               hash, previous_hash)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        let sealed = try EventChain.seal(commit.events, after: try chainHead(of: commit), digest: EventChain.sha256)
        for event in sealed {
            try insertEvent.run([
                .text(id), .int(event.sequence), .text(event.kind), .optionalText(event.officerNIP),
                .optionalText(event.role?.rawValue), .integer(try StoredTime.milliseconds(event.occurredAt)),
                .integer(try StoredTime.milliseconds(event.recordedAt)), .blob(event.payload),
                .optionalText(event.hash), .optionalText(event.previousHash),
            ])
        }

        let insertEvidence = try connection.cached("""
            INSERT INTO evidence(sha256, data, size) VALUES (?1, ?2, ?3) ON CONFLICT(sha256) DO NOTHING
            """)
        for blob in commit.evidence {
            try insertEvidence.run([.text(blob.sha256), .blob(blob.data), .int(blob.data.count)])
        }
        try insertProjection(commit.projection)
    }

    /// The fast path of a commit to an existing instance: an UPDATE that checks the expected sequence
    /// (optimistic concurrency) and that the header's fixed columns are the stored ones, and writes only
    /// the columns a command can change, so SQLite leaves the indexes on the fixed columns alone
    /// (measured by `sop-bench`, figure 1: see BENCHMARKS.md).
    ///
    /// SQLite rewrites an index whenever the UPDATE names one of its columns, changed or not, and nearly every
    /// command leaves the status as it was (only completing the last step and cancelling change it): so the
    /// first UPDATE does not name `status` and matches only when it is unchanged, which spares
    /// `instances_by_status`; otherwise the second one writes it.
    ///
    /// False when no row matched (a conflict, a missing instance, or a header that would change a fixed
    /// column): the caller then takes ``upsertHeader(_:)``, which refuses or writes exactly as before.
    private func updateHeader(_ commit: InstanceCommit) throws -> Bool {
        let values = try headerValues(commit) + [.int(commit.expectedSequence)]
        try connection.cached("""
            UPDATE instances SET title = ?6, active_step = ?8, active_actor = ?9, active_since = ?10,
                                 updated_at = ?12, last_sequence = ?13
            WHERE id = ?1 AND last_sequence = ?14 AND procedure_id = ?2 AND procedure_version = ?3
              AND definition_hash = ?4 AND agency_id = ?5 AND started_at = ?11 AND status = ?7
            """).run(values)
        if connection.changes == 1 { return true }
        try connection.cached("""
            UPDATE instances SET title = ?6, status = ?7, active_step = ?8, active_actor = ?9, active_since = ?10,
                                 updated_at = ?12, last_sequence = ?13
            WHERE id = ?1 AND last_sequence = ?14 AND procedure_id = ?2 AND procedure_version = ?3
              AND definition_hash = ?4 AND agency_id = ?5 AND started_at = ?11
            """).run(values)
        return connection.changes == 1
    }

    /// Checks the expected sequence, then inserts or overwrites the whole header.
    private func upsertHeader(_ commit: InstanceCommit) throws {
        var actual = 0
        try connection.cached("SELECT last_sequence FROM instances WHERE id = ?1")
            .forEachRow([.text(commit.instanceID.rawValue)]) { row in actual = Int(row.int64(0)) }
        guard actual == commit.expectedSequence else {
            throw StoreError.conflict(instance: commit.instanceID, expected: commit.expectedSequence, actual: actual)
        }
        try requireDefinition(of: commit)
        try connection.cached("""
            INSERT INTO instances(id, procedure_id, procedure_version, definition_hash, agency_id, title, status,
                                  active_step, active_actor, active_since, started_at, updated_at, last_sequence)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            ON CONFLICT(id) DO UPDATE SET
                procedure_id = excluded.procedure_id, procedure_version = excluded.procedure_version,
                definition_hash = excluded.definition_hash, agency_id = excluded.agency_id, title = excluded.title,
                status = excluded.status, active_step = excluded.active_step, active_actor = excluded.active_actor,
                active_since = excluded.active_since, started_at = excluded.started_at,
                updated_at = excluded.updated_at, last_sequence = excluded.last_sequence
            """).run(try headerValues(commit))
    }

    /// The header's columns bound as ?1...?13, in the order of the instances table.
    private func headerValues(_ commit: InstanceCommit) throws -> [SQLiteValue] {
        let header = commit.header
        return [
            .text(commit.instanceID.rawValue), .text(header.procedureID.rawValue), .text(header.procedureVersion),
            .text(header.definitionHash), .text(header.agencyID), .optionalText(header.title),
            .text(header.status.rawValue), .optionalText(header.activeStep?.rawValue),
            .optionalText(header.activeActor?.rawValue),
            .optionalInteger(try header.activeSince.map { date throws(StoreError) in try StoredTime.milliseconds(date) }),
            .integer(try StoredTime.milliseconds(header.startedAt)),
            .integer(try StoredTime.milliseconds(header.updatedAt)), .int(header.lastSequence),
        ]
    }

    /// Refuses a commit whose header names a definition the store does not hold.
    private func requireDefinition(of commit: InstanceCommit) throws {
        var definitionExists = false
        try connection.cached("SELECT 1 FROM definitions WHERE hash = ?1")
            .forEachRow([.text(commit.header.definitionHash)]) { _ in definitionExists = true }
        guard definitionExists else {
            throw StoreError.corrupt(message: "commit for \(commit.instanceID) names definition "
                + "\(commit.header.definitionHash), which is not stored")
        }
    }

    /// The seal of the event the commit continues (``EventChain/genesis`` for a new instance).
    ///
    /// A previous event without a seal was not written by sop: appending is refused rather than
    /// chaining onto it, and `sop audit verify` names it.
    private func chainHead(of commit: InstanceCommit) throws -> String {
        guard commit.expectedSequence > 0 else { return EventChain.genesis }
        var head: String?
        try connection.cached("SELECT hash FROM events WHERE instance_id = ?1 AND sequence = ?2")
            .forEachRow([.text(commit.instanceID.rawValue), .int(commit.expectedSequence)]) { row in head = row.text(0) }
        guard let head else {
            throw StoreError.corrupt(message: "event \(commit.expectedSequence) of \(commit.instanceID) is missing or unsealed; "
                + "run 'sop audit verify \(commit.instanceID)'")
        }
        return head
    }

    // MARK: Reading instances

    public func events(of instance: InstanceID) throws(StoreError) -> [EventRecord] {
        try perform { try Self.eventRecords(of: instance, connection: connection) }
    }

    /// An instance's events as stored, in sequence order, with their seals.
    static func eventRecords(of instance: InstanceID, connection: SQLiteConnection) throws -> [EventRecord] {
        var events: [EventRecord] = []
        try connection.cached("""
            SELECT sequence, kind, officer_nip, role, occurred_at, recorded_at, payload, hash, previous_hash
            FROM events WHERE instance_id = ?1 ORDER BY sequence
            """).forEachRow([.text(instance.rawValue)]) { row in
                events.append(EventRecord(
                    instanceID: instance, sequence: Int(row.int64(0)), kind: try row.required(1, "events.kind"),
                    officerNIP: row.text(2), role: row.text(3).map(ActorID.init),
                    occurredAt: StoredTime.date(milliseconds: row.int64(4)),
                    recordedAt: StoredTime.date(milliseconds: row.int64(5)), payload: row.blob(6),
                    hash: row.text(7), previousHash: row.text(8)))
            }
        return events
    }

    static let headerColumns = """
        id, procedure_id, procedure_version, definition_hash, agency_id, title, status,
        active_step, active_actor, active_since, started_at, updated_at, last_sequence
        """

    /// Built once: interpolating it on every call cost more than the lookup it names.
    private static let selectHeaderByID = "SELECT \(headerColumns) FROM instances WHERE id = ?1"

    public func header(of instance: InstanceID) throws(StoreError) -> InstanceHeader? {
        try perform {
            var header: InstanceHeader?
            try connection.cached(Self.selectHeaderByID)
                .forEachRow([.text(instance.rawValue)]) { row in header = try Self.header(from: row) }
            return header
        }
    }

    public func headers(matching filter: InstanceFilter) throws(StoreError) -> [InstanceHeader] {
        guard let (whereClause, values) = Self.whereClause(for: filter) else { return [] }
        let sql = "SELECT \(Self.headerColumns) FROM instances\(whereClause) ORDER BY started_at, id"
        return try perform {
            var headers: [InstanceHeader] = []
            try connection.cached(sql).forEachRow(values) { row in headers.append(try Self.header(from: row)) }
            return headers
        }
    }

    /// The WHERE clause for `filter` (with its leading " WHERE ", or empty) and the values it binds: only
    /// placeholders are assembled into the SQL. Nil when the filter can match nothing (an empty `activeFor`).
    static func whereClause(for filter: InstanceFilter) -> (sql: String, values: [SQLiteValue])? {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        func placeholder(_ value: SQLiteValue) -> String {
            values.append(value)
            return "?\(values.count)"
        }
        if !filter.statuses.isEmpty {
            let list = filter.statuses.map(\.rawValue).sorted().map { placeholder(.text($0)) }
            conditions.append("status IN (\(list.joined(separator: ", ")))")
        }
        if let procedure = filter.procedureID {
            conditions.append("procedure_id = \(placeholder(.text(procedure.rawValue)))")
        }
        if let agency = filter.agencyID {
            conditions.append("agency_id = \(placeholder(.text(agency)))")
        }
        if let grants = filter.activeFor {
            let unique = Set(grants).sorted()
            guard !unique.isEmpty else { return nil }
            let pairs = unique.map { "(\(placeholder(.text($0.agencyID))), \(placeholder(.text($0.role.rawValue))))" }
            conditions.append("status = 'open'")
            conditions.append("(agency_id, active_actor) IN (VALUES \(pairs.joined(separator: ", ")))")
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), values)
    }

    public func instanceCount() throws(StoreError) -> Int {
        try perform {
            var count = 0
            try connection.cached("SELECT count(*) FROM instances").forEachRow { row in count = Int(row.int64(0)) }
            return count
        }
    }

    static func header(from row: SQLiteStatement) throws -> InstanceHeader {
        let statusText: String = try row.required(6, "instances.status")
        guard let status = InstanceStatus(rawValue: statusText) else {
            throw StoreError.corrupt(message: "instances.status holds unknown status '\(statusText)'")
        }
        return InstanceHeader(
            id: InstanceID(try row.required(0, "instances.id")),
            procedureID: ProcedureID(try row.required(1, "instances.procedure_id")),
            procedureVersion: try row.required(2, "instances.procedure_version"),
            definitionHash: try row.required(3, "instances.definition_hash"),
            agencyID: try row.required(4, "instances.agency_id"),
            title: row.text(5), status: status,
            activeStep: row.text(7).map(StepID.init), activeActor: row.text(8).map(ActorID.init),
            activeSince: row.optionalInt64(9).map(StoredTime.date(milliseconds:)),
            startedAt: StoredTime.date(milliseconds: row.int64(10)),
            updatedAt: StoredTime.date(milliseconds: row.int64(11)),
            lastSequence: Int(row.int64(12)))
    }

    // MARK: Evidence

    public func evidence(sha256: String) throws(StoreError) -> EvidenceBlob? {
        try perform {
            var blob: EvidenceBlob?
            try connection.cached("SELECT data FROM evidence WHERE sha256 = ?1").forEachRow([.text(sha256)]) { row in
                blob = EvidenceBlob(sha256: sha256, data: row.blob(0))
            }
            return blob
        }
    }
}

extension SQLiteStatement {
    /// A text column the schema declares NOT NULL; a NULL there means the file was changed behind our back.
    func required(_ column: Int32, _ name: String) throws(StoreError) -> String {
        guard let value = text(column) else { throw .corrupt(message: "\(name) is NULL") }
        return value
    }
}
