import Foundation
import SOPCore

/// `sop validate`, `sop lint`, `sop definitions`, `sop show`: the administrator's commands.
enum DefinitionCommands {
    static let pathsArgument = ArgumentSpec(
        name: "path", help: Text(en: "Definition files or folders. (default: the definitions folder)",
                                 id: "Berkas atau folder definisi. (bawaan: folder definisi)"),
        isOptional: true, isRepeating: true)

    static let validate = Command(
        spec: CommandSpec(name: "validate",
                          abstract: Text(en: "Check definitions and report every error.",
                                         id: "Periksa definisi dan laporkan setiap galat."),
                          arguments: [pathsArgument]),
        run: { invocation throws(CommandFailure) in check(invocation, lint: false) })

    static let lint = Command(
        spec: CommandSpec(name: "lint",
                          abstract: Text(en: "Check definitions and also report warnings (likely defects).",
                                         id: "Periksa definisi dan laporkan juga peringatan (kemungkinan cacat)."),
                          arguments: [pathsArgument],
                          options: [OptionSpec(name: "strict", valueName: nil,
                                               help: Text(en: "Fail (exit 65) on warnings too.",
                                                          id: "Gagal (keluar 65) juga bila ada peringatan."))]),
        run: { invocation throws(CommandFailure) in check(invocation, lint: true) })

    /// Loads the named paths (or the definitions folder) with diagnostics, duplicates across files included.
    static func loadAll(_ invocation: Invocation, paths: [String], lint: Bool) -> [LoadedDefinition] {
        let files = paths.isEmpty
            ? DefinitionFiles.expand([DefinitionFiles.folderPath(invocation.parsed, invocation.context)], context: invocation.context)
            : DefinitionFiles.expand(paths, context: invocation.context)
        var loaded = DefinitionFiles.load(files, lint: lint)
        checkCalendars(&loaded, invocation: invocation)
        let duplicates = DefinitionLoader.duplicateDefinitions(in: loaded)
        for duplicate in duplicates {
            if let index = loaded.firstIndex(where: { $0.file == duplicate.file }) {
                loaded[index].diagnostics.insert(duplicate, at: 0)
                loaded[index].procedure = nil
            }
        }
        return loaded
    }

    private static func check(_ invocation: Invocation, lint: Bool) -> ExitCode {
        let language = invocation.language
        let loaded = loadAll(invocation, paths: invocation.parsed.arguments, lint: lint)
        let diagnostics = loaded.flatMap(\.diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if invocation.json {
            invocation.out(.array(diagnostics.map { DiagnosticRenderer.json($0, language: language) }))
        } else {
            invocation.out(DiagnosticRenderer.text(diagnostics, language: language))
            if loaded.isEmpty {
                invocation.out(Text(en: "No definition files found.", id: "Tidak ada berkas definisi.")(language) + "\n")
            }
            invocation.out(Text(en: "\(loaded.count) file(s): \(errors) error(s), \(warnings) warning(s).",
                                id: "\(loaded.count) berkas: \(errors) galat, \(warnings) peringatan.")(language) + "\n")
        }
        if loaded.isEmpty { return .noInput }
        let errorCodes = Set(diagnostics.filter { $0.severity == .error }.map(\.code))
        if errorCodes == [.unreadableFile] { return .noInput }
        if errors > 0 || (lint && invocation.parsed.has("strict") && warnings > 0) { return .dataError }
        return .success
    }

    /// A definition must name a calendar that exists in the definitions folder's `calendars/`.
    private static func checkCalendars(_ loaded: inout [LoadedDefinition], invocation: Invocation) {
        let folder = DefinitionFiles.folder(invocation.parsed, invocation.context).appendingPathComponent("calendars")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        let shown = DefinitionFiles.folderPath(invocation.parsed, invocation.context) + "/calendars"
        for index in loaded.indices {
            guard let procedure = loaded[index].procedure, !names.contains(procedure.calendar.name) else { continue }
            var diagnostic = Diagnostic.error(.unknownCalendar, path: "$.calendar.name", expected: shown,
                                              found: procedure.calendar.name,
                                              suggestion: names.isEmpty ? nil : .closest(procedure.calendar.name, in: names))
            diagnostic.file = loaded[index].file
            let bytes = loaded[index].bytes
            let location = DefinitionLoader.location(ofPath: "$.calendar.name", in: bytes)
            diagnostic.line = location?.line
            diagnostic.column = location?.column
            loaded[index].diagnostics.insert(diagnostic, at: 0)
            loaded[index].procedure = nil
        }
    }

    /// The valid procedures of the definitions folder, by id (the newest version of each when several).
    static func catalog(_ invocation: Invocation) throws(CommandFailure) -> [Procedure] {
        try loadedCatalog(invocation).compactMap(\.procedure)
    }

    /// The definitions folder loaded once, with each file's bytes; refused when the folder has no definition.
    static func loadedCatalog(_ invocation: Invocation) throws(CommandFailure) -> [LoadedDefinition] {
        let loaded = loadAll(invocation, paths: [], lint: false)
        if loaded.isEmpty {
            let folder = DefinitionFiles.folder(invocation.parsed, invocation.context).path
            throw CommandFailure(.noInput, code: "no-definitions",
                                 Text(en: "No definition files in \(folder). Use --definitions DIR.",
                                      id: "Tidak ada berkas definisi di \(folder). Gunakan --definitions DIR."))
        }
        return loaded
    }

    static let list = Command(
        spec: CommandSpec(name: "definitions",
                          abstract: Text(en: "List the loaded definitions.", id: "Daftar definisi yang dimuat.")),
        run: { invocation throws(CommandFailure) in
            let loaded = loadAll(invocation, paths: [], lint: false)
            let procedures = loaded.compactMap(\.procedure)
            let l = invocation.language
            if invocation.json {
                invocation.out(.array(procedures.map { p in
                    .object([("id", .string(p.id.rawValue)), ("version", .string(p.version)),
                             ("agency", .string(p.agency.name)), ("agencyId", .string(p.agency.id)),
                             ("number", .string(p.number)), ("name", .string(p.name)),
                             ("effective", .optional(p.dates.effective?.isoString)), ("steps", .int(p.steps.count)),
                             ("totalMinutes", .int(p.totalMinutes))])
                }))
            } else {
                let rows = procedures.map { p in
                    [p.id.rawValue, p.version, p.agency.shortName ?? p.agency.name, p.number, p.name,
                     p.dates.effective?.isoString ?? "-", "\(p.steps.count)", Durations.text(minutes: p.totalMinutes, l)]
                }
                invocation.out(TableRenderer.render(
                    headers: [Text(en: "ID", id: "ID")(l), Text(en: "VER", id: "VER")(l), Text(en: "AGENCY", id: "INSTANSI")(l),
                              Text(en: "NUMBER", id: "NOMOR")(l), Text(en: "NAME", id: "NAMA")(l),
                              Text(en: "EFFECTIVE", id: "EFEKTIF")(l), Text(en: "STEPS", id: "LANGKAH")(l),
                              Text(en: "TOTAL TIME", id: "TOTAL WAKTU")(l)],
                    rows: rows, width: 80))
                let invalid = loaded.filter { $0.procedure == nil }
                if !invalid.isEmpty {
                    invocation.err(Text(en: "\(invalid.count) file(s) have errors and were skipped; run 'sop validate'.",
                                        id: "\(invalid.count) berkas bergalat dan dilewati; jalankan 'sop validate'.")(l) + "\n")
                }
            }
            return .success
        })

    static let show = Command(
        spec: CommandSpec(name: "show",
                          abstract: Text(en: "Print a POS as the official sheet.", id: "Cetak POS sebagai lembar resmi."),
                          arguments: [ArgumentSpec(name: "id", help: Text(en: "Definition id.", id: "Id definisi."))]),
        run: { invocation throws(CommandFailure) in
            let procedure = try find(invocation.parsed.arguments[0], in: try catalog(invocation))
            if invocation.json {
                invocation.out(ProcedureJSON.encode(procedure))
            } else {
                invocation.out(SheetRenderer.render(procedure, language: invocation.language, width: 80))
            }
            return .success
        })

    /// The procedure with this id, or a refusal that suggests the closest id.
    static func find(_ id: String, in procedures: [Procedure]) throws(CommandFailure) -> Procedure {
        if let match = procedures.filter({ $0.id.rawValue == id }).max(by: { $0.version < $1.version }) { return match }
        let ids = procedures.map(\.id.rawValue)
        let hint = closestMatch(to: id, in: ids) ?? ids.first { $0.contains(id) }
        throw CommandFailure(.dataError, code: "unknown-definition",
                             Text(en: "No definition '\(id)'." + (hint.map { " Did you mean '\($0)'?" } ?? "")
                                    + " Known: \(ids.joined(separator: ", ")).",
                                  id: "Definisi '\(id)' tidak ada." + (hint.map { " Maksud Anda '\($0)'?" } ?? "")
                                    + " Yang ada: \(ids.joined(separator: ", "))."))
    }
}
