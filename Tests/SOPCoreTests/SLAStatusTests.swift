import Foundation
import Testing
@testable import SOPCore

@Suite("SLA status of an active step, in working time")
struct SLAStatusTests {
    private static let oneHour = TimeLimit(minutes: 60, sourceText: "1 Jam")

    private func status(since: String, at now: String, limit: TimeLimit = oneHour) throws -> SLAStatus {
        SLAStatus(step: "s", limit: limit, activeSince: try utc(since), calendar: try ShippedCalendar.asn(), at: try utc(now))
    }

    @Test("at risk from 80% of the limit used, overdue past it")
    func atRiskAndOverdue() throws {
        // Mon 2 March 2026, 08:00 WITA = 00:00Z.
        let before = try status(since: "2026-03-02T00:00:00Z", at: "2026-03-02T00:47:00Z")
        #expect(before.minutesUsed == 47 && before.minutesLeft == 13 && !before.atRisk && !before.overdue)
        let risk = try status(since: "2026-03-02T00:00:00Z", at: "2026-03-02T00:48:00Z")
        #expect(risk.minutesUsed == 48 && risk.minutesLeft == 12 && risk.usedFraction == 0.8 && risk.atRisk && !risk.overdue)
        let onLimit = try status(since: "2026-03-02T00:00:00Z", at: "2026-03-02T01:00:00Z")
        #expect(onLimit.minutesLeft == 0 && onLimit.atRisk && !onLimit.overdue)
        let over = try status(since: "2026-03-02T00:00:00Z", at: "2026-03-02T01:01:00Z")
        #expect(over.overdue && !over.atRisk && over.minutesOver == 1 && over.minutesLeft == 0)
        #expect(over.deadline == (try utc("2026-03-02T01:00:00Z")))
        #expect(!over.provisional)
    }

    @Test("across a weekend: Fri 16:00 + 1 Jam is due Mon 08:00; the weekend uses nothing")
    func acrossWeekend() throws {
        let since = "2026-03-06T08:00:00Z"  // Fri 16:00 WITA
        let saturday = try status(since: since, at: "2026-03-07T04:00:00Z")
        #expect(saturday.deadline == (try utc("2026-03-09T00:00:00Z")))
        #expect(saturday.minutesUsed == 30 && saturday.minutesLeft == 30 && !saturday.atRisk)
        let monday = try status(since: since, at: "2026-03-08T23:54:00Z")  // Mon 07:54
        #expect(monday.minutesUsed == 54 && monday.atRisk)
        let late = try status(since: since, at: "2026-03-09T00:01:00Z")
        #expect(late.overdue && late.minutesOver == 1)
    }

    @Test("a clock running into a year without loaded closures is provisional")
    func provisional() throws {
        let working = try status(since: "2026-12-31T07:30:00Z", at: "2026-12-31T07:40:00Z")
        #expect(working.provisional)
        let wall = try status(since: "2026-12-31T07:30:00Z", at: "2026-12-31T07:40:00Z",
                              limit: TimeLimit(minutes: 60, basis: .wall, sourceText: "1 Jam"))
        #expect(!wall.provisional)
        #expect(wall.deadline == (try utc("2026-12-31T08:30:00Z")))
    }

    @Test("a wall-clock limit counts nights and weekends")
    func wallBasis() throws {
        let wall = try status(since: "2026-03-06T08:00:00Z", at: "2026-03-07T08:00:00Z",
                              limit: TimeLimit(minutes: 600, basis: .wall, sourceText: "10 jam"))
        #expect(wall.minutesUsed == 1440 && wall.overdue && wall.minutesOver == 840)
    }

    @Test("the active step of an instance, none once it is done")
    func active() throws {
        var run = try ShippedRun(ShippedRun.kaltim)
        let pelaksana = run.officer("198001012005011001", "Ani", "ppid-pelaksana")
        try run.start(by: pelaksana, at: run.local("03-02 08:00"))
        let state = try #require(run.state)
        let sla = try #require(SLAStatus.active(in: state, procedure: run.procedure, calendar: run.calendar,
                                                at: try run.local("03-02 08:50")))
        #expect(sla.step == "hasilkan-dan-simpan" && sla.minutesUsed == 50 && sla.atRisk)
        try run.run(.cancel(reason: "x"), by: pelaksana, at: run.local("03-02 09:00"))
        #expect(SLAStatus.active(in: try #require(run.state), procedure: run.procedure, calendar: run.calendar,
                                 at: try run.local("03-02 09:00")) == nil)
    }
}
