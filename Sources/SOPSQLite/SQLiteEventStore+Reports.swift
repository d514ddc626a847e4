import Foundation
import SOPCore

/// The reports' projection (`step_records`, `deviation_records`, migration 0004): rows the core computes
/// for each commit, written in the commit's transaction and read back aggregated by SQL.
extension SQLiteEventStore {
    static let projectionMigration = """
        -- Ended step activations, clustered in the SLA report's GROUP BY order so it streams without a sort.
        CREATE TABLE step_records (
            procedure_id TEXT NOT NULL,
            step TEXT NOT NULL,
            limit_minutes INTEGER NOT NULL,
            end_kind INTEGER NOT NULL,
            minutes_taken INTEGER NOT NULL,
            active_since INTEGER NOT NULL,
            instance_id TEXT NOT NULL,
            occurrence INTEGER NOT NULL,
            agency_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            officer_nip TEXT,
            ended_at INTEGER NOT NULL,
            covered INTEGER NOT NULL,
            PRIMARY KEY (procedure_id, step, limit_minutes, end_kind, minutes_taken, active_since, instance_id, occurrence)
        ) WITHOUT ROWID;
        -- Recorded deviations, in the deviation report's order (instances oldest first, then recorded order).
        CREATE TABLE deviation_records (
            instance_started_at INTEGER NOT NULL,
            instance_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            procedure_id TEXT NOT NULL,
            agency_id TEXT NOT NULL,
            step TEXT,
            occurrence INTEGER,
            actor TEXT,
            answerable_nip TEXT,
            answerable_name TEXT,
            answerable_role TEXT NOT NULL,
            account_required INTEGER NOT NULL,
            detected_at INTEGER NOT NULL,
            minutes_over INTEGER,
            limit_minutes INTEGER,
            missing_items TEXT NOT NULL,
            not_run_cause TEXT,
            account_nip TEXT,
            account_name TEXT,
            account_role TEXT,
            account_reason TEXT,
            account_at INTEGER,
            account_sequence INTEGER,
            PRIMARY KEY (instance_started_at, instance_id, ordinal)
        ) WITHOUT ROWID;
        -- The deviation report's counts, in its GROUP BY order: a covering scan with no sort.
        CREATE INDEX deviation_records_counts ON deviation_records(
            kind, severity, account_required, answerable_nip, answerable_name, answerable_role, account_nip);
        -- Instances stored before the projection existed: `sop` projects them from their events (it needs the
        -- calendars, which live beside the definitions, not in the store) the next time a report runs.
        CREATE TABLE report_backfill (instance_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
        INSERT INTO report_backfill(instance_id) SELECT id FROM instances;
        """

    /// The SLA report's histogram (``stepHistogram(_:)``) kept up to date by triggers on `step_records`, so
    /// every path that writes or removes step records (commits, the backfill's replacement, a hand-run SQL
    /// statement) keeps it exact. Without it the unfiltered report scanned every ended step (3.7 M rows at
    /// 1 M instances) and its cost followed the machine's caches (BENCHMARKS.md, "Eighth round"); with it, that
    /// report reads one row per distinct duration. Reports filtered by period, agency, actor or officer still
    /// aggregate `step_records`.
    static let stepHistogramMigration = """
        CREATE TABLE step_histogram (
            procedure_id TEXT NOT NULL,
            step TEXT NOT NULL,
            limit_minutes INTEGER NOT NULL,
            end_kind INTEGER NOT NULL,
            minutes_taken INTEGER NOT NULL,
            count INTEGER NOT NULL CHECK (count > 0),
            uncovered INTEGER NOT NULL CHECK (uncovered >= 0),
            PRIMARY KEY (procedure_id, step, limit_minutes, end_kind, minutes_taken)
        ) WITHOUT ROWID;
        INSERT INTO step_histogram
            SELECT procedure_id, step, limit_minutes, end_kind, minutes_taken, count(*), sum(covered = 0)
            FROM step_records GROUP BY procedure_id, step, limit_minutes, end_kind, minutes_taken;
        CREATE TRIGGER step_records_counted AFTER INSERT ON step_records BEGIN
            INSERT INTO step_histogram(procedure_id, step, limit_minutes, end_kind, minutes_taken, count, uncovered)
                VALUES (NEW.procedure_id, NEW.step, NEW.limit_minutes, NEW.end_kind, NEW.minutes_taken, 1, NEW.covered = 0)
                ON CONFLICT(procedure_id, step, limit_minutes, end_kind, minutes_taken)
                DO UPDATE SET count = count + 1, uncovered = uncovered + excluded.uncovered;
        END;
        CREATE TRIGGER step_records_uncounted AFTER DELETE ON step_records BEGIN
            DELETE FROM step_histogram
                WHERE procedure_id = OLD.procedure_id AND step = OLD.step AND limit_minutes = OLD.limit_minutes
                  AND end_kind = OLD.end_kind AND minutes_taken = OLD.minutes_taken AND count = 1;
            UPDATE step_histogram SET count = count - 1, uncovered = uncovered - (OLD.covered = 0)
                WHERE procedure_id = OLD.procedure_id AND step = OLD.step AND limit_minutes = OLD.limit_minutes
                  AND end_kind = OLD.end_kind AND minutes_taken = OLD.minutes_taken;
        END;
        CREATE TRIGGER step_records_unchanged BEFORE UPDATE ON step_records
            BEGIN SELECT RAISE(ABORT, 'step records are rewritten by DELETE and INSERT, never UPDATE'); END;
        """

    /// Writes a checked commit's projection rows; runs inside the caller's write transaction.
    func insertProjection(_ projection: ReportProjection) throws {
        if !projection.steps.isEmpty {
            let insertStep = try connection.cached("""
                INSERT INTO step_records(procedure_id, step, limit_minutes, end_kind, minutes_taken, active_since,
                                         instance_id, occurrence, agency_id, actor, officer_nip, ended_at, covered)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                """)
            for step in projection.steps {
                let r = step.record
                try insertStep.run([
                    .text(r.procedureID.rawValue), .text(r.step.rawValue), .int(r.limitMinutes), .int(Int(r.end.rawValue)),
                    .int(r.minutesTaken), .integer(try StoredTime.milliseconds(r.activeSince)), .text(r.instance.rawValue),
                    .int(r.occurrence), .text(r.agencyID), .text(r.actor.rawValue), .optionalText(r.officerNIP),
                    .integer(try StoredTime.milliseconds(r.endedAt ?? r.activeSince)), .int(step.covered ? 1 : 0),
                ])
            }
        }
        if !projection.deviations.isEmpty {
            let upsert = try connection.cached("""
                INSERT OR REPLACE INTO deviation_records(
                    instance_started_at, instance_id, ordinal, id, kind, severity, procedure_id, agency_id, step, occurrence,
                    actor, answerable_nip, answerable_name, answerable_role, account_required, detected_at, minutes_over,
                    limit_minutes, missing_items, not_run_cause, account_nip, account_name, account_role, account_reason,
                    account_at, account_sequence)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                        ?21, ?22, ?23, ?24, ?25, ?26)
                """)
            for projected in projection.deviations {
                let d = projected.deviation
                try upsert.run([
                    .integer(try StoredTime.milliseconds(projected.instanceStartedAt)), .text(d.instance.rawValue),
                    .int(projected.ordinal), .text(d.id.rawValue), .text(d.kind.rawValue), .text(d.severity.rawValue),
                    .text(d.procedureID.rawValue), .text(d.agencyID), .optionalText(d.step?.rawValue),
                    .optionalInteger(d.occurrence.map(Int64.init)), .optionalText(d.actor?.rawValue),
                    .optionalText(d.answerable?.nip), .optionalText(d.answerable?.name), .text(d.answerableRole.rawValue),
                    .int(d.accountRequired ? 1 : 0), .integer(try StoredTime.milliseconds(d.detectedAt)),
                    .optionalInteger(d.minutesOver.map(Int64.init)), .optionalInteger(d.limitMinutes.map(Int64.init)),
                    .text(d.missingItems.map(\.rawValue).joinedText(separator: "\n")), .optionalText(d.notRunCause?.rawValue),
                    .optionalText(d.account?.by.nip), .optionalText(d.account?.by.name), .optionalText(d.account?.role.rawValue),
                    .optionalText(d.account?.reason),
                    .optionalInteger(try d.account.map { account throws(StoreError) in try StoredTime.milliseconds(account.at) }),
                    .optionalInteger(d.account.map { Int64($0.sequence) }),
                ])
            }
        }
    }

    /// The WHERE clause of a projection query over a table whose time column is `time`; values appended to `values`.
    private static func conditions(_ query: ProjectionQuery, time: String, officer: String,
                                   values: inout [SQLiteValue]) -> String {
        var conditions: [String] = []
        func placeholder(_ value: SQLiteValue) -> String {
            values.append(value)
            return "?\(values.count)"
        }
        if let periods = query.periods {
            let parts = periods.sorted { $0.key < $1.key }.map { procedure, period -> String in
                var part = ["procedure_id = \(placeholder(.text(procedure.rawValue)))"]
                if let from = period.from, let ms = try? StoredTime.milliseconds(from) {
                    part.append("\(time) >= \(placeholder(.integer(ms)))")
                }
                if let to = period.to, let ms = try? StoredTime.milliseconds(to) {
                    part.append("\(time) < \(placeholder(.integer(ms)))")
                }
                return "(" + part.joined(separator: " AND ") + ")"
            }
            conditions.append(parts.isEmpty ? "0" : "(" + parts.joined(separator: " OR ") + ")")
        }
        if let procedure = query.procedureID { conditions.append("procedure_id = \(placeholder(.text(procedure.rawValue)))") }
        if let agency = query.agencyID { conditions.append("agency_id = \(placeholder(.text(agency)))") }
        if let step = query.step { conditions.append("step = \(placeholder(.text(step.rawValue)))") }
        if let actor = query.actor { conditions.append("actor = \(placeholder(.text(actor.rawValue)))") }
        if let nip = query.officerNIP { conditions.append("\(officer) = \(placeholder(.text(nip)))") }
        return conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    public func stepHistogram(_ query: ProjectionQuery) throws(StoreError) -> [StepHistogramRow] {
        var values: [SQLiteValue] = []
        let whereClause = Self.conditions(query, time: "active_since", officer: "officer_nip", values: &values)
        // Procedure and step are the stored histogram's leading key; any other criterion needs the step records.
        let sql = query.periods == nil && query.agencyID == nil && query.actor == nil && query.officerNIP == nil
            ? """
                SELECT procedure_id, step, limit_minutes, end_kind, minutes_taken, count, uncovered = 0
                FROM step_histogram\(whereClause)
                ORDER BY procedure_id, step, limit_minutes, end_kind, minutes_taken
                """
            : """
                SELECT procedure_id, step, limit_minutes, end_kind, minutes_taken, count(*), min(covered)
                FROM step_records\(whereClause)
                GROUP BY procedure_id, step, limit_minutes, end_kind, minutes_taken
                """
        return try perform {
            var rows: [StepHistogramRow] = []
            try connection.prepare(sql).forEachRow(values) { row in
                let code = row.int64(3)
                guard let end = UInt8(exactly: code).flatMap(StepRecord.End.init(rawValue:)) else {
                    throw StoreError.corrupt(message: "step_records.end_kind holds unknown value \(code)")
                }
                rows.append(StepHistogramRow(
                    procedureID: ProcedureID(try row.required(0, "step_records.procedure_id")),
                    step: StepID(try row.required(1, "step_records.step")), limitMinutes: Int(row.int64(2)), end: end,
                    minutesTaken: Int(row.int64(4)), count: Int(row.int64(5)), uncovered: row.int64(6) == 0))
            }
            return rows
        }
    }

    public func definitionHashes() throws(StoreError) -> [String] {
        try perform {
            var hashes: [String] = []
            try connection.cached("SELECT hash FROM definitions ORDER BY rowid").forEachRow { row in
                if let hash = row.text(0) { hashes.append(hash) }
            }
            return hashes
        }
    }

    public func forEachOpenHeader(matching filter: InstanceFilter, _ body: (InstanceHeader) -> Void) throws(StoreError) {
        var open = filter
        open.statuses = [.open]
        guard let (whereClause, values) = Self.whereClause(for: open) else { return }
        let sql = "SELECT \(Self.headerColumns) FROM instances\(whereClause) ORDER BY started_at, id"
        try perform {
            try connection.prepare(sql).forEachRow(values) { row in body(try Self.header(from: row)) }
        }
    }

    public func instanceCount(matching filter: InstanceFilter) throws(StoreError) -> Int {
        var counted = filter
        counted.activeFor = nil  // as the protocol says: statuses, procedure and agency only
        guard let (whereClause, values) = Self.whereClause(for: counted) else { return 0 }
        return try perform {
            var count = 0
            try connection.prepare("SELECT count(*) FROM instances\(whereClause)").forEachRow(values) { row in
                count = Int(row.int64(0))
            }
            return count
        }
    }

    public func deviationCounts(_ query: ProjectionQuery) throws(StoreError) -> [DeviationCountRow] {
        var values: [SQLiteValue] = []
        let whereClause = Self.conditions(query, time: "detected_at", officer: "answerable_nip", values: &values)
        let sql = """
            SELECT kind, severity, account_required, account_nip IS NOT NULL, answerable_nip, answerable_name,
                   answerable_role, count(*)
            FROM deviation_records\(whereClause)
            GROUP BY kind, severity, account_required, answerable_nip, answerable_name, answerable_role, account_nip
            """
        return try perform {
            var rows: [DeviationCountRow] = []
            try connection.prepare(sql).forEachRow(values) { row in
                let kindText: String = try row.required(0, "deviation_records.kind")
                let severityText: String = try row.required(1, "deviation_records.severity")
                guard let kind = DeviationKind(rawValue: kindText), let severity = DeviationSeverity(rawValue: severityText) else {
                    throw StoreError.corrupt(message: "deviation_records holds unknown kind '\(kindText)' or severity '\(severityText)'")
                }
                let answerable = row.text(4).map { ActingOfficer(nip: $0, name: row.text(5) ?? "") }
                rows.append(DeviationCountRow(
                    kind: kind, severity: severity, accountRequired: row.int64(2) != 0, accounted: row.int64(3) != 0,
                    answerable: answerable, answerableRole: ActorID(try row.required(6, "deviation_records.answerable_role")),
                    count: Int(row.int64(7))))
            }
            return rows
        }
    }

    public func forEachDeviation(_ query: ProjectionQuery, _ body: (Deviation) -> Void) throws(StoreError) {
        var values: [SQLiteValue] = []
        let whereClause = Self.conditions(query, time: "detected_at", officer: "answerable_nip", values: &values)
        let sql = """
            SELECT id, kind, severity, instance_id, procedure_id, agency_id, step, occurrence, actor, answerable_nip,
                   answerable_name, answerable_role, account_required, detected_at, minutes_over, limit_minutes,
                   missing_items, not_run_cause, account_nip, account_name, account_role, account_reason, account_at,
                   account_sequence
            FROM deviation_records\(whereClause)
            ORDER BY instance_started_at, instance_id, ordinal
            """
        try perform {
            try connection.prepare(sql).forEachRow(values) { row in
                let kindText: String = try row.required(1, "deviation_records.kind")
                let severityText: String = try row.required(2, "deviation_records.severity")
                guard let kind = DeviationKind(rawValue: kindText), let severity = DeviationSeverity(rawValue: severityText) else {
                    throw StoreError.corrupt(message: "deviation_records holds unknown kind '\(kindText)' or severity '\(severityText)'")
                }
                let causeText = row.text(17)
                let cause = causeText.flatMap(NotRunCause.init(rawValue:))
                if causeText != nil, cause == nil {
                    throw StoreError.corrupt(message: "deviation_records.not_run_cause holds unknown '\(causeText ?? "")'")
                }
                let items = row.text(16) ?? ""
                var account: DeviationAccount?
                if let nip = row.text(18) {
                    account = DeviationAccount(by: ActingOfficer(nip: nip, name: row.text(19) ?? ""),
                                               role: ActorID(row.text(20) ?? ""), reason: row.text(21) ?? "",
                                               at: StoredTime.date(milliseconds: row.int64(22)), sequence: Int(row.int64(23)))
                }
                body(Deviation(
                    id: DeviationID(try row.required(0, "deviation_records.id")), kind: kind, severity: severity,
                    instance: InstanceID(try row.required(3, "deviation_records.instance_id")),
                    procedureID: ProcedureID(try row.required(4, "deviation_records.procedure_id")),
                    agencyID: try row.required(5, "deviation_records.agency_id"), step: row.text(6).map(StepID.init),
                    occurrence: row.optionalInt64(7).map { Int($0) }, actor: row.text(8).map(ActorID.init),
                    answerable: row.text(9).map { ActingOfficer(nip: $0, name: row.text(10) ?? "") },
                    answerableRole: ActorID(try row.required(11, "deviation_records.answerable_role")),
                    accountRequired: row.int64(12) != 0, detectedAt: StoredTime.date(milliseconds: row.int64(13)),
                    minutesOver: row.optionalInt64(14).map { Int($0) }, limitMinutes: row.optionalInt64(15).map { Int($0) },
                    missingItems: items.isEmpty ? [] : items.split(separator: "\n", omittingEmptySubsequences: false).map { ItemID(String($0)) },
                    notRunCause: cause, account: account))
            }
        }
    }

    public func instancesAwaitingProjection() throws(StoreError) -> [InstanceID] {
        try perform {
            var ids: [InstanceID] = []
            try connection.cached("SELECT instance_id FROM report_backfill ORDER BY instance_id").forEachRow { row in
                if let id = row.text(0) { ids.append(InstanceID(id)) }
            }
            return ids
        }
    }

    @discardableResult
    public func replaceProjections(_ projections: [(instance: InstanceID, lastSequence: Int, projection: ReportProjection)]) throws(StoreError) -> Int {
        var checked: [(InstanceID, Int, ReportProjection)] = []
        for (instance, sequence, projection) in projections {
            checked.append((instance, sequence, try projection.checked(for: instance)))
        }
        guard !checked.isEmpty else { return 0 }
        return try write {
            // One pass over each projection table for the whole batch (the tables are not keyed by instance).
            try connection.execute("CREATE TEMP TABLE IF NOT EXISTS projection_replace (id TEXT PRIMARY KEY NOT NULL)")
            try connection.execute("DELETE FROM temp.projection_replace")
            var current: [(InstanceID, ReportProjection)] = []
            for (instance, sequence, projection) in checked {
                var stored: Int64?
                try connection.cached("SELECT last_sequence FROM instances WHERE id = ?1")
                    .forEachRow([.text(instance.rawValue)]) { row in stored = row.int64(0) }
                guard stored == Int64(sequence) else { continue }
                try connection.cached("INSERT OR IGNORE INTO temp.projection_replace(id) VALUES (?1)").run([.text(instance.rawValue)])
                current.append((instance, projection))
            }
            guard !current.isEmpty else { return 0 }
            try connection.execute("""
                DELETE FROM step_records WHERE instance_id IN (SELECT id FROM temp.projection_replace);
                DELETE FROM deviation_records WHERE instance_id IN (SELECT id FROM temp.projection_replace);
                DELETE FROM report_backfill WHERE instance_id IN (SELECT id FROM temp.projection_replace);
                DELETE FROM temp.projection_replace;
                """)
            for (_, projection) in current { try insertProjection(projection) }
            return current.count
        }
    }
}
