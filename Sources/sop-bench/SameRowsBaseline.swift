import CSQLite
import Foundation
import SOPCore

/// The baseline of figure 1d: a C-API client committing, per transaction, exactly the rows a sop completion
/// commits, into a store with sop's schema: the event row, the instance row's update (which moves the
/// instance's inbox entry from one actor to the next) and the report row of the step that ended.
///
/// It replays, in order, the commits sop made on a store started identically, so both sides dirty the same
/// b-tree pages. It reads nothing, decides nothing and seals nothing (the seal columns get text of the size
/// sop writes): figure 1 against it shows how much of figure 1's gap is the engine and how much the rows.
final class SameRowsBaseline {
    private let connection: RawSQLiteConnection
    private let begin: OpaquePointer
    private let insertEvent: OpaquePointer
    private let updateHeader: OpaquePointer
    private let updateHeaderAndStatus: OpaquePointer
    private let insertStep: OpaquePointer
    private let commit: OpaquePointer
    /// A SHA-256 in hex has 64 characters; its value does not change which pages a commit writes.
    private static let seal = String(repeating: "ab", count: 32)
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens the store at `path`, which must already have sop's schema and the instances the replayed
    /// commits continue.
    init(path: String) throws {
        let connection = try RawSQLiteConnection(path: path, create: false, purpose: "same-rows baseline")
        self.connection = connection
        try connection.useProductionDurability()
        begin = try connection.prepare("BEGIN IMMEDIATE TRANSACTION")
        insertEvent = try connection.prepare("""
            INSERT INTO events(instance_id, sequence, kind, officer_nip, role, occurred_at, recorded_at, payload,
                               hash, previous_hash)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        // The columns sop's own header update names (see SQLiteEventStore.updateHeader): `status` only when
        // it changes, so the same indexes are rewritten.
        updateHeader = try connection.prepare("""
            UPDATE instances SET title = ?2, active_step = ?3, active_actor = ?4, active_since = ?5, updated_at = ?6,
                                 last_sequence = ?7
            WHERE id = ?1 AND last_sequence = ?8
            """)
        updateHeaderAndStatus = try connection.prepare("""
            UPDATE instances SET title = ?2, active_step = ?3, active_actor = ?4, active_since = ?5, updated_at = ?6,
                                 last_sequence = ?7, status = ?9
            WHERE id = ?1 AND last_sequence = ?8
            """)
        insertStep = try connection.prepare("""
            INSERT INTO step_records(procedure_id, step, limit_minutes, end_kind, minutes_taken, active_since,
                                     instance_id, occurrence, agency_id, actor, officer_nip, ended_at, covered)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """)
        commit = try connection.prepare("COMMIT TRANSACTION")
    }

    deinit {
        for statement in [begin, insertEvent, updateHeader, updateHeaderAndStatus, insertStep, commit] {
            sqlite3_finalize(statement)
        }
        connection.close()
    }

    /// Commits `instanceCommit`'s rows in one durable transaction, as sop wrote them on its own store.
    func replay(_ instanceCommit: InstanceCommit) throws {
        guard instanceCommit.expectedSequence > 0, instanceCommit.evidence.isEmpty,
              instanceCommit.projection.deviations.isEmpty else {
            throw BenchError("same-rows baseline: only replays completions of started instances with no evidence files or deviations")
        }
        try run(begin, "BEGIN")
        do {
            try write(instanceCommit)
            try run(commit, "COMMIT")
        } catch {
            sqlite3_exec(connection.db, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    private func write(_ instanceCommit: InstanceCommit) throws {
        let id = instanceCommit.instanceID.rawValue
        for event in instanceCommit.events {
            bind(insertEvent, [.text(id), .int(Int64(event.sequence)), .text(event.kind), .text(event.officerNIP),
                               .text(event.role?.rawValue), .int(try StoredTime.milliseconds(event.occurredAt)),
                               .int(try StoredTime.milliseconds(event.recordedAt)), .blob(event.payload),
                               .text(Self.seal), .text(Self.seal)])
            try run(insertEvent, "INSERT INTO events")
        }
        let header = instanceCommit.header
        let statusChanges = header.status != .open
        let update = statusChanges ? updateHeaderAndStatus : updateHeader
        bind(update, [.text(id), .text(header.title), .text(header.activeStep?.rawValue), .text(header.activeActor?.rawValue),
                      .optionalInt(try header.activeSince.map { date throws(StoreError) in try StoredTime.milliseconds(date) }),
                      .int(try StoredTime.milliseconds(header.updatedAt)), .int(Int64(header.lastSequence)),
                      .int(Int64(instanceCommit.expectedSequence))]
             + (statusChanges ? [.text(header.status.rawValue)] : []))
        try run(update, "UPDATE instances")
        guard sqlite3_changes(connection.db) == 1 else {
            throw BenchError("same-rows baseline: \(id) is not at sequence \(instanceCommit.expectedSequence); replay out of order")
        }
        for projected in instanceCommit.projection.steps {
            let r = projected.record
            bind(insertStep, [.text(r.procedureID.rawValue), .text(r.step.rawValue), .int(Int64(r.limitMinutes)),
                              .int(Int64(r.end.rawValue)), .int(Int64(r.minutesTaken)),
                              .int(try StoredTime.milliseconds(r.activeSince)), .text(r.instance.rawValue),
                              .int(Int64(r.occurrence)), .text(r.agencyID), .text(r.actor.rawValue), .text(r.officerNIP),
                              .int(try StoredTime.milliseconds(r.endedAt ?? r.activeSince)), .int(projected.covered ? 1 : 0)])
            try run(insertStep, "INSERT INTO step_records")
        }
    }

    private enum Value {
        case text(String?)
        case int(Int64)
        case optionalInt(Int64?)
        case blob(Data)
    }

    /// Binds `values` as ?1, ?2, ... (SQLite copies them: the Swift buffers only live for the call).
    private func bind(_ statement: OpaquePointer, _ values: [Value]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text?): sqlite3_bind_text(statement, index, text, -1, Self.transient)
            case .text(nil), .optionalInt(nil): sqlite3_bind_null(statement, index)
            case .int(let number), .optionalInt(let number?): sqlite3_bind_int64(statement, index, number)
            case .blob(let data):
                data.withUnsafeBytes { buffer in
                    _ = sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
                }
            }
        }
    }

    private func run(_ statement: OpaquePointer, _ what: String) throws {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        guard sqlite3_step(statement) == SQLITE_DONE else { throw connection.failure(what) }
    }
}
