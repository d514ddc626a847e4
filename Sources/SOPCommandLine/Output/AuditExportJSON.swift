import Foundation
import SOPCore
import SOPSQLite

/// The self-contained record `sop audit export` writes: the definition version (bytes and SHA-256), every
/// event exactly as stored with its seal, and the evidence files' hashes. Verifiable without sop: see the
/// README section "Verifying an export" (the encoding is ``EventChain``'s).
enum AuditExportJSON {
    static let format = "sop-audit-export/1"

    static func render(header: InstanceHeader, definition: DefinitionSnapshot, records: [EventRecord],
                       chainBreak: ChainBreak?, evidence: [EvidenceCheckResult]) -> JSONValue {
        .object([
            ("format", .string(format)),
            ("instance", .string(header.id.rawValue)),
            ("procedure", .object([
                ("id", .string(definition.procedureID.rawValue)), ("version", .string(definition.version)),
                ("agency", .string(header.agencyID)), ("definitionSHA256", .string(definition.hash)),
                ("definitionBase64", .string(definition.json.base64EncodedString())),
            ])),
            ("chain", .object([
                ("encoding", .string(EventChain.encodingTag)), ("digest", .string("sha256")),
                ("genesis", .string(EventChain.genesis)), ("lastSequence", .int(header.lastSequence)),
                ("head", .optional(records.last?.hash)),
                ("intact", .bool(chainBreak == nil)),
                ("break", chainBreak.map(AuditJSON.chainBreak) ?? .null),
            ])),
            ("events", .array(records.map(event))),
            ("evidence", .array(evidence.map(AuditJSON.evidence))),
        ])
    }

    static func event(_ record: EventRecord) -> JSONValue {
        .object([
            ("sequence", .int(record.sequence)), ("kind", .string(record.kind)),
            ("officerNIP", .optional(record.officerNIP)), ("role", .optional(record.role?.rawValue)),
            ("occurredAtMs", .number(Double((try? StoredTime.milliseconds(record.occurredAt)) ?? 0))),
            ("recordedAtMs", .number(Double((try? StoredTime.milliseconds(record.recordedAt)) ?? 0))),
            ("payloadBase64", .string(record.payload.base64EncodedString())),
            ("payloadText", .optional(String(data: record.payload, encoding: .utf8))),
            ("previousHash", .optional(record.previousHash)), ("hash", .optional(record.hash)),
        ])
    }
}
