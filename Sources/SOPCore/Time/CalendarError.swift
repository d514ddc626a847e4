/// Why calendar data could not become a ``BusinessCalendar``: a stable code, the document
/// and the JSON path of the problem, and the offending value.
///
/// It is data, not prose: the command line renders it (in Indonesian or English) and maps
/// ``document`` to a file name; ``description`` is an English fallback for logs and tests.
public struct CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; the raw value is stable and documented.
    public enum Code: String, Sendable, CaseIterable {
        /// Not JSON at all.
        case malformedJSON = "calendar-malformed-json"
        /// A required field is absent.
        case missingField = "calendar-missing-field"
        /// A field has the wrong JSON type.
        case wrongType = "calendar-wrong-type"
        /// `kind` is not the kind of file expected here (`working-hours` or `closures`).
        case wrongKind = "calendar-wrong-kind"
        /// A closure set's `id` differs from the name the calendar refers to it by.
        case mismatchedID = "calendar-mismatched-id"
        /// A time of day is not `HH:MM` between 00:00 and 24:00.
        case invalidTime = "calendar-invalid-time"
        /// An interval is not `[start, end]` with start before end, or overlaps or precedes the one before it.
        case invalidInterval = "calendar-invalid-interval"
        /// A `week` key is not one of `mon` … `sun`.
        case unknownWeekday = "calendar-unknown-weekday"
        /// A `week` lacks a weekday (closed days are listed as `[]`).
        case missingWeekday = "calendar-missing-weekday"
        /// The ordinary week has no working time, so no deadline could ever be reached.
        case noWorkingTime = "calendar-no-working-time"
        /// A date is not a real `YYYY-MM-DD` date.
        case invalidDate = "calendar-invalid-date"
        /// A closure lies outside the `year` its set covers.
        case dateOutsideYear = "calendar-date-outside-year"
        /// A date is listed twice in one closure set.
        case duplicateDate = "calendar-duplicate-date"
        /// A closure's `kind` is not `libur-nasional`, `cuti-bersama` or `libur-daerah`.
        case unknownClosureKind = "calendar-unknown-closure-kind"
        /// The calendar names a closure set that was not supplied.
        case missingClosureSet = "calendar-missing-closure-set"
        /// A period ends before it starts, lasts over 366 days or overlaps another.
        case invalidPeriod = "calendar-invalid-period"
        /// The IANA zone id is unknown.
        case unknownTimeZone = "calendar-unknown-time-zone"
        /// The zone's UTC offset changes (daylight saving or a change since 1990), which the clock does not model.
        case variableUTCOffset = "calendar-variable-utc-offset"
    }

    /// Which input the problem is in.
    public enum Document: Equatable, Sendable, CustomStringConvertible {
        /// The working-hours calendar file.
        case calendar
        /// The closure-set file with this id (the name the calendar refers to it by).
        case closureSet(String)
        /// The time zone id, which comes from the procedure's `calendar.timeZone`.
        case timeZone

        public var description: String {
            switch self {
            case .calendar: "calendar"
            case .closureSet(let id): "closure set '\(id)'"
            case .timeZone: "time zone"
            }
        }
    }

    public var code: Code
    public var document: Document
    /// JSON path of the problem, e.g. `$.week.mon[0][1]`; `$` for the whole document.
    public var path: String
    /// The offending value, or the JSON parser's message for malformed JSON.
    public var value: String?

    public init(_ code: Code, in document: Document, at path: String, value: String? = nil) {
        self.code = code; self.document = document; self.path = path; self.value = value
    }

    public var description: String {
        let detail = value.map { ": '\($0)'" } ?? ""
        return "\(document): error[\(code.rawValue)] at \(path)\(detail)"
    }
}
