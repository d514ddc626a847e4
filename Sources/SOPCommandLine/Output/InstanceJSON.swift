import Foundation
import SOPCore

/// The documented JSON shapes of instances, events and headers (see README, "Machine output").
enum InstanceJSON {
    static func evidence(_ item: EvidenceItem) -> JSONValue {
        switch item.content {
        case .text(let text):
            return .object([("id", .string(item.id.rawValue)), ("kind", .string("text")), ("text", .string(text))])
        case .file(let file):
            return .object([("id", .string(item.id.rawValue)), ("kind", .string("file")), ("name", .string(file.name)),
                            ("sha256", .string(file.sha256)), ("size", .int(file.size)), ("mediaType", .string(file.mediaType))])
        }
    }

    static func target(_ target: FlowTarget) -> JSONValue {
        switch target {
        case .end: .string("end")
        case .step(let id): .string(id.rawValue)
        }
    }

    static func header(_ h: InstanceHeader, time: LocalTime) -> JSONValue {
        .object([
            ("id", .string(h.id.rawValue)), ("definition", .string(h.procedureID.rawValue)),
            ("version", .string(h.procedureVersion)), ("agency", .string(h.agencyID)), ("title", .optional(h.title)),
            ("status", .string(h.status.rawValue)), ("activeStep", .optional(h.activeStep?.rawValue)),
            ("activeActor", .optional(h.activeActor?.rawValue)), ("activeSince", .optional(h.activeSince.map(time.iso))),
            ("startedAt", .string(time.iso(h.startedAt))), ("updatedAt", .string(time.iso(h.updatedAt))),
        ])
    }

    /// The working-time state of an active step.
    static func sla(_ s: SLAStatus, time: LocalTime) -> JSONValue {
        .object([("deadline", .string(time.iso(s.deadline))), ("limitMinutes", .int(s.limit.minutes)),
                 ("basis", .string(s.limit.basis.rawValue)), ("minutesUsed", .int(s.minutesUsed)),
                 ("minutesLeft", .int(s.minutesLeft)), ("minutesOver", .int(s.minutesOver)),
                 ("atRisk", .bool(s.atRisk)), ("overdue", .bool(s.overdue)), ("provisional", .bool(s.provisional))])
    }

    static func status(_ loaded: LoadedInstance) -> JSONValue {
        let p = loaded.procedure, s = loaded.state, time = loaded.time
        let active: JSONValue = s.activeStep.flatMap { p.step($0) }.map { step in
            .object([("id", .string(step.id.rawValue)), ("number", .string(step.number)), ("activity", .string(step.activity)),
                     ("actor", .string(step.actor.rawValue)), ("actorName", .optional(p.actor(step.actor)?.name)),
                     ("since", .optional(s.activeSince.map(time.iso))),
                     ("timeLimit", .object([("text", .string(step.timeLimit.sourceText)), ("minutes", .int(step.timeLimit.minutes))]))])
        } ?? .null
        return .object([
            ("instance", header(loaded.header, time: time)),
            ("procedure", .object([("id", .string(p.id.rawValue)), ("version", .string(p.version)), ("number", .string(p.number)),
                                   ("name", .string(p.name)), ("agency", .string(p.agency.name)),
                                   ("timeZone", .string(p.calendar.timeZone))])),
            ("activeStep", active),
            ("events", .array(loaded.events.map { event($0, time: time) })),
        ])
    }

    static func event(_ e: InstanceEvent, time: LocalTime) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("sequence", .int(e.sequence)), ("kind", .string(e.kind.rawValue)),
            ("officer", e.officer.map { .object([("nip", .string($0.nip)), ("name", .string($0.name))]) } ?? .null),
            ("role", .optional(e.role?.rawValue)),
            ("occurredAt", .string(time.iso(e.occurredAt))), ("recordedAt", .string(time.iso(e.recordedAt))),
        ]
        switch e.payload {
        case .started(let p):
            members += [("definition", .string(p.procedureID.rawValue)), ("version", .string(p.version)),
                        ("definitionHash", .string(p.definitionHash)), ("title", .optional(p.title)),
                        ("firstStep", .string(p.firstStep.rawValue))]
        case .stepCompleted(let p):
            members += [("step", .string(p.step.rawValue)), ("outcome", .optional(p.outcome)), ("next", target(p.next)),
                        ("requirements", .array(p.requirements.map(evidence))), ("outputs", .array(p.outputs.map(evidence))),
                        ("missingRequirements", .array(p.missingRequirements.map { .string($0.rawValue) })),
                        ("missingOutputs", .array(p.missingOutputs.map { .string($0.rawValue) })), ("note", .optional(p.note))]
        case .returned(let p):
            members += [("from", .string(p.from.rawValue)), ("to", .string(p.to.rawValue)), ("reason", .string(p.reason))]
        case .cancelled(let p):
            members += [("step", .optional(p.step?.rawValue)), ("reason", .string(p.reason))]
        case .noteAdded(let p):
            members += [("text", .string(p.text))]
        case .deviationRecorded(let d):
            members += [("deviation", .string(d.id.rawValue)), ("deviationKind", .string(d.kind.rawValue)),
                        ("severity", .string(d.severity.rawValue)), ("step", .optional(d.step?.rawValue)),
                        ("answerable", d.answerable.map { .object([("nip", .string($0.nip)), ("name", .string($0.name))]) } ?? .null),
                        ("answerableRole", .string(d.answerableRole.rawValue)), ("accountRequired", .bool(d.accountRequired)),
                        ("detectedAt", .string(time.iso(d.detectedAt))), ("minutesOver", d.minutesOver.map { .int($0) } ?? .null),
                        ("missingItems", .array(d.missingItems.map { .string($0.rawValue) })),
                        ("notRunCause", .optional(d.notRunCause?.rawValue))]
        case .deviationAccounted(let a):
            members += [("deviation", .string(a.deviation.rawValue)), ("reason", .string(a.reason))]
        case .evidenceRead(let a), .evidenceRefused(let a):
            members += [("reader", .string(a.reader)), ("requested", .string(a.requested)), ("item", .optional(a.item?.rawValue)),
                        ("sha256", .optional(a.sha256)), ("reason", .optional(a.reason))]
        }
        return .object(members)
    }
}
