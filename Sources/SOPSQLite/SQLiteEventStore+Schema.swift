import SOPCore

extension SQLiteEventStore {
    /// Every schema change, in order. Never edit a shipped migration: append a new one.
    ///
    /// Dates are INTEGER milliseconds since 1970 UTC (see `StoredTime`); payloads and documents are BLOBs
    /// the store never parses.
    static let migrations: [(id: String, sql: String)] = [
        (id: "0001-event-store", sql: """
            CREATE TABLE definitions (
                hash TEXT PRIMARY KEY NOT NULL,
                procedure_id TEXT NOT NULL,
                version TEXT NOT NULL,
                json BLOB NOT NULL
            );
            CREATE INDEX definitions_by_procedure ON definitions(procedure_id, version);

            CREATE TABLE instances (
                id TEXT PRIMARY KEY NOT NULL,
                procedure_id TEXT NOT NULL,
                procedure_version TEXT NOT NULL,
                definition_hash TEXT NOT NULL REFERENCES definitions(hash),
                agency_id TEXT NOT NULL,
                title TEXT,
                status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
                active_step TEXT,
                active_actor TEXT,
                active_since INTEGER,
                started_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                last_sequence INTEGER NOT NULL CHECK (last_sequence >= 0)
            );
            CREATE INDEX instances_by_start ON instances(started_at, id);
            CREATE INDEX instances_by_status ON instances(status, started_at, id);
            CREATE INDEX instances_by_procedure ON instances(procedure_id, started_at, id);
            CREATE INDEX instances_by_agency ON instances(agency_id, started_at, id);
            -- The inbox: open instances waiting on one (agency, actor).
            CREATE INDEX instances_inbox ON instances(agency_id, active_actor, started_at, id)
                WHERE status = 'open';

            CREATE TABLE events (
                instance_id TEXT NOT NULL REFERENCES instances(id),
                sequence INTEGER NOT NULL CHECK (sequence >= 1),
                kind TEXT NOT NULL,
                officer_nip TEXT,
                role TEXT,
                occurred_at INTEGER NOT NULL,
                recorded_at INTEGER NOT NULL,
                payload BLOB NOT NULL,
                PRIMARY KEY (instance_id, sequence)
            );

            CREATE TABLE evidence (
                sha256 TEXT PRIMARY KEY NOT NULL,
                data BLOB NOT NULL,
                size INTEGER NOT NULL
            );

            CREATE TABLE officers (
                nip TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL
            );

            CREATE TABLE grants (
                nip TEXT NOT NULL REFERENCES officers(nip),
                agency_id TEXT NOT NULL,
                role TEXT NOT NULL,
                PRIMARY KEY (nip, agency_id, role)
            ) WITHOUT ROWID;

            CREATE TABLE roster_events (
                id INTEGER PRIMARY KEY,
                nip TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('add', 'grant', 'revoke')),
                agency_id TEXT,
                role TEXT,
                name TEXT,
                by_nip TEXT,
                at INTEGER NOT NULL
            );
            """),
        // The hash chain (see `EventChain`); events already stored are sealed by the follow-up below.
        (id: "0002-event-chain", sql: """
            ALTER TABLE events ADD COLUMN hash TEXT;
            ALTER TABLE events ADD COLUMN previous_hash TEXT;
            """),
        // Events are append-only for sop itself; tampering now needs to drop these first (and the chain shows it).
        (id: "0003-events-append-only", sql: """
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
            """),
        // The reports' projection, written with each commit (see SQLiteEventStore+Reports.swift).
        (id: "0004-report-projection", sql: projectionMigration),
        // The SLA report's histogram kept as a table, so the whole report need not scan every ended step.
        (id: "0005-step-histogram", sql: stepHistogramMigration),
    ]

    /// Migration work that SQL cannot do, by migration id; runs in the migration's own transaction.
    static let migrationFollowUps: [String: SQLiteMigrator.FollowUp] = [
        "0002-event-chain": { connection in try sealExistingEvents(connection) },
    ]

    /// Seals every event stored before the chain existed, instance by instance in sequence order.
    private static func sealExistingEvents(_ connection: SQLiteConnection) throws {
        var ids: [String] = []
        try connection.prepare("SELECT DISTINCT instance_id FROM events ORDER BY instance_id").forEachRow { row in
            if let id = row.text(0) { ids.append(id) }
        }
        let update = try connection.prepare(
            "UPDATE events SET hash = ?1, previous_hash = ?2 WHERE instance_id = ?3 AND sequence = ?4")
        for id in ids {
            let events = try eventRecords(of: InstanceID(id), connection: connection)
            for event in try EventChain.seal(events, after: EventChain.genesis, digest: EventChain.sha256) {
                try update.run([.optionalText(event.hash), .optionalText(event.previousHash), .text(id), .int(event.sequence)])
            }
        }
    }
}
