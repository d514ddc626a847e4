import Foundation
import SOPCore

/// Loads working-time calendars from `definitions/calendars/`: the calendar a procedure names, in its zone,
/// with the closure sets it lists, each read from the same folder.
final class CalendarFiles {
    /// The calendars folder's absolute path (string operations only, see `CommandContext.path(for:)`).
    private let folder: String
    /// Files read so far by id (file name without `.json`); nil when missing or unreadable.
    private var files: [String: Data?] = [:]
    private var cache: [String: BusinessCalendar] = [:]

    init(_ invocation: Invocation) {
        let definitions = DefinitionFiles.absoluteFolderPath(invocation.parsed, invocation.context)
        folder = (definitions.hasSuffix("/") ? definitions : definitions + "/") + "calendars"
    }

    /// `<folder>/<id>.json`, read once. Files are read by name, not by listing the folder: the listing costs
    /// every timed command a runtime conformance scan (see BENCHMARKS.md). An id with a `/` (or a NUL) names
    /// no file of the folder, as it matched no name in the listing before.
    private func file(_ id: String) -> Data? {
        if let known = files[id] { return known }
        let data = id.utf8.contains(UInt8(ascii: "/")) || id.utf8.contains(0)
            ? nil : FileManager.default.contents(atPath: folder + "/" + id + ".json")
        files[id] = data
        return data
    }

    /// The procedure's calendar, or a clear failure naming the file and the problem.
    func calendar(for procedure: Procedure) throws(CommandFailure) -> BusinessCalendar {
        let key = procedure.calendar.name + "\u{0}" + procedure.calendar.timeZone
        if let cached = cache[key] { return cached }
        guard let data = file(procedure.calendar.name) else {
            throw CommandFailure(.noInput, code: "unknown-calendar",
                                 Text(en: "Calendar '\(procedure.calendar.name)' (named by \(procedure.id)) is not in \(folder).",
                                      id: "Kalender '\(procedure.calendar.name)' (disebut oleh \(procedure.id)) tidak ada di \(folder)."))
        }
        do throws(CalendarError) {
            let calendar = try BusinessCalendar.decode(calendarJSON: data, closureSet: file, timeZone: procedure.calendar.timeZone)
            cache[key] = calendar
            return calendar
        } catch {
            throw CommandFailure(.dataError, code: "invalid-calendar",
                                 Text(en: "Calendar '\(procedure.calendar.name)' cannot be used: \(error)",
                                      id: "Kalender '\(procedure.calendar.name)' tidak dapat dipakai: \(error)"))
        }
    }
}
