/// The JSON mirror of the two calendar file kinds (schema/sop-calendar.schema.json).
///
/// Strings stay strings here so that checking them can name the exact JSON path of a bad
/// time or date; ``BusinessCalendar/decode(calendarJSON:closureSets:timeZone:)`` turns them
/// into typed values.
enum CalendarFile {
    /// Just the discriminator, read first so a wrong kind of file gets its own error.
    struct Header: Decodable {
        let kind: String
    }

    /// kind `working-hours`.
    struct WorkingHours: Decodable {
        let id: String
        let name: String
        let week: [String: [[String]]]
        let closures: [String]
        let periods: [Period]?
    }

    struct Period: Decodable {
        let name: String
        let from: String
        let to: String
        let week: [String: [[String]]]
    }

    /// kind `closures`.
    struct ClosureSet: Decodable {
        let id: String
        let year: Int
        let closures: [Closure]
    }

    struct Closure: Decodable {
        let date: String
        let kind: String
        let name: String
    }

    static let workingHoursKind = "working-hours"
    static let closureSetKind = "closures"
}
