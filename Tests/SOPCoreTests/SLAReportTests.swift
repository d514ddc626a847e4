import Foundation
import Testing
@testable import SOPCore

@Suite("SLA and deviation reports on a seeded set of instances")
struct SLAReportTests {
    /// Ten Kaltim instances started Mon 2 March 08:00 WITA. Step 1 (1 Jam) takes 10, 20, ..., 100 working
    /// minutes, done by officer A (even i) or B (odd i). Step 2 (1 Jam) is done in 30 minutes in the first
    /// five, whose step 3 is then active, and still active in the others at 11:00. Nothing crosses the
    /// lunch break.
    struct Seed {
        var runs: [ShippedRun] = []
        let a, b, petugas: Officer
        let now: Date
        init() throws {
            var template = try ShippedRun(ShippedRun.kaltim)
            a = template.officer("198001012005011001", "Ani", "ppid-pelaksana")
            b = template.officer("198102022006021002", "Budi", "ppid-pelaksana")
            petugas = template.officer("198203032007031003", "Citra", "petugas-dokumentasi-arsip")
            now = try template.local("03-02 11:00")
            let start = try template.local("03-02 08:00")
            for i in 0..<10 {
                template.id = InstanceID("KT-\(i)")
                var run = template
                let step1 = Double(10 * (i + 1))
                try run.start(by: i % 2 == 0 ? a : b, at: start)
                try run.complete(by: i % 2 == 0 ? a : b, at: start.addingTimeInterval(step1 * 60))
                if i < 5 { try run.complete(by: petugas, at: start.addingTimeInterval((step1 + 30) * 60)) }
                try run.check(at: now)
                runs.append(run)
            }
        }

        var records: [StepRecord] {
            runs.flatMap { run in
                run.state.map { StepRecord.records(of: $0, procedure: run.procedure, calendar: run.calendar, at: now) } ?? []
            }
        }
        var deviations: [Deviation] { runs.flatMap { $0.state?.deviations ?? [] } }
    }

    @Test("per step: count, completed, on time, breaches, nearest-rank median and p90")
    func slaReport() throws {
        let seed = try Seed()
        let report = SLAReport.build(records: seed.records)
        #expect(report.rows.map(\.step) == ["hasilkan-dan-simpan", "serahkan-dan-data", "terima-dan-simpan"])
        let step1 = report.rows[0], step2 = report.rows[1], step3 = report.rows[2]
        // Step 1: 10...100; over 60: 70, 80, 90, 100. Rank ⌈0.5·10⌉ = 5 → 50; ⌈0.9·10⌉ = 9 → 90.
        #expect(step1.count == 10 && step1.completed == 10 && step1.onTime == 6 && step1.breaches == 4)
        #expect(step1.onTimeRate == 0.6 && step1.medianMinutes == 50 && step1.p90Minutes == 90 && step1.limitMinutes == 60)
        // Step 2: five done in 30; five active since 09:00...09:40, at 11:00 used 120, 110, 100, 90, 80: all breaches.
        #expect(step2.count == 10 && step2.completed == 5 && step2.onTime == 5 && step2.breaches == 5)
        #expect(step2.onTimeRate == 1 && step2.medianMinutes == 30 && step2.p90Minutes == 30)
        // Step 3: active since 08:40 ... 09:20, at 11:00 used 140 ... 100: all breaches, nothing completed.
        #expect(step3.count == 5 && step3.completed == 0 && step3.breaches == 5)
        #expect(step3.onTimeRate == nil && step3.medianMinutes == nil && step3.p90Minutes == nil)
        #expect(report.totals.count == 25 && report.totals.completed == 15 && report.totals.onTime == 11)
        #expect(report.totals.breaches == 14 && report.totals.onTimeRate == 11.0 / 15.0)
    }

    @Test("filters: officer, step, lane, period (from inclusive, to exclusive), procedure, agency")
    func filters() throws {
        let seed = try Seed()
        // Officer A did step 1 in 10, 30, 50, 70, 90: late 70, 90; rank 3 → 50; rank 5 → 90.
        let a = SLAReport.build(records: seed.records, filter: ReportFilter(officerNIP: seed.a.nip))
        #expect(a.rows.count == 1)
        #expect(a.rows[0].count == 5 && a.rows[0].breaches == 2 && a.rows[0].medianMinutes == 50 && a.rows[0].p90Minutes == 90)
        let lane = SLAReport.build(records: seed.records, filter: ReportFilter(actor: "petugas-dokumentasi-arsip"))
        #expect(lane.rows.map(\.step) == ["serahkan-dan-data"])
        // Step 2 activations start at 08:10 ... 09:40; [09:00, 09:30) holds 09:00, 09:10, 09:20.
        let start = try seed.runs[0].local("03-02 09:00"), end = try seed.runs[0].local("03-02 09:30")
        let period = SLAReport.build(records: seed.records, filter: ReportFilter(from: start, to: end, step: "serahkan-dan-data"))
        #expect(period.totals.count == 3 && period.totals.breaches == 3 && period.totals.completed == 0)
        #expect(SLAReport.build(records: seed.records, filter: ReportFilter(procedureID: "lain")).rows.isEmpty)
        #expect(SLAReport.build(records: seed.records, filter: ReportFilter(agencyID: "lpmp-kaltim")).totals.count == 25)
    }

    @Test("nearest-rank percentiles are always one of the values")
    func nearestRank() {
        let ten = Array(1...10)
        #expect(SLAReport.nearestRank(50, ofSorted: ten) == 5)
        #expect(SLAReport.nearestRank(90, ofSorted: ten) == 9)
        #expect(SLAReport.nearestRank(100, ofSorted: ten) == 10)
        #expect(SLAReport.nearestRank(50, ofSorted: [1, 2, 3, 4]) == 2)
        #expect(SLAReport.nearestRank(90, ofSorted: [7]) == 7)
        #expect(SLAReport.nearestRank(90, ofSorted: [1, 2, 3, 4, 5]) == 5)
        #expect(SLAReport.nearestRank(50, ofSorted: []) == nil)
    }

    @Test("deviations by kind and status, and by who answers")
    func deviationReport() throws {
        var seed = try Seed()
        // Account for two of officer A's late steps (instances 6 and 8).
        for i in [6, 8] {
            let id = try seed.runs[i].deviation(.late, "hasilkan-dan-simpan").id
            try seed.runs[i].run(.accountDeviation(id: id, reason: "Beban kerja"), by: seed.a, at: seed.now)
        }
        let report = DeviationReport.build(deviations: seed.deviations)
        // Late: step 1 in instances 6–9 (4), the overdue step 2 in 5–9 (5) and step 3 in 0–4 (5).
        // Kaltim records notices and demands no account.
        #expect(report.totals == DeviationReport.Counts(total: 14, open: 12, accounted: 2, awaitingAccount: 0, failures: 0))
        #expect(report.byKind.map(\.kind) == DeviationKind.allCases)
        #expect(report.byKind.first { $0.kind == .late }?.counts.total == 14)
        #expect(report.byKind.filter { $0.kind != .late }.allSatisfy { $0.counts.total == 0 })
        #expect(report.byAnswerable.map { $0.officer?.nip } == [seed.a.nip, seed.b.nip, nil, nil])
        #expect(report.byAnswerable.map(\.role) == ["ppid-pelaksana", "ppid-pelaksana", "petugas-dokumentasi-arsip", "ppid"])
        #expect(report.byAnswerable.map(\.counts.total) == [2, 2, 5, 5])
        #expect(report.byAnswerable.map(\.counts.accounted) == [2, 0, 0, 0])
        let b = DeviationReport.build(deviations: seed.deviations, filter: ReportFilter(officerNIP: seed.b.nip))
        #expect(b.totals.total == 2 && b.totals.open == 2)
        // Detected: step 2 became overdue at (step-1 end + 61 min) = 10:01 ... 10:41 for instances 5–9.
        let start = try seed.runs[0].local("03-02 10:00"), end = try seed.runs[0].local("03-02 10:30")
        let period = DeviationReport.build(deviations: seed.deviations,
                                           filter: ReportFilter(from: start, to: end, step: "serahkan-dan-data"))
        #expect(period.totals.total == 3)
    }

    @Test("records of a rework, a return and a cancellation keep how each activation ended")
    func recordEnds() throws {
        var run = InstanceRun(Fixtures.review)
        try run.run(.start(instanceID: run.id, definitionHash: Fixtures.hash, agencyID: Fixtures.agency), by: Fixtures.staf,
                    after: 0)
        try run.run(.complete(outputs: [.text("berkas", "B/1")]), by: Fixtures.staf, after: 40)
        try run.run(.complete(outcome: "tidak"), by: Fixtures.verifikator, after: 5)
        try run.run(.complete(outputs: [.text("berkas", "B/2")]), by: Fixtures.staf, after: 10)
        try run.run(.returnTo(step: "siapkan", reason: "Salah berkas"), by: Fixtures.verifikator, after: 25)
        try run.run(.cancel(reason: "Ditarik"), by: Fixtures.staf, after: 50)
        let state = try #require(run.state)
        let records = StepRecord.records(of: state, procedure: Fixtures.review, calendar: try ShippedCalendar.asn(), at: run.now)
        #expect(records.map(\.step) == ["siapkan", "periksa", "siapkan", "periksa", "siapkan"])
        #expect(records.map(\.occurrence) == [1, 1, 2, 2, 3])
        #expect(records.map(\.end) == [.completed, .completed, .completed, .returned, .cancelled])
        #expect(records.map(\.minutesTaken) == [40, 5, 10, 25, 50])
        #expect(records.map(\.late) == [true, false, false, true, true])
        #expect(records.map(\.officerNIP) == [Fixtures.staf.nip, Fixtures.verifikator.nip, Fixtures.staf.nip,
                                              Fixtures.verifikator.nip, nil])
        #expect(records[4].endedAt == run.now && records[4].completedAt == nil)
    }
}
