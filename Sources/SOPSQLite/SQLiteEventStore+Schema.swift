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
    ]
}
