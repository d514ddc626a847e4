import Foundation
import SOPCore

/// Loads working-time calendars from `definitions/calendars/`: the calendar a procedure names, in its zone,
/// with every closure set of that folder offered (the calendar picks the ones it lists).
final class CalendarFiles {
    private let folder: URL
    private var files: [String: Data]?
    private var cache: [String: BusinessCalendar] = [:]

    init(_ invocation: Invocation) {
        folder = DefinitionFiles.folder(invocation.parsed, invocation.context).appendingPathComponent("calendars")
    }

    private func allFiles() -> [String: Data] {
        if let files { return files }
        var found: [String: Data] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".json") {
            if let data = try? Data(contentsOf: folder.appendingPathComponent(name)) {
                found[String(name.dropLast(5))] = data
            }
        }
        files = found
        return found
    }

    /// The procedure's calendar, or a clear failure naming the file and the problem.
    func calendar(for procedure: Procedure) throws(CommandFailure) -> BusinessCalendar {
        let key = procedure.calendar.name + "\u{0}" + procedure.calendar.timeZone
        if let cached = cache[key] { return cached }
        let files = allFiles()
        guard let data = files[procedure.calendar.name] else {
            throw CommandFailure(.noInput, code: "unknown-calendar",
                                 Text(en: "Calendar '\(procedure.calendar.name)' (named by \(procedure.id)) is not in \(folder.path).",
                                      id: "Kalender '\(procedure.calendar.name)' (disebut oleh \(procedure.id)) tidak ada di \(folder.path)."))
        }
        do throws(CalendarError) {
            let calendar = try BusinessCalendar.decode(calendarJSON: data, closureSets: files, timeZone: procedure.calendar.timeZone)
            cache[key] = calendar
            return calendar
        } catch {
            throw CommandFailure(.dataError, code: "invalid-calendar",
                                 Text(en: "Calendar '\(procedure.calendar.name)' cannot be used: \(error)",
                                      id: "Kalender '\(procedure.calendar.name)' tidak dapat dipakai: \(error)"))
        }
    }
}
