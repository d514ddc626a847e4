import SOPCore

extension SQLiteEventStore {
    /// Every instance that has a header or any stored event, sorted: events inserted for an instance
    /// that has no header are audited too.
    public func auditedInstanceIDs() throws(StoreError) -> [InstanceID] {
        try perform {
            var ids: [InstanceID] = []
            try connection.prepare("SELECT id FROM instances UNION SELECT instance_id FROM events ORDER BY 1")
                .forEachRow { row in if let id = row.text(0) { ids.append(InstanceID(id)) } }
            return ids
        }
    }

    /// SQLite's own check of the file's structure: `["ok"]` when sound, otherwise its list of problems.
    public func integrityCheck() throws(StoreError) -> [String] {
        try perform {
            var lines: [String] = []
            try connection.prepare("PRAGMA integrity_check").forEachRow { row in lines.append(row.text(0) ?? "") }
            return lines
        }
    }
}
