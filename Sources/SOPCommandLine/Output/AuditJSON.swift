import SOPCore

/// The JSON of audit findings, shared by `sop audit verify` and `sop audit export`.
enum AuditJSON {
    static func chainBreak(_ found: ChainBreak) -> JSONValue {
        .object([("instance", .string(found.instance.rawValue)), ("sequence", .int(found.sequence)),
                 ("kind", .string(found.kind.rawValue))])
    }

    static func evidence(_ result: EvidenceCheckResult) -> JSONValue {
        .object([("sha256", .string(result.sha256)), ("size", .int(result.size)), ("items", .array(result.items.map { .string($0.rawValue) })),
                 ("names", .array(result.names.map(JSONValue.string))), ("status", .string(result.status.rawValue))])
    }

    /// One line for a chain break, in the reader's language.
    static func describe(_ found: ChainBreak) -> Text {
        let at = "\(found.instance) #\(found.sequence)"
        switch found.kind {
        case .edited:
            return Text(en: "\(at): edited — the stored event no longer matches its seal",
                        id: "\(at): diubah — kejadian yang tersimpan tidak lagi cocok dengan segelnya")
        case .deleted:
            return Text(en: "\(at): deleted — this event is missing from the history",
                        id: "\(at): dihapus — kejadian ini hilang dari riwayat")
        case .inserted:
            return Text(en: "\(at): inserted — an event sop did not append",
                        id: "\(at): disisipkan — kejadian yang tidak ditambahkan oleh sop")
        case .reordered:
            return Text(en: "\(at): reordered — the event was moved from its place",
                        id: "\(at): diubah urutannya — kejadian dipindahkan dari tempatnya")
        }
    }
}
