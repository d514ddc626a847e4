import Foundation
import SOPCore

/// `sop report sla` and `sop report deviations`: exact figures over what was recorded, filtered, as a
/// table (id/en), `--json`, or `--format csv` for spreadsheets.
enum ReportCommands {
    static let options: [OptionSpec] = [
        OptionSpec(name: "from", valueName: "date", help: Text(en: "First day (YYYY-MM-DD, in each agency's zone).",
                                                               id: "Hari pertama (YYYY-MM-DD, zona tiap instansi).")),
        OptionSpec(name: "to", valueName: "date", help: Text(en: "Last day, included.", id: "Hari terakhir, ikut dihitung.")),
        OptionSpec(name: "definition", valueName: "id", help: Text(en: "Only this definition.", id: "Hanya definisi ini.")),
        OptionSpec(name: "agency", valueName: "id", help: Text(en: "Only this agency.", id: "Hanya instansi ini.")),
        OptionSpec(name: "step", valueName: "id", help: Text(en: "Only this step.", id: "Hanya langkah ini.")),
        OptionSpec(name: "actor", valueName: "id", help: Text(en: "Only this lane (role).", id: "Hanya pelaksana (peran) ini.")),
        OptionSpec(name: "officer", valueName: "nip", help: Text(en: "Only this officer (executor, or who answers).",
                                                                id: "Hanya pegawai ini (pelaksana, atau penanggung jawab).")),
        OptionSpec(name: "format", valueName: "format", help: Text(en: "Output format. (values: table, csv; default: table)",
                                                                  id: "Format keluaran. (nilai: table, csv; bawaan: table)"),
                   allowedValues: ["table", "csv"]),
    ]

    static let sla = Command(
        spec: CommandSpec(name: "sla", abstract: Text(en: "Time limits per step: counts, on-time rate, median and 90th percentile, breaches.",
                                                      id: "Batas waktu per langkah: jumlah, tepat waktu, median dan persentil ke-90, pelanggaran."),
                          options: options),
        run: { invocation throws(CommandFailure) in
            let scan = try Scan.run(invocation, steps: true)
            var report = SLAReport.build(histogram: scan.histogram)
            // Rows in sheet order within each definition, as the quality team reads the POS.
            report.rows.sort {
                ($0.procedureID.rawValue, scan.order["\($0.procedureID)/\($0.step)"] ?? .max, $0.limitMinutes)
                    < ($1.procedureID.rawValue, scan.order["\($1.procedureID)/\($1.step)"] ?? .max, $1.limitMinutes)
            }
            let l = invocation.language
            if invocation.json {
                invocation.out(.object([
                    ("rows", .array(report.rows.map { row in
                        .object([("definition", .string(row.procedureID.rawValue)), ("step", .string(row.step.rawValue)),
                                 ("limitMinutes", .int(row.limitMinutes)), ("count", .int(row.count)), ("completed", .int(row.completed)),
                                 ("onTime", .int(row.onTime)), ("onTimeRate", row.onTimeRate.map(JSONValue.number) ?? .null),
                                 ("medianMinutes", row.medianMinutes.map { .int($0) } ?? .null),
                                 ("p90Minutes", row.p90Minutes.map { .int($0) } ?? .null), ("breaches", .int(row.breaches))])
                    })),
                    ("totals", .object([("count", .int(report.totals.count)), ("completed", .int(report.totals.completed)),
                                        ("onTime", .int(report.totals.onTime)),
                                        ("onTimeRate", report.totals.onTimeRate.map(JSONValue.number) ?? .null),
                                        ("breaches", .int(report.totals.breaches))])),
                ]))
            } else if invocation.parsed.value("format") == "csv" {
                invocation.out(CSV.render(
                    header: ["definition", "step", "limit_minutes", "count", "completed", "on_time", "on_time_rate",
                             "median_minutes", "p90_minutes", "breaches"],
                    rows: report.rows.map { row in
                        [row.procedureID.rawValue, row.step.rawValue, "\(row.limitMinutes)", "\(row.count)", "\(row.completed)",
                         "\(row.onTime)", row.onTimeRate.map { String(format: "%.4f", $0) } ?? "",
                         row.medianMinutes.map(String.init) ?? "", row.p90Minutes.map(String.init) ?? "", "\(row.breaches)"]
                    }))
            } else {
                var out = ""
                for definition in Array(Set(report.rows.map(\.procedureID))).sorted() {
                    out += "\n\(definition)\n"
                    out += TableRenderer.render(
                        headers: [Text(en: "STEP", id: "LANGKAH")(l), Text(en: "LIMIT", id: "BATAS")(l), "N",
                                  Text(en: "DONE", id: "SELESAI")(l), Text(en: "ON TIME", id: "TEPAT")(l),
                                  "MEDIAN", "P90", Text(en: "BREACHES", id: "LANGGAR")(l)],
                        rows: report.rows.filter { $0.procedureID == definition }.map { row in
                            [row.step.rawValue, Durations.text(minutes: row.limitMinutes, l), "\(row.count)", "\(row.completed)",
                             row.onTimeRate.map { String(format: "%.0f%%", $0 * 100) } ?? "-",
                             row.medianMinutes.map { Durations.text(minutes: $0, l) } ?? "-",
                             row.p90Minutes.map { Durations.text(minutes: $0, l) } ?? "-", "\(row.breaches)"]
                        }, width: 80)
                }
                let rate = report.totals.onTimeRate.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
                out += "\n" + Text(en: "Total: \(report.totals.count) step(s), \(report.totals.completed) completed, \(rate) on time, \(report.totals.breaches) breach(es); \(scan.instances) instance(s).",
                                   id: "Total: \(report.totals.count) langkah, \(report.totals.completed) selesai, \(rate) tepat waktu, \(report.totals.breaches) pelanggaran; \(scan.instances) instans.")(l) + "\n"
                if scan.provisional {
                    out += Text(en: "Some limits fall outside the loaded holiday years: those figures are provisional.",
                                id: "Sebagian batas waktu di luar tahun libur yang dimuat: angkanya sementara.")(l) + "\n"
                }
                invocation.out(out)
            }
            return .success
        })

    static let deviations = Command(
        spec: CommandSpec(name: "deviations", abstract: Text(en: "Recorded deviations by kind and by who answers, with their accounting status.",
                                                             id: "Penyimpangan tercatat menurut jenis dan penanggung jawab, beserta status pertanggungjawabannya."),
                          options: options),
        run: { invocation throws(CommandFailure) in
            let scan = try Scan.run(invocation, steps: false)
            let report = DeviationReport.build(counts: scan.deviationCounts)
            let l = invocation.language
            // The list is streamed from the store page by page: millions of deviations never sit in memory at once.
            var buffer = ""
            func flush(_ force: Bool = false) {
                if force || buffer.utf8.count >= 1 << 16 {
                    if !buffer.isEmpty { invocation.out(buffer) }
                    buffer = ""
                }
            }
            func eachDeviation(_ body: (Deviation, LocalTime) -> Void) throws(CommandFailure) {
                do throws(StoreError) {
                    try scan.store.forEachDeviation(scan.query) { deviation in body(deviation, scan.time(of: deviation.procedureID)) }
                } catch { throw StoreAccess.failure(error) }
            }
            func counts(_ c: DeviationReport.Counts) -> JSONValue {
                .object([("total", .int(c.total)), ("open", .int(c.open)), ("accounted", .int(c.accounted)),
                         ("awaitingAccount", .int(c.awaitingAccount)), ("failures", .int(c.failures))])
            }
            if invocation.json {
                let head = JSONValue.object([
                    ("byKind", .array(report.byKind.map { .object([("kind", .string($0.kind.rawValue)), ("counts", counts($0.counts))]) })),
                    ("byAnswerable", .array(report.byAnswerable.map {
                        .object([("nip", .optional($0.officer?.nip)), ("name", .optional($0.officer?.name)),
                                 ("role", .string($0.role.rawValue)), ("counts", counts($0.counts))])
                    })),
                    ("totals", counts(report.totals)),
                ]).rendered()
                // The same bytes as rendering the whole object with its "deviations" array at once.
                buffer = String(head.dropLast(3)) + ",\n  \"deviations\": "
                var first = true
                try eachDeviation { deviation, time in
                    buffer += (first ? "[\n    " : ",\n    ") + DeviationJSON.deviation(deviation, time: time).rendered(indent: 2)
                    first = false
                    flush()
                }
                buffer += first ? "[]\n}\n" : "\n  ]\n}\n"
                flush(true)
            } else if invocation.parsed.value("format") == "csv" {
                buffer = CSV.render(header: DeviationJSON.csvHeader, rows: [])
                try eachDeviation { deviation, time in
                    buffer += DeviationJSON.csvRow(deviation, time: time).map(CSV.field).joined(separator: ",") + "\r\n"
                    flush()
                }
                flush(true)
            } else {
                var out = TableRenderer.render(
                    headers: [Text(en: "KIND", id: "JENIS")(l), "TOTAL", Text(en: "OPEN", id: "TERBUKA")(l),
                              Text(en: "ACCOUNTED", id: "DIPERTANGGUNGJAWABKAN")(l), Text(en: "ACCOUNT DUE", id: "WAJIB")(l),
                              Text(en: "FAILURES", id: "KEGAGALAN")(l)],
                    rows: report.byKind.map { row in
                        [DeviationJSON.kindText(row.kind)(l), "\(row.counts.total)", "\(row.counts.open)", "\(row.counts.accounted)",
                         "\(row.counts.awaitingAccount)", "\(row.counts.failures)"]
                    }, width: 80)
                out += "\n" + TableRenderer.render(
                    headers: [Text(en: "WHO ANSWERS", id: "PENANGGUNG JAWAB")(l), Text(en: "ROLE", id: "PERAN")(l), "TOTAL",
                              Text(en: "OPEN", id: "TERBUKA")(l), Text(en: "ACCOUNT DUE", id: "WAJIB")(l)],
                    rows: report.byAnswerable.map { row in
                        [row.officer.map { "\($0.name) (\($0.nip))" } ?? "-", row.role.rawValue, "\(row.counts.total)",
                         "\(row.counts.open)", "\(row.counts.awaitingAccount)"]
                    }, width: 80)
                out += "\n"
                buffer = out
                try eachDeviation { deviation, _ in
                    DeviationJSON.appendLine(deviation, language: l, to: &buffer)
                    buffer += "\n"
                    flush()
                }
                buffer += Text(en: "Total: \(report.totals.total) deviation(s), \(report.totals.accounted) accounted, \(report.totals.awaitingAccount) account(s) due.",
                               id: "Total: \(report.totals.total) penyimpangan, \(report.totals.accounted) sudah dipertanggungjawabkan, \(report.totals.awaitingAccount) wajib dipertanggungjawabkan.")(l) + "\n"
                flush(true)
            }
            return .success
        })

    static let group = CommandSpec(name: "report", abstract: Text(en: "Reports for the quality team.", id: "Laporan untuk tim mutu."),
                                   subcommands: [sla.spec, deviations.spec])
    static let nested: [String: Command] = ["report sla": sla, "report deviations": deviations]

    /// What a report reads from the store's projection (see ``ReportProjection``), filtered in each agency's zone.
    struct Scan {
        var store: any EventStore
        var query: ProjectionQuery
        /// SLA: ended steps from the projection plus the active steps, measured now from the open instances' headers.
        var histogram: [StepHistogramRow] = []
        var deviationCounts: [DeviationCountRow] = []
        var instances = 0
        var provisional = false
        /// Each step's position on its sheet, keyed "procedure/step".
        var order: [String: Int] = [:]
        /// Each procedure's zone.
        var zones: [ProcedureID: LocalTime] = [:]

        func time(of procedure: ProcedureID) -> LocalTime { zones[procedure] ?? LocalTime(zoneID: "UTC") }

        static func run(_ invocation: Invocation, steps: Bool) throws(CommandFailure) -> Scan {
            let p = invocation.parsed
            // The dates' form is checked before anything else, so a store with no definitions refuses a bad one too.
            let anyZone = LocalTime(zoneID: "UTC")
            _ = try day(p.value("from"), option: "from", time: anyZone, invocation: invocation)
            _ = try day(p.value("to"), option: "to", time: anyZone, invocation: invocation)
            let store = try StoreAccess.open(invocation)
            let calendars = CalendarFiles(invocation)
            let procedures = InstanceSession.ProcedureCache()
            let now = invocation.context.clock.now
            try ReportBackfill.run(store: store, calendars: calendars, procedures: procedures)
            let hashes: [String]
            do throws(StoreError) { hashes = try store.definitionHashes() } catch { throw StoreAccess.failure(error) }
            var scan = Scan(store: store, query: ProjectionQuery())
            var periods: [ProcedureID: ProjectionQuery.Period] = [:]
            for hash in hashes {
                let procedure = try procedures.procedure(hash: hash, store: store)
                let time = LocalTime(zoneID: procedure.calendar.timeZone)
                scan.zones[procedure.id] = time
                for (index, step) in procedure.steps.enumerated() { scan.order["\(procedure.id)/\(step.id)"] = index }
                periods[procedure.id] = ProjectionQuery.Period(
                    from: try day(p.value("from"), option: "from", time: time, invocation: invocation),
                    to: try day(p.value("to"), option: "to", time: time, invocation: invocation, next: true))
            }
            let instanceFilter = InstanceFilter(procedureID: p.value("definition").map(ProcedureID.init), agencyID: p.value("agency"))
            scan.query = ProjectionQuery(periods: p.value("from") == nil && p.value("to") == nil ? nil : periods,
                                         procedureID: instanceFilter.procedureID, agencyID: instanceFilter.agencyID,
                                         step: p.value("step").map(StepID.init), actor: p.value("actor").map(ActorID.init),
                                         officerNIP: p.value("officer"))
            do throws(StoreError) {
                scan.instances = try store.instanceCount(matching: instanceFilter)
                if steps {
                    scan.histogram = try store.stepHistogram(scan.query)
                    scan.provisional = scan.histogram.contains { $0.uncovered }
                } else {
                    scan.deviationCounts = try store.deviationCounts(scan.query)
                }
            } catch { throw StoreAccess.failure(error) }
            guard steps else { return scan }
            // Steps still active: one pass over the open instances' headers, measured up to now.
            struct Key: Hashable { var procedure: ProcedureID; var step: StepID; var limit: Int; var minutes: Int }
            var active: [Key: Int] = [:]
            var failure: CommandFailure?
            var measure: [String: (Procedure, BusinessCalendar)] = [:]
            do throws(StoreError) {
                try store.forEachOpenHeader(matching: instanceFilter) { header in
                    guard failure == nil, let stepID = header.activeStep, let since = header.activeSince else { return }
                    let procedure: Procedure, calendar: BusinessCalendar
                    if let known = measure[header.definitionHash] {
                        (procedure, calendar) = known
                    } else {
                        do throws(CommandFailure) {
                            procedure = try procedures.procedure(hash: header.definitionHash, store: store)
                            calendar = try calendars.calendar(for: procedure)
                        } catch {
                            failure = error
                            return
                        }
                        measure[header.definitionHash] = (procedure, calendar)
                    }
                    guard let step = procedure.step(stepID) else { return }
                    let record = StepRecord(instance: header.id, procedureID: header.procedureID, agencyID: header.agencyID,
                                            step: step.id, occurrence: 0, actor: step.actor, officerNIP: nil,
                                            activeSince: since, endedAt: nil, end: .active, limitMinutes: step.timeLimit.minutes,
                                            minutesTaken: calendar.minutes(from: since, to: now, basis: step.timeLimit.basis))
                    guard scan.query.matches(record) else { return }
                    if !scan.provisional, !calendar.isCovered(from: since, to: now) { scan.provisional = true }
                    active[Key(procedure: record.procedureID, step: record.step, limit: record.limitMinutes,
                               minutes: record.minutesTaken), default: 0] += 1
                }
            } catch { throw StoreAccess.failure(error) }
            if let failure { throw failure }
            scan.histogram += active.map { key, count in
                StepHistogramRow(procedureID: key.procedure, step: key.step, limitMinutes: key.limit, end: .active,
                                 minutesTaken: key.minutes, count: count, uncovered: false)
            }
            return scan
        }

        /// A calendar day as the start of that day (or of the next day, for an inclusive `--to`) in the instance's zone.
        private static func day(_ text: String?, option: String, time: LocalTime, invocation: Invocation,
                                next: Bool = false) throws(CommandFailure) -> Date? {
            guard let text else { return nil }
            guard let start = time.parse(text + " 00:00") else {
                throw .usage(.invalid(option: option, value: text, expected: Text(en: "a date YYYY-MM-DD", id: "tanggal YYYY-MM-DD"),
                                      path: invocation.parsed.path))
            }
            return next ? start.addingTimeInterval(24 * 3600) : start
        }
    }
}
