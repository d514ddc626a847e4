import Foundation

/// A validated procedure definition (one POS version): the only form the engine accepts.
///
/// It is produced by ``DefinitionLoader`` from a JSON document after every structural and
/// semantic check passed, so references are resolved and every time limit is a number.
public struct Procedure: Sendable, Equatable {
    public var id: ProcedureID
    public var version: String
    public var agency: Agency
    public var number: String
    public var name: String
    public var dates: ProcedureDates
    public var approver: Approver
    public var legalBasis: [ListItem]
    public var qualifications: [ListItem]
    public var relatedProcedures: [ListItem]
    public var equipment: [ListItem]
    public var warnings: [ListItem]
    public var records: [ListItem]
    public var calendar: CalendarReference
    public var actors: [Actor]
    public var steps: [Step]
    public var deviationPolicy: DeviationPolicy
    public var provenance: [ProvenanceNote]
    public var sheet: SheetLabels

    public init(id: ProcedureID, version: String, agency: Agency, number: String, name: String,
                dates: ProcedureDates, approver: Approver, legalBasis: [ListItem] = [],
                qualifications: [ListItem] = [], relatedProcedures: [ListItem] = [],
                equipment: [ListItem] = [], warnings: [ListItem] = [], records: [ListItem] = [],
                calendar: CalendarReference, actors: [Actor], steps: [Step],
                deviationPolicy: DeviationPolicy = .init(), provenance: [ProvenanceNote] = [],
                sheet: SheetLabels = .init()) {
        self.id = id; self.version = version; self.agency = agency; self.number = number
        self.name = name; self.dates = dates; self.approver = approver; self.legalBasis = legalBasis
        self.qualifications = qualifications; self.relatedProcedures = relatedProcedures
        self.equipment = equipment; self.warnings = warnings; self.records = records
        self.calendar = calendar; self.actors = actors; self.steps = steps
        self.deviationPolicy = deviationPolicy; self.provenance = provenance; self.sheet = sheet
    }

    /// The step with this id, if any.
    public func step(_ id: StepID) -> Step? { steps.first { $0.id == id } }

    /// The actor with this id, if any.
    public func actor(_ id: ActorID) -> Actor? { actors.first { $0.id == id } }

    /// Where the flow goes after `step` when it is not a decision: its explicit `next`, else the following step, else the end.
    public func target(after step: Step) -> FlowTarget {
        switch step.flow {
        case .sequential:
            guard let index = steps.firstIndex(where: { $0.id == step.id }), index + 1 < steps.count else { return .end }
            return .step(steps[index + 1].id)
        case .goTo(let target): return target
        case .decision(_, let outcomes): return outcomes.first?.target ?? .end
        }
    }

    /// The agency whose roles run this procedure.
    public var agencyID: String { agency.id }

    /// The first step, where every instance starts.
    public var firstStep: Step? { steps.first }

    /// The sum of the steps' time limits, in minutes (the "total time" of the sheet).
    public var totalMinutes: Int { steps.reduce(0) { $0 + $1.timeLimit.minutes } }
}

/// The issuing body, as on the letterhead.
public struct Agency: Sendable, Equatable {
    /// A short stable key (e.g. `lpmp-kaltim`); officers' roles are granted per agency id.
    public var id: String
    public var name: String
    public var shortName: String?
    /// Parent units from the top of the letterhead down (ministry, directorate, ...), in source order.
    public var parentUnits: [String]
    public init(id: String = "", name: String, shortName: String? = nil, parentUnits: [String] = []) {
        self.id = id; self.name = name; self.shortName = shortName; self.parentUnits = parentUnits
    }
}

/// A date of the identity block, kept both as a calendar date and as printed.
public struct SheetDate: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    public var asPrinted: String?
    public init(year: Int, month: Int, day: Int, asPrinted: String? = nil) {
        self.year = year; self.month = month; self.day = day; self.asPrinted = asPrinted
    }
    /// `YYYY-MM-DD`.
    public var isoString: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}

extension SheetDate: Comparable {
    public static func < (a: SheetDate, b: SheetDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// Tanggal pembuatan, revisi and efektif; each may be absent, as in the sources.
public struct ProcedureDates: Sendable, Equatable {
    public var created: SheetDate?
    public var revised: SheetDate?
    public var effective: SheetDate?
    public init(created: SheetDate? = nil, revised: SheetDate? = nil, effective: SheetDate? = nil) {
        self.created = created; self.revised = revised; self.effective = effective
    }
}

/// The official who approved (disahkan oleh) the POS.
public struct Approver: Sendable, Equatable {
    public var title: String
    public var name: String
    public var rank: String?
    /// The NIP as printed (it may contain spaces, or be malformed: lint reports that).
    public var nip: String?
    public init(title: String, name: String, rank: String? = nil, nip: String? = nil) {
        self.title = title; self.name = name; self.rank = rank; self.nip = nip
    }
}

/// One item of a numbered list of the identity block, with its number as printed.
public struct ListItem: Sendable, Equatable {
    public var number: String?
    public var text: String
    public init(number: String? = nil, text: String) { self.number = number; self.text = text }
}

/// The working-time calendar the time limits are measured in.
public struct CalendarReference: Sendable, Equatable {
    /// An IANA time zone id, e.g. `Asia/Makassar`.
    public var timeZone: String
    /// The name of a calendar file in `definitions/calendars/`, e.g. `asn-perpres-21-2023`.
    public var name: String
    public init(timeZone: String, name: String) { self.timeZone = timeZone; self.name = name }
}

/// A lane (pelaksana) of the sheet.
public struct Actor: Sendable, Equatable {
    public var id: ActorID
    public var name: String
    public init(id: ActorID, name: String) { self.id = id; self.name = name }
}

/// A requirement (kelengkapan) of a step.
public struct Requirement: Sendable, Equatable {
    public var id: ItemID
    public var text: String
    /// A mandatory requirement blocks completion when missing; others are recorded as deviations.
    public var mandatory: Bool
    /// Comes from outside the procedure (a letter, a disposition), so no earlier step must produce it.
    public var external: Bool
    /// The earlier output this requirement is, when the chain is explicit (`stepID.outputID`).
    public var from: OutputReference?
    public init(id: ItemID, text: String, mandatory: Bool = false, external: Bool = false, from: OutputReference? = nil) {
        self.id = id; self.text = text; self.mandatory = mandatory; self.external = external; self.from = from
    }
}

/// Points at one output of one step.
public struct OutputReference: Sendable, Equatable, Hashable {
    public var step: StepID
    public var output: ItemID
    public init(step: StepID, output: ItemID) { self.step = step; self.output = output }
}

/// What a step produces.
public struct StepOutput: Sendable, Equatable {
    public var id: ItemID
    public var text: String
    public init(id: ItemID, text: String) { self.id = id; self.text = text }
}

/// A time limit (waktu) of a step, in minutes, with the text it was read from.
public struct TimeLimit: Sendable, Equatable {
    public enum Basis: String, Sendable, Equatable, CaseIterable {
        /// Counted in the agency's working time (the default).
        case working
        /// Counted on the wall clock, night and holidays included.
        case wall
    }
    public var minutes: Int
    public var basis: Basis
    public var sourceText: String
    public init(minutes: Int, basis: Basis = .working, sourceText: String) {
        self.minutes = minutes; self.basis = basis; self.sourceText = sourceText
    }
}

/// Where the flow may go: a step or the end of the procedure.
public enum FlowTarget: Sendable, Equatable, Hashable {
    case step(StepID)
    case end
}

/// A labelled outcome of a decision step ("ya" → next step, "tidak" → back to rework).
public struct DecisionOutcome: Sendable, Equatable {
    public var label: String
    public var target: FlowTarget
    public init(label: String, target: FlowTarget) { self.label = label; self.target = target }
}

/// How a step leads on.
public enum StepFlow: Sendable, Equatable {
    /// To the next step in the list, or the end after the last one.
    case sequential
    /// To an explicit step or the end.
    case goTo(FlowTarget)
    /// A decision (belah ketupat): the officer picks one outcome.
    case decision(question: String?, outcomes: [DecisionOutcome])
}

/// One row of the flowchart sheet.
public struct Step: Sendable, Equatable {
    public var id: StepID
    public var number: String
    public var activity: String
    public var actor: ActorID
    public var requirements: [Requirement]
    public var timeLimit: TimeLimit
    public var outputs: [StepOutput]
    public var notes: String?
    public var flow: StepFlow
    public init(id: StepID, number: String, activity: String, actor: ActorID, requirements: [Requirement] = [],
                timeLimit: TimeLimit, outputs: [StepOutput] = [], notes: String? = nil, flow: StepFlow = .sequential) {
        self.id = id; self.number = number; self.activity = activity; self.actor = actor
        self.requirements = requirements; self.timeLimit = timeLimit; self.outputs = outputs
        self.notes = notes; self.flow = flow
    }

    public var isDecision: Bool {
        if case .decision = flow { return true }
        return false
    }

    public var outcomes: [DecisionOutcome] {
        if case .decision(_, let outcomes) = flow { return outcomes }
        return []
    }
}

/// A place where the file interprets rather than copies its source, and why.
public struct ProvenanceNote: Sendable, Equatable {
    /// JSON path of the interpreted value, e.g. `$.steps[0].actor`.
    public var path: String
    public var note: String
    public init(path: String, note: String) { self.path = path; self.note = note }
}

/// Column and section labels as printed on the source sheet (they vary: "Syarat" vs "Kelengkapan").
public struct SheetLabels: Sendable, Equatable {
    public var qualityStandard: String?
    public var requirements: String?
    public var activity: String?
    public init(qualityStandard: String? = nil, requirements: String? = nil, activity: String? = nil) {
        self.qualityStandard = qualityStandard; self.requirements = requirements; self.activity = activity
    }
}
