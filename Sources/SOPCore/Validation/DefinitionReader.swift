/// Builds a ``Procedure`` from a parsed JSON tree, reporting every structural problem on the way.
///
/// Missing or wrong values are replaced by empty placeholders so reading can go on; the caller
/// discards the procedure when any error was reported. Semantic checks live in ``ProcedureValidator``.
struct DefinitionReader {
    var reader = NodeReader()

    static let topLevelKeys = ["id", "version", "agency", "number", "name", "dates", "approver", "legalBasis",
                               "qualifications", "relatedProcedures", "equipment", "warnings", "records",
                               "calendar", "actors", "steps", "deviationPolicy", "provenance", "sheet"]
    static let requiredTopLevelKeys = ["id", "version", "agency", "number", "name", "dates", "approver",
                                       "calendar", "actors", "steps"]

    mutating func read(_ root: JSONNode) -> Procedure? {
        guard let top = reader.object(root, at: "$", allowed: Self.topLevelKeys, required: Self.requiredTopLevelKeys) else {
            return nil
        }
        let id = top["id"].flatMap { reader.identifier($0, at: "$.id") } ?? ""
        let version = top["version"].flatMap { reader.string($0, at: "$.version", allowEmpty: false) } ?? ""
        let agency = top["agency"].flatMap { readAgency($0) } ?? Agency(name: "")
        let number = top["number"].flatMap { reader.string($0, at: "$.number") } ?? ""
        let name = top["name"].flatMap { reader.string($0, at: "$.name", allowEmpty: false) } ?? ""
        let dates = top["dates"].flatMap { readDates($0) } ?? ProcedureDates()
        let approver = top["approver"].flatMap { readApprover($0) } ?? Approver(title: "", name: "")
        func list(_ key: String) -> [ListItem] { top[key].flatMap { readList($0, at: "$." + key) } ?? [] }
        let calendar = top["calendar"].flatMap { readCalendar($0) } ?? CalendarReference(timeZone: "", name: "")
        let actors = top["actors"].flatMap { readActors($0) } ?? []
        let steps = top["steps"].flatMap { readSteps($0) } ?? []
        let policy = top["deviationPolicy"].flatMap { readPolicy($0) } ?? DeviationPolicy()
        let provenance = top["provenance"].flatMap { readProvenance($0) } ?? []
        let sheet = top["sheet"].flatMap { readSheet($0) } ?? SheetLabels()
        return Procedure(
            id: ProcedureID(id), version: version, agency: agency, number: number, name: name, dates: dates,
            approver: approver, legalBasis: list("legalBasis"), qualifications: list("qualifications"),
            relatedProcedures: list("relatedProcedures"), equipment: list("equipment"), warnings: list("warnings"),
            records: list("records"), calendar: calendar, actors: actors, steps: steps, deviationPolicy: policy,
            provenance: provenance, sheet: sheet)
    }

    private mutating func readAgency(_ node: JSONNode) -> Agency? {
        let path = "$.agency"
        guard let o = reader.object(node, at: path, allowed: ["id", "name", "shortName", "parentUnits"],
                                    required: ["id", "name"]) else { return nil }
        var agency = Agency(
            name: o["name"].flatMap { reader.string($0, at: path + ".name", allowEmpty: false) } ?? "",
            shortName: reader.optionalString(o["shortName"], at: path + ".shortName"),
            parentUnits: o["parentUnits"].flatMap { readStrings($0, at: path + ".parentUnits") } ?? [])
        agency.id = o["id"].flatMap { reader.identifier($0, at: path + ".id") } ?? ""
        return agency
    }

    private mutating func readStrings(_ node: JSONNode, at path: String) -> [String]? {
        guard let elements = reader.array(node, at: path) else { return nil }
        return elements.enumerated().compactMap { reader.string($1, at: NodeReader.append(index: $0, to: path)) }
    }

    private mutating func readDates(_ node: JSONNode) -> ProcedureDates? {
        guard let o = reader.object(node, at: "$.dates", allowed: ["created", "revised", "effective"], required: []) else {
            return nil
        }
        return ProcedureDates(created: o["created"].flatMap { readSheetDate($0, at: "$.dates.created") },
                              revised: o["revised"].flatMap { readSheetDate($0, at: "$.dates.revised") },
                              effective: o["effective"].flatMap { readSheetDate($0, at: "$.dates.effective") })
    }

    /// `{"date": "YYYY-MM-DD" | null, "asPrinted": "..."}`; nil when the sheet shows no date.
    private mutating func readSheetDate(_ node: JSONNode, at path: String) -> SheetDate? {
        if case .null = node.value { reader.note(node, at: path); return nil }
        guard let o = reader.object(node, at: path, allowed: ["date", "asPrinted"], required: ["date"]) else { return nil }
        let printed = reader.optionalString(o["asPrinted"], at: path + ".asPrinted")
        guard let text = reader.optionalString(o["date"], at: path + ".date") else { return nil }
        guard let date = Self.parseDate(text) else {
            reader.report(.error(.invalidDate, path: path + ".date", expected: "a calendar date YYYY-MM-DD, e.g. 2024-08-15",
                                 found: text))
            return nil
        }
        return SheetDate(year: date.0, month: date.1, day: date.2, asPrinted: printed)
    }

    /// Parses `YYYY-MM-DD` between 1900 and 2999, refusing impossible days (2021-02-30): the calendar
    /// files' reader (ASCII digits only, so no `+1` month), plus the range a printed sheet can carry.
    static func parseDate(_ text: String) -> (Int, Int, Int)? {
        guard let date = LocalDate(parsing: text), (1900...2999).contains(date.year) else { return nil }
        return (date.year, date.month, date.day)
    }

    private mutating func readApprover(_ node: JSONNode) -> Approver? {
        let path = "$.approver"
        guard let o = reader.object(node, at: path, allowed: ["title", "name", "rank", "nip"], required: ["title", "name"]) else {
            return nil
        }
        return Approver(title: o["title"].flatMap { reader.string($0, at: path + ".title") } ?? "",
                        name: o["name"].flatMap { reader.string($0, at: path + ".name") } ?? "",
                        rank: reader.optionalString(o["rank"], at: path + ".rank"),
                        nip: reader.optionalString(o["nip"], at: path + ".nip"))
    }

    private mutating func readList(_ node: JSONNode, at path: String) -> [ListItem]? {
        guard let elements = reader.array(node, at: path) else { return nil }
        var items: [ListItem] = []
        for (index, element) in elements.enumerated() {
            let itemPath = NodeReader.append(index: index, to: path)
            if case .string(let text) = element.value {
                if reader.string(element, at: itemPath) != nil { items.append(ListItem(text: text)) }
            } else if case .object = element.value {
                guard let o = reader.object(element, at: itemPath, allowed: ["number", "text"], required: ["text"]) else { continue }
                let number = reader.optionalString(o["number"], at: itemPath + ".number")
                let text = o["text"].flatMap { reader.string($0, at: itemPath + ".text") } ?? ""
                items.append(ListItem(number: number, text: text))
            } else {
                reader.note(element, at: itemPath)
                reader.report(.error(.wrongType, path: itemPath, expected: "string or {\"number\", \"text\"}",
                                     found: element.typeName))
            }
        }
        return items
    }

    private mutating func readCalendar(_ node: JSONNode) -> CalendarReference? {
        let path = "$.calendar"
        guard let o = reader.object(node, at: path, allowed: ["timeZone", "name"], required: ["timeZone", "name"]) else {
            return nil
        }
        let zone = o["timeZone"].flatMap { reader.string($0, at: path + ".timeZone", allowEmpty: false) } ?? ""
        let name = o["name"].flatMap { reader.identifier($0, at: path + ".name") } ?? ""
        return CalendarReference(timeZone: zone, name: name)
    }

    private mutating func readActors(_ node: JSONNode) -> [Actor]? {
        guard let elements = reader.array(node, at: "$.actors") else { return nil }
        if elements.isEmpty { reader.report(.error(.emptyList, path: "$.actors", expected: "at least one actor")) }
        return elements.enumerated().compactMap { index, element in
            let path = NodeReader.append(index: index, to: "$.actors")
            guard let o = reader.object(element, at: path, allowed: ["id", "name"], required: ["id", "name"]) else { return nil }
            return Actor(id: ActorID(o["id"].flatMap { reader.identifier($0, at: path + ".id") } ?? ""),
                         name: o["name"].flatMap { reader.string($0, at: path + ".name", allowEmpty: false) } ?? "")
        }
    }

    static let stepKeys = ["id", "number", "activity", "actor", "requirements", "timeLimit", "outputs", "notes",
                           "next", "decision"]

    private mutating func readSteps(_ node: JSONNode) -> [Step]? {
        guard let elements = reader.array(node, at: "$.steps") else { return nil }
        if elements.isEmpty { reader.report(.error(.emptyList, path: "$.steps", expected: "at least one step")) }
        return elements.enumerated().compactMap { index, element in
            readStep(element, at: NodeReader.append(index: index, to: "$.steps"))
        }
    }

    private mutating func readStep(_ node: JSONNode, at path: String) -> Step? {
        guard let o = reader.object(node, at: path, allowed: Self.stepKeys,
                                    required: ["id", "number", "activity", "actor", "timeLimit"]) else { return nil }
        let id = o["id"].flatMap { reader.identifier($0, at: path + ".id") } ?? ""
        let number = o["number"].flatMap { reader.string($0, at: path + ".number") } ?? ""
        let activity = o["activity"].flatMap { reader.string($0, at: path + ".activity", allowEmpty: false) } ?? ""
        let actor = o["actor"].flatMap { reader.string($0, at: path + ".actor") } ?? ""
        let requirements = o["requirements"].flatMap { readRequirements($0, at: path + ".requirements") } ?? []
        let timeLimit = o["timeLimit"].flatMap { readTimeLimit($0, at: path + ".timeLimit") }
            ?? TimeLimit(minutes: 0, sourceText: "")
        let outputs = o["outputs"].flatMap { readOutputs($0, at: path + ".outputs") } ?? []
        let notes = reader.optionalString(o["notes"], at: path + ".notes")
        var flow = StepFlow.sequential
        if let next = o["next"], let text = reader.string(next, at: path + ".next", allowEmpty: false) {
            flow = .goTo(Self.target(text))
        }
        if let decision = o["decision"] {
            if o["next"] != nil {
                reader.report(.error(.nextWithDecision, path: path + ".next",
                                     expected: "either \"next\" or \"decision\"", found: "both"))
            }
            if let parsed = readDecision(decision, at: path + ".decision") { flow = parsed }
        }
        return Step(id: StepID(id), number: number, activity: activity, actor: ActorID(actor),
                    requirements: requirements, timeLimit: timeLimit, outputs: outputs, notes: notes, flow: flow)
    }

    static func target(_ text: String) -> FlowTarget { text == "end" ? .end : .step(StepID(text)) }

    private mutating func readRequirements(_ node: JSONNode, at path: String) -> [Requirement]? {
        guard let elements = reader.array(node, at: path) else { return nil }
        return elements.enumerated().compactMap { index, element in
            let itemPath = NodeReader.append(index: index, to: path)
            guard let o = reader.object(element, at: itemPath, allowed: ["id", "text", "external", "mandatory", "from"],
                                        required: ["id", "text"]) else { return nil }
            var from: OutputReference?
            if let node = o["from"],
               let f = reader.object(node, at: itemPath + ".from", allowed: ["step", "output"], required: ["step", "output"]),
               let step = f["step"].flatMap({ reader.string($0, at: itemPath + ".from.step") }),
               let output = f["output"].flatMap({ reader.string($0, at: itemPath + ".from.output") }) {
                from = OutputReference(step: StepID(step), output: ItemID(output))
            }
            return Requirement(id: ItemID(o["id"].flatMap { reader.identifier($0, at: itemPath + ".id") } ?? ""),
                               text: o["text"].flatMap { reader.string($0, at: itemPath + ".text") } ?? "",
                               mandatory: reader.bool(o["mandatory"], at: itemPath + ".mandatory", default: false),
                               external: reader.bool(o["external"], at: itemPath + ".external", default: false),
                               from: from)
        }
    }

    private mutating func readOutputs(_ node: JSONNode, at path: String) -> [StepOutput]? {
        guard let elements = reader.array(node, at: path) else { return nil }
        return elements.enumerated().compactMap { index, element in
            let itemPath = NodeReader.append(index: index, to: path)
            guard let o = reader.object(element, at: itemPath, allowed: ["id", "text"], required: ["id", "text"]) else {
                return nil
            }
            return StepOutput(id: ItemID(o["id"].flatMap { reader.identifier($0, at: itemPath + ".id") } ?? ""),
                              text: o["text"].flatMap { reader.string($0, at: itemPath + ".text") } ?? "")
        }
    }

    /// `"1 Jam"` or `{"text": "1 Jam", "basis": "wall"}`.
    mutating func readTimeLimit(_ node: JSONNode, at path: String) -> TimeLimit? {
        var text: String?
        var basis = TimeLimit.Basis.working
        var textPath = path
        switch node.value {
        case .string:
            text = reader.string(node, at: path)
        case .object:
            guard let o = reader.object(node, at: path, allowed: ["text", "basis"], required: ["text"]) else { return nil }
            textPath = path + ".text"
            text = o["text"].flatMap { reader.string($0, at: textPath) }
            if let b = reader.enumeration(o["basis"], at: path + ".basis", allowed: TimeLimit.Basis.allCases.map(\.rawValue)),
               let parsed = TimeLimit.Basis(rawValue: b) {
                basis = parsed
            }
        default:
            reader.note(node, at: path)
            reader.report(.error(.wrongType, path: path, expected: "string like \"1 Jam\" or {\"text\", \"basis\"}",
                                 found: node.typeName))
            return nil
        }
        guard let text else { return nil }
        guard let minutes = TimeLimitParser.minutes(in: text, basis: basis) else {
            reader.report(.error(.invalidTimeLimit, path: textPath,
                                 expected: "a number and a unit (Menit, Jam, Hari, Minggu; minutes, hours, days) or ISO 8601 like PT1H",
                                 found: text, suggestion: .oneOf(["30 Menit", "1 Jam", "2 Hari", "PT1H30M"])))
            return nil
        }
        guard minutes > 0 else {
            reader.report(.error(.nonPositiveTimeLimit, path: textPath, expected: "more than zero", found: text))
            return nil
        }
        return TimeLimit(minutes: minutes, basis: basis, sourceText: text)
    }

    private mutating func readDecision(_ node: JSONNode, at path: String) -> StepFlow? {
        guard let o = reader.object(node, at: path, allowed: ["question", "outcomes"], required: ["outcomes"]) else {
            return nil
        }
        let question = reader.optionalString(o["question"], at: path + ".question")
        guard let list = o["outcomes"].flatMap({ reader.array($0, at: path + ".outcomes") }) else { return nil }
        let outcomes: [DecisionOutcome] = list.enumerated().compactMap { index, element in
            let itemPath = NodeReader.append(index: index, to: path + ".outcomes")
            guard let oc = reader.object(element, at: itemPath, allowed: ["label", "next"], required: ["label", "next"]),
                  let label = oc["label"].flatMap({ reader.string($0, at: itemPath + ".label", allowEmpty: false) }),
                  let next = oc["next"].flatMap({ reader.string($0, at: itemPath + ".next", allowEmpty: false) }) else {
                return nil
            }
            return DecisionOutcome(label: label, target: Self.target(next))
        }
        return .decision(question: question, outcomes: outcomes)
    }

    private mutating func readPolicy(_ node: JSONNode) -> DeviationPolicy? {
        let path = "$.deviationPolicy"
        guard let o = reader.object(node, at: path, allowed: ["owner", "superior", "sourceWarnings", "interpretation", "rules"],
                                    required: []) else { return nil }
        var policy = DeviationPolicy()
        policy.owner = reader.optionalString(o["owner"], at: path + ".owner").map(ActorID.init)
        policy.superior = reader.optionalString(o["superior"], at: path + ".superior").map(ActorID.init)
        policy.interpretation = reader.optionalString(o["interpretation"], at: path + ".interpretation")
        if let indexes = o["sourceWarnings"].flatMap({ reader.array($0, at: path + ".sourceWarnings") }) {
            policy.sourceWarnings = indexes.enumerated().compactMap {
                reader.integer($1, at: NodeReader.append(index: $0, to: path + ".sourceWarnings"))
            }
        }
        if let rules = o["rules"].flatMap({ reader.array($0, at: path + ".rules") }) {
            policy.rules = rules.enumerated().compactMap { index, element in
                let rulePath = NodeReader.append(index: index, to: path + ".rules")
                guard let r = reader.object(element, at: rulePath,
                                            allowed: ["kind", "severity", "answerable", "accountRequired", "stalledAfter"],
                                            required: ["kind"]) else { return nil }
                guard let kindText = reader.enumeration(r["kind"], at: rulePath + ".kind",
                                                        allowed: DeviationKind.allCases.map(\.rawValue)),
                      let kind = DeviationKind(rawValue: kindText) else { return nil }
                var rule = DeviationRule(kind: kind)
                if let s = reader.enumeration(r["severity"], at: rulePath + ".severity",
                                              allowed: DeviationSeverity.allCases.map(\.rawValue)),
                   let severity = DeviationSeverity(rawValue: s) {
                    rule.severity = severity
                }
                if let a = reader.enumeration(r["answerable"], at: rulePath + ".answerable", allowed: ["executor", "owner"]) {
                    rule.answerable = a == "owner" ? .owner : .executor
                }
                rule.accountRequired = reader.bool(r["accountRequired"], at: rulePath + ".accountRequired", default: false)
                if let stalled = r["stalledAfter"] {
                    rule.stalledAfter = readTimeLimit(stalled, at: rulePath + ".stalledAfter")
                }
                return rule
            }
        }
        return policy
    }

    private mutating func readProvenance(_ node: JSONNode) -> [ProvenanceNote]? {
        guard let elements = reader.array(node, at: "$.provenance") else { return nil }
        return elements.enumerated().compactMap { index, element in
            let path = NodeReader.append(index: index, to: "$.provenance")
            guard let o = reader.object(element, at: path, allowed: ["path", "note"], required: ["path", "note"]) else {
                return nil
            }
            return ProvenanceNote(path: o["path"].flatMap { reader.string($0, at: path + ".path") } ?? "",
                                  note: o["note"].flatMap { reader.string($0, at: path + ".note") } ?? "")
        }
    }

    private mutating func readSheet(_ node: JSONNode) -> SheetLabels? {
        let path = "$.sheet"
        guard let o = reader.object(node, at: path, allowed: ["qualityStandard", "requirements", "activity"],
                                    required: []) else { return nil }
        return SheetLabels(qualityStandard: reader.optionalString(o["qualityStandard"], at: path + ".qualityStandard"),
                           requirements: reader.optionalString(o["requirements"], at: path + ".requirements"),
                           activity: reader.optionalString(o["activity"], at: path + ".activity"))
    }
}
