import SOPCore

/// The validated procedure as JSON (`sop show --json`): the resolved form, with minutes computed.
enum ProcedureJSON {
    static func encode(_ p: Procedure) -> JSONValue {
        func items(_ list: [ListItem]) -> JSONValue {
            .array(list.map { .object([("number", .optional($0.number)), ("text", .string($0.text))]) })
        }
        func date(_ d: SheetDate?) -> JSONValue {
            guard let d else { return .null }
            return .object([("date", .string(d.isoString)), ("asPrinted", .optional(d.asPrinted))])
        }
        func target(_ t: FlowTarget) -> JSONValue {
            switch t {
            case .end: .string("end")
            case .step(let id): .string(id.rawValue)
            }
        }
        let steps: [JSONValue] = p.steps.map { step in
            var members: [(String, JSONValue)] = [
                ("id", .string(step.id.rawValue)), ("number", .string(step.number)),
                ("activity", .string(step.activity)), ("actor", .string(step.actor.rawValue)),
                ("requirements", .array(step.requirements.map {
                    .object([("id", .string($0.id.rawValue)), ("text", .string($0.text)),
                             ("mandatory", .bool($0.mandatory)), ("external", .bool($0.external))])
                })),
                ("timeLimit", .object([("text", .string(step.timeLimit.sourceText)),
                                       ("minutes", .int(step.timeLimit.minutes)),
                                       ("basis", .string(step.timeLimit.basis.rawValue))])),
                ("outputs", .array(step.outputs.map { .object([("id", .string($0.id.rawValue)), ("text", .string($0.text))]) })),
                ("notes", .optional(step.notes)),
            ]
            switch step.flow {
            case .sequential, .goTo:
                members.append(("next", target(p.target(after: step))))
            case .decision(let question, let outcomes):
                members.append(("decision", .object([
                    ("question", .optional(question)),
                    ("outcomes", .array(outcomes.map { .object([("label", .string($0.label)), ("next", target($0.target))]) })),
                ])))
            }
            return .object(members)
        }
        return .object([
            ("id", .string(p.id.rawValue)), ("version", .string(p.version)),
            ("agency", .object([("id", .string(p.agency.id)), ("name", .string(p.agency.name)),
                                ("shortName", .optional(p.agency.shortName)),
                                ("parentUnits", .array(p.agency.parentUnits.map(JSONValue.string)))])),
            ("number", .string(p.number)), ("name", .string(p.name)),
            ("dates", .object([("created", date(p.dates.created)), ("revised", date(p.dates.revised)),
                               ("effective", date(p.dates.effective))])),
            ("approver", .object([("title", .string(p.approver.title)), ("name", .string(p.approver.name)),
                                  ("rank", .optional(p.approver.rank)), ("nip", .optional(p.approver.nip))])),
            ("legalBasis", items(p.legalBasis)), ("qualifications", items(p.qualifications)),
            ("relatedProcedures", items(p.relatedProcedures)), ("equipment", items(p.equipment)),
            ("warnings", items(p.warnings)), ("records", items(p.records)),
            ("calendar", .object([("timeZone", .string(p.calendar.timeZone)), ("name", .string(p.calendar.name))])),
            ("actors", .array(p.actors.map { .object([("id", .string($0.id.rawValue)), ("name", .string($0.name))]) })),
            ("steps", .array(steps)),
            ("deviationPolicy", .object([
                ("owner", .optional(p.deviationPolicy.owner?.rawValue)), ("superior", .optional(p.deviationPolicy.superior?.rawValue)),
                ("sourceWarnings", .array(p.deviationPolicy.sourceWarnings.map { .int($0) })),
                ("rules", .array(p.deviationPolicy.rules.map { rule in
                    .object([("kind", .string(rule.kind.rawValue)), ("severity", .string(rule.severity.rawValue)),
                             ("answerable", .string(rule.answerable == .owner ? "owner" : "executor")),
                             ("accountRequired", .bool(rule.accountRequired)),
                             ("stalledAfterMinutes", rule.stalledAfter.map { .int($0.minutes) } ?? .null)])
                })),
            ])),
            ("totalMinutes", .int(p.totalMinutes)),
        ])
    }
}
