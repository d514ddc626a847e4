import Foundation

// Conversion between the engine's typed events and the store's opaque records.
//
// The payload is the kind's struct as JSON with sorted keys (so equal events are equal bytes), plus
// `officerName` beside its fields: the store has a column for the NIP only, and the name must be kept as
// it was at that moment. Dates inside payloads are whole milliseconds since 1970. The codec is hand-written
// (`EventPayloadCodec.swift`): it writes the very bytes Foundation's `JSONEncoder` wrote before, at a
// fraction of the cost, since every command reads an instance's whole history and writes one event.

extension InstanceEvent {
    /// The stored form of this event.
    public func record() throws(EventCodingError) -> EventRecord {
        var writer = PayloadWriter()
        let officerName = officer?.name
        switch payload {
        case .started(let body): writer.write(body, officerName: officerName)
        case .stepCompleted(let body): writer.write(body, officerName: officerName)
        case .returned(let body): writer.write(body, officerName: officerName)
        case .cancelled(let body): writer.write(body, officerName: officerName)
        case .noteAdded(let body): writer.write(body, officerName: officerName)
        case .deviationRecorded(let body):
            guard writer.write(body, officerName: officerName) else {
                throw .encodingFailed(kind: kind, sequence: sequence,
                                      detail: "detectedAt \(body.detectedAt): the date cannot be stored")
            }
        case .deviationAccounted(let body): writer.write(body, officerName: officerName)
        case .evidenceRead(let body), .evidenceRefused(let body): writer.write(body, officerName: officerName)
        }
        return EventRecord(instanceID: instanceID, sequence: sequence, kind: kind.rawValue, officerNIP: officer?.nip,
                           role: role, occurredAt: occurredAt, recordedAt: recordedAt, payload: Data(writer.bytes))
    }

    /// Reads a stored event back.
    public init(record: EventRecord) throws(EventCodingError) {
        guard let kind = InstanceEventKind(rawValue: record.kind) else {
            throw .unknownKind(record.kind, sequence: record.sequence)
        }
        let officerName: String?
        let payload: InstanceEventPayload
        do {
            let object = try PayloadObject.parse(record.payload)
            switch kind {
            case .started: payload = .started(try object.started())
            case .stepCompleted: payload = .stepCompleted(try object.stepCompleted())
            case .returned: payload = .returned(try object.returned())
            case .cancelled: payload = .cancelled(try object.cancelled())
            case .noteAdded: payload = .noteAdded(try object.noteAdded())
            case .deviationRecorded: payload = .deviationRecorded(try object.deviation())
            case .deviationAccounted: payload = .deviationAccounted(try object.deviationAccounted())
            case .evidenceRead: payload = .evidenceRead(try object.evidenceAccess())
            case .evidenceRefused: payload = .evidenceRefused(try object.evidenceAccess())
            }
            officerName = try object.officerName
        } catch {
            throw .malformedPayload(kind: kind, sequence: record.sequence, detail: error.description)
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
}
