import Foundation

// Conversion between the engine's typed events and the store's opaque records.
//
// The payload is the kind's struct as JSON with sorted keys (so equal events are equal bytes), plus
// `officerName` beside its fields: the store has a column for the NIP only, and the name must be kept as
// it was at that moment. Dates inside payloads, if a kind ever has any, are milliseconds since 1970.

extension InstanceEvent {
    /// The stored form of this event.
    public func record() throws(EventCodingError) -> EventRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let data: Data
        do {
            switch payload {
            case .started(let body): data = try encoder.encode(StoredPayload(body: body, officerName: officer?.name))
            case .stepCompleted(let body): data = try encoder.encode(StoredPayload(body: body, officerName: officer?.name))
            case .returned(let body): data = try encoder.encode(StoredPayload(body: body, officerName: officer?.name))
            case .cancelled(let body): data = try encoder.encode(StoredPayload(body: body, officerName: officer?.name))
            case .noteAdded(let body): data = try encoder.encode(StoredPayload(body: body, officerName: officer?.name))
            case .deviationRecorded(let body): data = try encoder.encode(StoredPayload(body: body, officerName: officer?.name))
            case .deviationAccounted(let body): data = try encoder.encode(StoredPayload(body: body, officerName: officer?.name))
            case .evidenceRead(let body), .evidenceRefused(let body):
                data = try encoder.encode(StoredPayload(body: body, officerName: officer?.name))
            }
        } catch {
            throw .encodingFailed(kind: kind, sequence: sequence, detail: String(describing: error))
        }
        return EventRecord(instanceID: instanceID, sequence: sequence, kind: kind.rawValue, officerNIP: officer?.nip,
                           role: role, occurredAt: occurredAt, recordedAt: recordedAt, payload: data)
    }

    /// Reads a stored event back.
    public init(record: EventRecord) throws(EventCodingError) {
        guard let kind = InstanceEventKind(rawValue: record.kind) else {
            throw .unknownKind(record.kind, sequence: record.sequence)
        }
        let officerName: String?
        let payload: InstanceEventPayload
        do {
            switch kind {
            case .started:
                let stored = try Self.decode(InstanceEventPayload.Started.self, from: record.payload)
                (payload, officerName) = (.started(stored.body), stored.officerName)
            case .stepCompleted:
                let stored = try Self.decode(InstanceEventPayload.StepCompleted.self, from: record.payload)
                (payload, officerName) = (.stepCompleted(stored.body), stored.officerName)
            case .returned:
                let stored = try Self.decode(InstanceEventPayload.Returned.self, from: record.payload)
                (payload, officerName) = (.returned(stored.body), stored.officerName)
            case .cancelled:
                let stored = try Self.decode(InstanceEventPayload.Cancelled.self, from: record.payload)
                (payload, officerName) = (.cancelled(stored.body), stored.officerName)
            case .noteAdded:
                let stored = try Self.decode(InstanceEventPayload.NoteAdded.self, from: record.payload)
                (payload, officerName) = (.noteAdded(stored.body), stored.officerName)
            case .deviationRecorded:
                let stored = try Self.decode(Deviation.self, from: record.payload)
                (payload, officerName) = (.deviationRecorded(stored.body), stored.officerName)
            case .deviationAccounted:
                let stored = try Self.decode(InstanceEventPayload.DeviationAccounted.self, from: record.payload)
                (payload, officerName) = (.deviationAccounted(stored.body), stored.officerName)
            case .evidenceRead:
                let stored = try Self.decode(EvidenceAccess.self, from: record.payload)
                (payload, officerName) = (.evidenceRead(stored.body), stored.officerName)
            case .evidenceRefused:
                let stored = try Self.decode(EvidenceAccess.self, from: record.payload)
                (payload, officerName) = (.evidenceRefused(stored.body), stored.officerName)
            }
        } catch {
            throw .malformedPayload(kind: kind, sequence: record.sequence, detail: String(describing: error))
        }
        let officer: ActingOfficer?
        switch (record.officerNIP, officerName) {
        case (nil, nil): officer = nil
        case (let nip?, let name?): officer = ActingOfficer(nip: nip, name: name)
        case (nil, _?):
            throw .malformedPayload(kind: kind, sequence: record.sequence, detail: "officerName without an officer NIP")
        case (_?, nil):
            throw .malformedPayload(kind: kind, sequence: record.sequence, detail: "officer NIP without officerName")
        }
        self.init(instanceID: record.instanceID, sequence: record.sequence, officer: officer, role: record.role,
                  occurredAt: record.occurredAt, recordedAt: record.recordedAt, payload: payload)
    }

    /// Reads a whole stored history back, in the order given.
    public static func events(from records: [EventRecord]) throws(EventCodingError) -> [InstanceEvent] {
        var events: [InstanceEvent] = []
        events.reserveCapacity(records.count)
        for record in records { events.append(try InstanceEvent(record: record)) }
        return events
    }

    private static func decode<Body: Decodable>(_ type: Body.Type, from data: Data) throws -> StoredPayload<Body> {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(StoredPayload<Body>.self, from: data)
    }
}

/// A payload's fields with `officerName` written beside them in the same JSON object.
private struct StoredPayload<Body> {
    var body: Body
    var officerName: String?
}

private enum OfficerNameKey: String, CodingKey { case officerName }

extension StoredPayload: Encodable where Body: Encodable {
    func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        var container = encoder.container(keyedBy: OfficerNameKey.self)
        try container.encodeIfPresent(officerName, forKey: .officerName)
    }
}

extension StoredPayload: Decodable where Body: Decodable {
    init(from decoder: any Decoder) throws {
        body = try Body(from: decoder)
        officerName = try decoder.container(keyedBy: OfficerNameKey.self).decodeIfPresent(String.self, forKey: .officerName)
    }
}
