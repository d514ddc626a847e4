import Foundation
import SOPCore

/// Finds and reads definition files; the only place the command line touches definition files on disk.
enum DefinitionFiles {
    /// The definitions folder: `--definitions`, else `$SOP_DEFINITIONS`, else `definitions` in the current directory.
    static func folder(_ parsed: ParsedCommand, _ context: CommandContext) -> URL {
        context.url(for: folderPath(parsed, context))
    }

    /// ``folder(_:_:)``'s path, without going through `URL` (see `CommandContext.path(for:)`).
    static func absoluteFolderPath(_ parsed: ParsedCommand, _ context: CommandContext) -> String {
        context.path(for: folderPath(parsed, context))
    }

    /// The folder as the user wrote it, so diagnostics show short relative paths.
    static func folderPath(_ parsed: ParsedCommand, _ context: CommandContext) -> String {
        parsed.value("definitions") ?? context.environment[EnvironmentVariable.definitions] ?? "definitions"
    }

    /// Expands files and folders (a folder means its `*.json`, not subfolders such as `calendars/`), sorted.
    static func expand(_ paths: [String], context: CommandContext) -> [(display: String, url: URL)] {
        var result: [(String, URL)] = []
        for path in paths {
            let url = context.url(for: path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
                for name in names.sorted() where name.hasSuffix(".json") {
                    let child = url.appendingPathComponent(name)
                    var childIsDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: child.path, isDirectory: &childIsDirectory), !childIsDirectory.boolValue {
                        result.append(((path as NSString).appendingPathComponent(name), child))
                    }
                }
            } else {
                result.append((path, url))
            }
        }
        return result
    }

    /// Loads each file; unreadable files and directories become diagnostics, never crashes.
    static func load(_ files: [(display: String, url: URL)], lint: Bool) -> [LoadedDefinition] {
        files.map { file in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: file.url.path, isDirectory: &isDirectory)
            func failed(_ diagnostic: Diagnostic) -> LoadedDefinition {
                var d = diagnostic
                d.file = file.display
                return LoadedDefinition(file: file.display, procedure: nil, diagnostics: [d], bytes: [])
            }
            if !exists { return failed(.error(.unreadableFile, path: "$", found: "no such file")) }
            if isDirectory.boolValue { return failed(.error(.unreadableFile, path: "$", found: "a directory with no .json files")) }
            // Refuse a huge file before reading it into memory.
            if let size = (try? FileManager.default.attributesOfItem(atPath: file.url.path)[.size]) as? Int,
               size > DefinitionLoader.maximumFileSize {
                return failed(.error(.fileTooLarge, path: "$", expected: "at most \(DefinitionLoader.maximumFileSize) bytes",
                                     found: "\(size) bytes"))
            }
            do {
                let data = try Data(contentsOf: file.url)
                return DefinitionLoader.load(Array(data), file: file.display, lint: lint)
            } catch {
                var d = Diagnostic.error(.unreadableFile, path: "$", found: (error as NSError).localizedDescription)
                d.file = file.display
                return LoadedDefinition(file: file.display, procedure: nil, diagnostics: [d], bytes: [])
            }
        }
    }
}
