import Foundation
import SOPCore
@testable import SOPSQLite
import Testing
@testable import SOPCommandLine

/// The reports read the projection written with each commit; these check it against the reference
/// implementation (`SLAReport.build(records:)` / `DeviationReport.build(deviations:)` over replayed
/// instances) on a varied store, and that the SQLite and in-memory stores answer alike.
@Suite("Report projection")
struct ReportProjectionTests {
    /// Instances of all three POS: late and on-time steps, missing requirements, returns, cancellations,
    /// open ones, accounts; made through the real commands.
    static func seeded() throws -> CLIHarness {
        let harness = CLIHarness()
        let nips = harness.addRoster()
        for i in 0..<9 {
            harness.clock.set(CLIHarness.monday.addingTimeInterval(Double(i) * 86_400 + (i >= 4 ? 2 * 86_400 : 0)))
            let definition = ["bpmp-kalsel-pos-1-i-29-2024", "lpmp-kaltim-pos-1050", "biro-kesra-kalbar-sop-400-257"][i % 3]
            let agency = ["bpmp-kalsel", "lpmp-kaltim", "biro-kesra-kalbar"][i % 3]
            let starter = nips[agency == "lpmp-kaltim" ? "lpmp-kaltim/ppid" : "\(agency)/ppid"] ?? ""
            let id = harness.start(definition, by: starter)
            for round in 0..<6 {
                let status = try #require(json(harness.run(["status", id, "--json"])) as? [String: Any])
                guard (status["instance"] as? [String: Any])?["activeStep"] is String,
                      let actor = (status["instance"] as? [String: Any])?["activeActor"] as? String else { break }
                let nip = nips["\(agency)/\(actor)"] ?? ""
                harness.clock.advance(seconds: Double((i * 13 + round * 29) % 70 + 5) * 60)
                if i == 4 && round == 1 { _ = harness.run(["cancel", id, "--by", nip, "--reason", "ditarik"]); break }
                if i == 7 && round == 2 { break }  // left open
                if i % 4 == 1 && round == 1 {
                    let first = i % 3 == 0 ? "validasi" : "hasilkan-dan-simpan"
                    #expect(harness.run(["return", id, "--by", nip, "--to", first, "--reason", "kurang"]).code == 0)
                    continue
                }
                #expect(harness.run(["complete", id, "--by", nip]).code == 0)
            }
        }
        harness.clock.advance(seconds: 3 * 3600)
        _ = harness.run(["check"])
        return harness
    }

    static func reference(_ store: any EventStore, harness: CLIHarness, filter: ReportFilter = ReportFilter())
        throws -> (SLAReport, DeviationReport, [Deviation]) {
        var records: [StepRecord] = []
        var deviations: [Deviation] = []
        let calendars = harness.calendars()
        for header in try store.headers(matching: InstanceFilter()) {
            let snapshot = try #require(try store.definition(hash: header.definitionHash))
            let procedure = try #require(DefinitionLoader.load(Array(snapshot.json)).procedure)
            let state = try InstanceState.replay(try InstanceEvent.events(from: try store.events(of: header.id)), procedure: procedure)
            let calendar = try #require(calendars[procedure.id.rawValue])
            records += StepRecord.records(of: state, procedure: procedure, calendar: calendar, at: harness.clock.now)
            deviations += state.deviations
        }
        return (SLAReport.build(records: records, filter: filter), DeviationReport.build(deviations: deviations, filter: filter),
                deviations.filter(filter.matches))
    }

    @Test("sop report sla and deviations equal the reference built from replayed instances")
    func matchesReference() throws {
        let harness = try Self.seeded()
        let store = try SQLiteEventStore(path: harness.storePath)
        let (sla, deviations, list) = try Self.reference(store, harness: harness)
        #expect(sla.totals.count > 20 && sla.totals.breaches > 0 && deviations.totals.total > 3)
        let out = try #require(json(harness.run(["report", "sla", "--json"])) as? [String: Any])
        let rows = try #require(out["rows"] as? [[String: Any]])
        #expect(rows.count == sla.rows.count)
        for row in sla.rows {
            let found = try #require(rows.first { $0["definition"] as? String == row.procedureID.rawValue && $0["step"] as? String == row.step.rawValue
                && $0["limitMinutes"] as? Int == row.limitMinutes })
            #expect(found["count"] as? Int == row.count)
            #expect(found["completed"] as? Int == row.completed)
            #expect(found["onTime"] as? Int == row.onTime)
            #expect(found["breaches"] as? Int == row.breaches)
            #expect(found["medianMinutes"] as? Int == row.medianMinutes)
            #expect(found["p90Minutes"] as? Int == row.p90Minutes)
        }
        #expect((out["totals"] as? [String: Any])?["count"] as? Int == sla.totals.count)
        let dev = try #require(json(harness.run(["report", "deviations", "--json"])) as? [String: Any])
        #expect((dev["deviations"] as? [[String: Any]])?.map { $0["id"] as? String } == list.map { $0.id.rawValue })
        let totals = try #require(dev["totals"] as? [String: Int])
        #expect(totals["total"] == deviations.totals.total)
        #expect(totals["accounted"] == deviations.totals.accounted)
        #expect(totals["awaitingAccount"] == deviations.totals.awaitingAccount)
        #expect(totals["failures"] == deviations.totals.failures)
        #expect((dev["byAnswerable"] as? [Any])?.count == deviations.byAnswerable.count)
        // The streamed JSON is valid and the table/CSV forms list every deviation.
        #expect(harness.run(["report", "deviations", "--format", "csv"]).stdout.split(separator: "\r\n").count == list.count + 1)
    }

    @Test("the in-memory store answers the projection queries as the SQLite store does")
    func storesAgree() throws {
        let harness = try Self.seeded()
        let sqlite = try SQLiteEventStore(path: harness.storePath)
        let memory = InMemoryEventStore()
        for hash in try sqlite.definitionHashes() {
            let snapshot = try #require(try sqlite.definition(hash: hash))
            try memory.saveDefinition(snapshot)
        }
        let calendars = harness.calendars()
        for header in try sqlite.headers(matching: InstanceFilter()) {
            let snapshot = try #require(try sqlite.definition(hash: header.definitionHash))
            let procedure = try #require(DefinitionLoader.load(Array(snapshot.json)).procedure)
            let records = try sqlite.events(of: header.id)
            let state = try InstanceState.replay(try InstanceEvent.events(from: records), procedure: procedure)
            try memory.append(InstanceCommit(instanceID: header.id, expectedSequence: 0, events: records, header: header,
                                             projection: try ReportProjection.whole(state, procedure: procedure,
                                                                                   calendar: calendars[procedure.id.rawValue])))
        }
        let queries = [ProjectionQuery(), ProjectionQuery(agencyID: "bpmp-kalsel"), ProjectionQuery(step: "validasi"),
                       ProjectionQuery(periods: ["lpmp-kaltim-pos-1050": .init(from: CLIHarness.monday.addingTimeInterval(86_400), to: nil),
                                                 "bpmp-kalsel-pos-1-i-29-2024": .init(from: nil, to: CLIHarness.monday.addingTimeInterval(5 * 86_400))])]
        for query in queries {
            #expect(SLAReport.build(histogram: try sqlite.stepHistogram(query)) == SLAReport.build(histogram: try memory.stepHistogram(query)))
            #expect(DeviationReport.build(counts: try sqlite.deviationCounts(query)) == DeviationReport.build(counts: try memory.deviationCounts(query)))
            var a: [Deviation] = [], b: [Deviation] = []
            try sqlite.forEachDeviation(query) { a.append($0) }
            try memory.forEachDeviation(query) { b.append($0) }
            #expect(a == b)
        }
        #expect(try sqlite.instanceCount(matching: InstanceFilter(agencyID: "lpmp-kaltim"))
                == memory.instanceCount(matching: InstanceFilter(agencyID: "lpmp-kaltim")))
    }

    @Test("the stored histogram stays the step records' GROUP BY through commits, deletions and a backfill")
    func storedHistogramFollowsRecords() throws {
        let harness = try Self.seeded()
        let store = try SQLiteEventStore(path: harness.storePath)
        var procedures: [ProcedureID] = []
        try store.connection.prepare("SELECT DISTINCT procedure_id FROM step_records").forEachRow { row in
            if let id = row.text(0) { procedures.append(ProcedureID(id)) }
        }
        // A period with no bounds for every procedure matches every record, and takes the step records' path.
        let everything = ProjectionQuery(periods: Dictionary(uniqueKeysWithValues: procedures.map { ($0, .init(from: nil, to: nil)) }))
        func key(_ row: StepHistogramRow) -> String {
            "\(row.procedureID.rawValue)|\(row.step.rawValue)|\(row.limitMinutes)|\(row.end.rawValue)|\(row.minutesTaken)"
        }
        func checkBothPaths() throws -> [StepHistogramRow] {
            let stored = try store.stepHistogram(ProjectionQuery())
            let aggregated = try store.stepHistogram(everything).sorted { key($0) < key($1) }
            #expect(stored.sorted { key($0) < key($1) } == aggregated)
            #expect(stored.reduce(0) { $0 + $1.count } == Int(try store.connection.pragmaText("SELECT count(*) FROM step_records") ?? ""))
            return stored
        }
        let seeded = try checkBothPaths()
        #expect(procedures.count == 3 && seeded.count > 10)

        // Every record twice (as copies under other instance ids, outside the calendar's years): every count
        // doubles and every row is uncovered; removing the copies brings each back without removing its row.
        #expect(seeded.allSatisfy { !$0.uncovered })
        try store.connection.execute("""
            INSERT INTO step_records SELECT procedure_id, step, limit_minutes, end_kind, minutes_taken, active_since,
                instance_id || '-copy', occurrence, agency_id, actor, officer_nip, ended_at, 0 FROM step_records
            """)
        let doubled = try checkBothPaths()
        #expect(doubled.map(\.count) == seeded.map { $0.count * 2 } && doubled.allSatisfy { $0.uncovered })
        try store.connection.execute("DELETE FROM step_records WHERE instance_id LIKE '%-copy'")
        #expect(try checkBothPaths() == seeded)

        // Removing one instance's records takes them out of the histogram, down to rows that disappear.
        try store.connection.execute("""
            DELETE FROM step_records WHERE instance_id = (SELECT instance_id FROM step_records ORDER BY instance_id LIMIT 1)
            """)
        #expect(try checkBothPaths().reduce(0) { $0 + $1.count } < seeded.reduce(0) { $0 + $1.count })

        // A store from before the projection: emptied, then projected again by the next report.
        try store.connection.execute("""
            DELETE FROM step_records; DELETE FROM deviation_records;
            INSERT INTO report_backfill(instance_id) SELECT id FROM instances;
            """)
        #expect(try store.stepHistogram(ProjectionQuery()).isEmpty)
        #expect(harness.run(["report", "sla"]).code == 0)
        #expect(try checkBothPaths() == seeded)

        // Records are never updated in place, which the histogram could not follow.
        #expect(throws: SQLiteError.self) { try store.connection.execute("UPDATE step_records SET covered = 1 - covered") }
    }

    @Test("histogram percentiles equal the nearest-rank percentiles of the records")
    func histogramPercentiles() {
        var records: [StepRecord] = []
        var seed: UInt64 = 42
        for i in 0..<500 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let minutes = Int(seed >> 54)
            let end: StepRecord.End = [.completed, .completed, .completed, .returned, .cancelled, .active][i % 6]
            records.append(StepRecord(instance: InstanceID("i\(i)"), procedureID: ProcedureID("p\(i % 2)"), agencyID: "a", step: StepID("s\(i % 3)"),
                                      occurrence: 1, actor: "x", officerNIP: nil, activeSince: Date(), endedAt: nil, end: end,
                                      limitMinutes: i % 5 == 0 ? 30 : 60, minutesTaken: minutes))
        }
        let histogram = records.map {
            StepHistogramRow(procedureID: $0.procedureID, step: $0.step, limitMinutes: $0.limitMinutes, end: $0.end,
                             minutesTaken: $0.minutesTaken, count: 1, uncovered: false)
        }
        #expect(SLAReport.build(histogram: histogram) == SLAReport.build(records: records))
    }

    @Test("a store from before the projection is projected from its events by the next report")
    func backfill() throws {
        let harness = try Self.seeded()
        let before = harness.run(["report", "sla", "--json"]).stdout
        let deviationsBefore = harness.run(["report", "deviations", "--json"]).stdout
        do {
            // Make it look like a store migrated from before 0004: no projection rows, every instance listed.
            let store = try SQLiteEventStore(path: harness.storePath)
            try store.connection.execute("""
                DELETE FROM step_records; DELETE FROM deviation_records;
                INSERT INTO report_backfill(instance_id) SELECT id FROM instances;
                """)
        }
        #expect(harness.run(["report", "sla", "--json"]).stdout == before)
        #expect(harness.run(["report", "deviations", "--json"]).stdout == deviationsBefore)
        #expect(try SQLiteEventStore(path: harness.storePath).instancesAwaitingProjection().isEmpty)
    }
}

extension CLIHarness {
    /// Each shipped definition's calendar in its zone (as `sop` loads it), by procedure id.
    func calendars() -> [String: BusinessCalendar] {
        let folder = Self.repositoryRoot.appendingPathComponent("definitions")
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("calendars").path)) ?? []
        where name.hasSuffix(".json") {
            files[String(name.dropLast(5))] = try? Data(contentsOf: folder.appendingPathComponent("calendars").appendingPathComponent(name))
        }
        var result: [String: BusinessCalendar] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".json") {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                  let procedure = DefinitionLoader.load(Array(data)).procedure,
                  let json = files[procedure.calendar.name],
                  let calendar = try? BusinessCalendar.decode(calendarJSON: json, closureSets: files, timeZone: procedure.calendar.timeZone)
            else { continue }
            result[procedure.id.rawValue] = calendar
        }
        return result
    }
}
