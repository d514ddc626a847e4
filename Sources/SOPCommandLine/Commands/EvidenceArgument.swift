import Foundation
import SOPCore
import SOPSQLite

/// Reads `--requirement ID=VALUE` and `--output ID=VALUE`: an existing file is attached (stored by SHA-256),
/// anything else is a text reference such as a letter number. `file:` and `text:` prefixes force the choice.
enum EvidenceArgument {
    /// Larger evidence files are refused (a scanned letter is a few megabytes), unless `SOP_EVIDENCE_MAX_BYTES` says otherwise.
    static let maximumFileSize = 25 * 1024 * 1024

    /// The size limit in force: `SOP_EVIDENCE_MAX_BYTES` (a positive whole number of bytes), else 25 MiB.
    static func maximumFileSize(_ environment: [String: String]) throws(CommandFailure) -> Int {
        guard let text = environment[EnvironmentVariable.evidenceMaximumBytes] else { return maximumFileSize }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 else {
            throw CommandFailure(.usage, code: "invalid-environment",
                                 Text(en: "SOP_EVIDENCE_MAX_BYTES is '\(text)'; it must be a positive number of bytes, e.g. 26214400.",
                                      id: "SOP_EVIDENCE_MAX_BYTES bernilai '\(text)'; nilainya harus jumlah byte positif, mis. 26214400."))
        }
        return value
    }

    struct Parsed {
        var items: [EvidenceItem] = []
        var blobs: [EvidenceBlob] = []
    }

    static func read(_ values: [String], option: String, invocation: Invocation, into parsed: inout Parsed) throws(CommandFailure) {
        for value in values {
            guard let eq = value.firstIndex(of: "="), eq != value.startIndex else {
                throw .usage(.invalid(option: option, value: value,
                                      expected: Text(en: "ID=FILE or ID=TEXT", id: "ID=BERKAS atau ID=TEKS"),
                                      path: invocation.parsed.path))
            }
            let id = ItemID(String(value[..<eq]))
            var rest = String(value[value.index(after: eq)...])
            if rest.hasPrefix("text:") {
                parsed.items.append(.text(id, String(rest.dropFirst(5))))
                continue
            }
            var forcedFile = false
            if rest.hasPrefix("file:") { rest = String(rest.dropFirst(5)); forcedFile = true }
            let url = invocation.context.url(for: rest)
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            if exists {
                let (item, blob) = try attach(url, displayName: (rest as NSString).lastPathComponent, id: id,
                                              limit: try maximumFileSize(invocation.context.environment))
                parsed.items.append(item)
                if !parsed.blobs.contains(where: { $0.sha256 == blob.sha256 }) { parsed.blobs.append(blob) }
            } else if forcedFile || looksLikePath(rest) {
                throw CommandFailure(.noInput, code: "missing-file",
                                     Text(en: "File '\(rest)' for '\(id)' does not exist. To record a text reference instead, write \(id)=text:\(rest).",
                                          id: "Berkas '\(rest)' untuk '\(id)' tidak ada. Untuk mencatat rujukan teks, tulis \(id)=text:\(rest)."))
            } else {
                parsed.items.append(.text(id, rest))
            }
        }
    }

    /// A value without spaces that starts like a path or ends in a file extension is meant as a file;
    /// letter numbers such as "12/PPID/2026" are text.
    static func looksLikePath(_ text: String) -> Bool {
        guard !text.contains(" ") else { return false }
        if text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("~/") { return true }
        guard let dot = text.lastIndex(of: ".") else { return false }
        let ext = text[text.index(after: dot)...]
        return (2...4).contains(ext.count) && ext.allSatisfy { $0.isLetter || $0.isNumber }
    }

    private static func attach(_ url: URL, displayName: String, id: ItemID, limit: Int) throws(CommandFailure) -> (EvidenceItem, EvidenceBlob) {
        let size = ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int) ?? 0
        guard size <= limit else {
            throw CommandFailure(.dataError, code: "evidence-too-large",
                                 Text(en: "File '\(displayName)' is \(size) bytes; evidence files may be at most \(limit) bytes (SOP_EVIDENCE_MAX_BYTES).",
                                      id: "Berkas '\(displayName)' berukuran \(size) byte; berkas bukti paling besar \(limit) byte (SOP_EVIDENCE_MAX_BYTES)."))
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CommandFailure(.noInput, code: "unreadable-file",
                                 Text(en: "Cannot read '\(displayName)': \(error.localizedDescription)",
                                      id: "Berkas '\(displayName)' tidak dapat dibaca: \(error.localizedDescription)"))
        }
        guard data.count <= limit else {  // the file grew after it was measured
            throw CommandFailure(.dataError, code: "evidence-too-large",
                                 Text(en: "File '\(displayName)' is \(data.count) bytes; evidence files may be at most \(limit) bytes (SOP_EVIDENCE_MAX_BYTES).",
                                      id: "Berkas '\(displayName)' berukuran \(data.count) byte; berkas bukti paling besar \(limit) byte (SOP_EVIDENCE_MAX_BYTES)."))
        }
        let hash: String
        do throws(StoreError) { hash = try ContentHash.sha256(data) } catch { throw StoreAccess.failure(error) }
        return (.file(id, sha256: hash, name: displayName, size: data.count, mediaType: mediaType(for: displayName)),
                EvidenceBlob(sha256: hash, data: data))
    }

    static func mediaType(for name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "doc": "application/msword"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xls": "application/vnd.ms-excel"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "txt": "text/plain"
        case "csv": "text/csv"
        case "json": "application/json"
        case "zip": "application/zip"
        default: "application/octet-stream"
        }
    }
}
