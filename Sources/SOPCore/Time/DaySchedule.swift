/// The working intervals of one day, in minutes after local midnight; the gaps are breaks.
///
/// Intervals are half-open (`[07:30, 12:00)`), sorted and disjoint, so a break is simply
/// time that belongs to no interval and the clock can skip it without special cases.
public struct DaySchedule: Sendable, Hashable {
    /// Working intervals in minutes after midnight, e.g. `[450..<720, 780..<960]` for 07:30–12:00 and 13:00–16:00.
    public var intervals: [Range<Int>] { spans.map { Int($0.start) / 60 ..< Int($0.end) / 60 } }

    /// The intervals in seconds after midnight, kept as `Double` for the clock's arithmetic.
    ///
    /// Stored instead of `[Range<Int>]`: every command decodes its calendar, and in the static release
    /// binary the first `Range<Int>` costs a scan of every protocol conformance record (~0.3M instructions;
    /// BENCHMARKS.md, fourth round); no command needs ``intervals`` as ranges.
    let spans: [Span]
    /// Working seconds in the day.
    let totalSeconds: Double

    struct Span: Sendable, Hashable {
        let start: Double
        let end: Double
    }

    /// A day with no working time (weekend, holiday, cuti bersama).
    public static let closed = DaySchedule(validated: [])

    /// A schedule, or nil when the intervals are empty, unsorted, overlapping or outside 00:00–24:00.
    public init?(_ intervals: [Range<Int>]) {
        self.init(minutes: intervals.map { (start: $0.lowerBound, end: $0.upperBound) })
    }

    /// ``init(_:)`` from (start, end) minute pairs, as the calendar reader produces them.
    init?(minutes: [(start: Int, end: Int)]) {
        var previousEnd = 0
        for interval in minutes {
            guard interval.start < interval.end, interval.start >= previousEnd, interval.end <= 1440 else { return nil }
            previousEnd = interval.end
        }
        self.init(validated: minutes.map { Span(start: Double($0.start * 60), end: Double($0.end * 60)) })
    }

    private init(validated spans: [Span]) {
        self.spans = spans
        totalSeconds = spans.reduce(0) { $0 + ($1.end - $1.start) }
    }

    /// Working minutes in the day, breaks excluded (450 for a Perpres 21/2023 day).
    public var workingMinutes: Int { Int(totalSeconds) / 60 }

    public var isClosed: Bool { spans.isEmpty }

    /// Working seconds between two moments of the day (seconds after midnight).
    func workingSeconds(from start: Double, to end: Double) -> Double {
        var total = 0.0
        for span in spans {
            let overlap = min(span.end, end) - max(span.start, start)
            if overlap > 0 { total += overlap }
        }
        return total
    }

    /// Where `remaining` working seconds, counted from `start` (seconds after midnight), run out
    /// on this day; otherwise nil, with `remaining` reduced by the day's working time after `start`.
    ///
    /// Ending exactly at the close of an interval counts as this day (a limit that fills the
    /// afternoon ends at 16:00, not at 07:30 the next morning).
    func consume(from start: Double, remaining: inout Double) -> Double? {
        for span in spans {
            let begin = max(span.start, start)
            let available = span.end - begin
            guard available > 0 else { continue }
            if remaining <= available { return begin + remaining }
            remaining -= available
        }
        return nil
    }

    /// The first working moment at or after `start` on this day, if any.
    func firstWorkingMoment(atOrAfter start: Double) -> Double? {
        for span in spans where span.end > start { return max(span.start, start) }
        return nil
    }
}
