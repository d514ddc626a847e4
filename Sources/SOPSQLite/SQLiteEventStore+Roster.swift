import SOPCore

extension SQLiteEventStore {
    public func officer(nip: String) throws(StoreError) -> Officer? {
        try perform {
            var name: String?
            try connection.cached("SELECT name FROM officers WHERE nip = ?1").forEachRow([.text(nip)]) { row in
                name = try row.required(0, "officers.name")
            }
            guard let name else { return nil }
            return Officer(nip: nip, name: name, grants: try grants(of: nip))
        }
    }

    public func officers() throws(StoreError) -> [Officer] {
        try perform {
            var officers: [Officer] = []
            try connection.cached("SELECT nip, name FROM officers ORDER BY nip").forEachRow { row in
                officers.append(Officer(nip: try row.required(0, "officers.nip"), name: try row.required(1, "officers.name")))
            }
            var grantsByNIP: [String: [RoleGrant]] = [:]
            try connection.cached("SELECT nip, agency_id, role FROM grants").forEachRow { row in
                grantsByNIP[try row.required(0, "grants.nip"), default: []].append(
                    RoleGrant(agencyID: try row.required(1, "grants.agency_id"),
                              role: ActorID(try row.required(2, "grants.role"))))
            }
            for index in officers.indices {
                officers[index].grants = (grantsByNIP[officers[index].nip] ?? []).sorted()
            }
            return officers
        }
    }

    private func grants(of nip: String) throws -> [RoleGrant] {
        var grants: [RoleGrant] = []
        try connection.cached("SELECT agency_id, role FROM grants WHERE nip = ?1").forEachRow([.text(nip)]) { row in
            grants.append(RoleGrant(agencyID: try row.required(0, "grants.agency_id"),
                                    role: ActorID(try row.required(1, "grants.role"))))
        }
        return grants.sorted()
    }

    public func applyRosterChange(_ change: RosterChange) throws(StoreError) {
        let at = try StoredTime.milliseconds(change.at)
        let nip = change.nip
        try write {
            var exists = false
            try connection.cached("SELECT 1 FROM officers WHERE nip = ?1").forEachRow([.text(nip)]) { _ in exists = true }
            let kind: String
            var name: String?
            var grant: RoleGrant?
            switch change.kind {
            case .add(let newName):
                guard !exists else { throw StoreError.rosterRefused(.officerExists(nip: nip)) }
                try connection.cached("INSERT INTO officers(nip, name) VALUES (?1, ?2)").run([.text(nip), .text(newName)])
                kind = "add"; name = newName
            case .grant(let granted):
                guard exists else { throw StoreError.rosterRefused(.unknownOfficer(nip: nip)) }
                try connection.cached("""
                    INSERT INTO grants(nip, agency_id, role) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING
                    """).run([.text(nip), .text(granted.agencyID), .text(granted.role.rawValue)])
                guard connection.changes == 1 else {
                    throw StoreError.rosterRefused(.roleAlreadyHeld(nip: nip, grant: granted))
                }
                kind = "grant"; grant = granted
            case .revoke(let revoked):
                guard exists else { throw StoreError.rosterRefused(.unknownOfficer(nip: nip)) }
                try connection.cached("DELETE FROM grants WHERE nip = ?1 AND agency_id = ?2 AND role = ?3")
                    .run([.text(nip), .text(revoked.agencyID), .text(revoked.role.rawValue)])
                guard connection.changes == 1 else {
                    throw StoreError.rosterRefused(.roleNotHeld(nip: nip, grant: revoked))
                }
                kind = "revoke"; grant = revoked
            }
            try connection.cached("""
                INSERT INTO roster_events(nip, kind, agency_id, role, name, by_nip, at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                """).run([.text(nip), .text(kind), .optionalText(grant?.agencyID), .optionalText(grant?.role.rawValue),
                          .optionalText(name), .optionalText(change.by), .integer(at)])
        }
    }

    public func rosterEvents() throws(StoreError) -> [RosterChange] {
        try perform {
            var changes: [RosterChange] = []
            try connection.cached("""
                SELECT nip, kind, agency_id, role, name, by_nip, at FROM roster_events ORDER BY id
                """).forEachRow { row in
                    let kindText = try row.required(1, "roster_events.kind")
                    let kind: RosterChange.Kind
                    switch kindText {
                    case "add":
                        kind = .add(name: try row.required(4, "roster_events.name"))
                    case "grant", "revoke":
                        let grant = RoleGrant(agencyID: try row.required(2, "roster_events.agency_id"),
                                              role: ActorID(try row.required(3, "roster_events.role")))
                        kind = kindText == "grant" ? .grant(grant) : .revoke(grant)
                    default:
                        throw StoreError.corrupt(message: "roster_events.kind holds unknown kind '\(kindText)'")
                    }
                    changes.append(RosterChange(nip: try row.required(0, "roster_events.nip"), kind: kind,
                                                by: row.text(5), at: StoredTime.date(milliseconds: row.int64(6))))
                }
            return changes
        }
    }
}
