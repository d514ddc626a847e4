import Foundation
@testable import SOPCore

/// Small inline definitions for validation tests, and the shipped files.
enum DefinitionFixtures {
    /// A minimal valid definition: two actors, three steps, the last a decision with a rework loop.
    static var minimal: [String: Any] { [
        "id": "contoh", "version": "1",
        "agency": ["id": "instansi-contoh", "name": "Badan Contoh Provinsi Kalimantan Timur"],
        "number": "1/POS/2026", "name": "POS Pendokumentasian Informasi yang Dikecualikan",
        "dates": ["created": ["date": "2026-01-05"], "effective": ["date": "2026-01-06"]],
        "approver": ["title": "Kepala", "name": "Nama Pejabat", "nip": "196701101994031001"],
        "calendar": ["timeZone": "Asia/Makassar", "name": "asn-perpres-21-2023"],
        "actors": [["id": "ppid", "name": "PPID"], ["id": "petugas", "name": "Petugas Dokumentasi"]],
        "steps": [
            ["id": "siapkan", "number": "1", "activity": "Menyiapkan daftar", "actor": "petugas",
             "requirements": [["id": "surat", "text": "Surat pengantar", "external": true]],
             "timeLimit": "30 Menit", "outputs": [["id": "daftar", "text": "Daftar informasi"]]],
            ["id": "periksa", "number": "2", "activity": "Memeriksa daftar", "actor": "ppid",
             "requirements": [["id": "daftar", "text": "Daftar informasi"]],
             "timeLimit": "1 Jam", "outputs": [["id": "hasil", "text": "Hasil pemeriksaan"]]],
            ["id": "putuskan", "number": "3", "activity": "Memutuskan kelengkapan", "actor": "ppid",
             "timeLimit": "15 Menit",
             "decision": ["question": "Lengkap?", "outcomes": [["label": "ya", "next": "end"],
                                                               ["label": "tidak", "next": "siapkan"]]]],
        ],
    ] }

    static func bytes(_ object: Any) -> [UInt8] {
        // JSONSerialization only fails on non-JSON types, which these fixtures never contain.
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data())
    }

    /// The minimal definition after a change.
    static func mutated(_ change: (inout [String: Any]) -> Void) -> [UInt8] {
        var copy = minimal
        change(&copy)
        return bytes(copy)
    }

    /// Replaces a value deep in the fixture: `set(&d, ["steps", 1, "actor"], "x")`.
    static func set(_ root: inout [String: Any], _ path: [Any], _ value: Any?) {
        func update(_ node: Any, _ path: ArraySlice<Any>) -> Any? {
            guard let head = path.first else { return value }
            if let key = head as? String, var dict = node as? [String: Any] {
                dict[key] = update(dict[key] ?? [String: Any](), path.dropFirst())
                return dict
            }
            if let index = head as? Int, var array = node as? [Any], index <= array.count {
                if index == array.count {
                    if let added = update([String: Any](), path.dropFirst()) { array.append(added) }
                } else if let updated = update(array[index], path.dropFirst()) {
                    array[index] = updated
                } else {
                    array.remove(at: index)
                }
                return array
            }
            return node
        }
        if let updated = update(root, path[...]) as? [String: Any] { root = updated }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var shippedDefinitionFiles: [URL] {
        let folder = repositoryRoot.appendingPathComponent("definitions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func shipped(_ name: String, lint: Bool = true) -> LoadedDefinition {
        let url = repositoryRoot.appendingPathComponent("definitions").appendingPathComponent(name)
        let data = (try? Data(contentsOf: url)) ?? Data()
        return DefinitionLoader.load(Array(data), file: name, lint: lint)
    }
}
