import Testing
@testable import SOPCore

@Suite("A day's working intervals")
struct DayScheduleTests {
    @Test("intervals given as ranges come back as given, with their working minutes")
    func roundTrip() throws {
        let day = try #require(DaySchedule([450..<720, 780..<990]))
        #expect(day.intervals == [450..<720, 780..<990])
        #expect(day.workingMinutes == 480)
        #expect(!day.isClosed)
        #expect(DaySchedule([]) == DaySchedule.closed)
        #expect(DaySchedule.closed.isClosed && DaySchedule.closed.workingMinutes == 0)
    }

    @Test("empty, overlapping, unsorted or out-of-day intervals are refused, by either initializer")
    func refusals() {
        let bad: [[Range<Int>]] = [[450..<450], [450..<720, 700..<800], [780..<990, 450..<720], [1400..<1441], [-10..<30]]
        for intervals in bad {
            #expect(DaySchedule(intervals) == nil, "\(intervals)")
            #expect(DaySchedule(minutes: intervals.map { ($0.lowerBound, $0.upperBound) }) == nil, "\(intervals)")
        }
        #expect(DaySchedule(minutes: [(0, 1440)])?.workingMinutes == 1440)
    }
}
