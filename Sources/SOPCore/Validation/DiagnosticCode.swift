/// The stable codes of definition diagnostics. Raw values are what `--json` prints and what users grep.
public enum DiagnosticCode: String, Sendable, Equatable, CaseIterable, Codable {
    // Errors: the definition cannot run.
    case unreadableFile = "unreadable-file"
    case fileTooLarge = "file-too-large"
    case emptyFile = "empty-file"
    case invalidUTF8 = "invalid-utf8"
    case invalidJSON = "invalid-json"
    case nestingTooDeep = "nesting-too-deep"
    case wrongType = "wrong-type"
    case missingField = "missing-field"
    case unknownField = "unknown-field"
    case duplicateKey = "duplicate-key"
    case invalidValue = "invalid-value"
    case valueTooLong = "value-too-long"
    case invalidID = "invalid-id"
    case duplicateID = "duplicate-id"
    case unknownActor = "unknown-actor"
    case unknownStep = "unknown-step"
    case unknownOutput = "unknown-output"
    case unreachableStep = "unreachable-step"
    case deadEndStep = "dead-end-step"
    case decisionTooFewOutcomes = "decision-too-few-outcomes"
    case duplicateOutcome = "duplicate-outcome"
    case nextWithDecision = "next-with-decision"
    case invalidTimeLimit = "invalid-time-limit"
    case nonPositiveTimeLimit = "non-positive-time-limit"
    case invalidDate = "invalid-date"
    case invalidTimeZone = "invalid-time-zone"
    case unknownCalendar = "unknown-calendar"
    case duplicateDefinition = "duplicate-definition"
    case emptyList = "empty-list"

    // Warnings (`sop lint`): the definition runs, but something is likely wrong.
    case brokenChain = "broken-chain"
    case unusedActor = "unused-actor"
    case stepNumbering = "step-numbering"
    case notEffective = "not-effective"
    case effectiveBeforeCreated = "effective-before-created"
    case nipLength = "nip-length"
    case nipImpossibleDate = "nip-impossible-date"
    case foreignBody = "foreign-body"
    case listNumbering = "list-numbering"
    case emptyListItem = "empty-list-item"
    case supersededRegulation = "superseded-regulation"
    case labelTypo = "label-typo"
    case spelling = "spelling"
    case unlistedRelatedProcedure = "unlisted-related-procedure"
    case publicInformationInExemptProcedure = "public-information-in-exempt-procedure"
    case policyWithoutSource = "policy-without-source"

    /// Whether the code is an error (blocks running) rather than a lint warning.
    public var isError: Bool {
        switch self {
        case .brokenChain, .unusedActor, .stepNumbering, .notEffective, .effectiveBeforeCreated, .nipLength,
             .nipImpossibleDate, .foreignBody, .listNumbering, .emptyListItem, .supersededRegulation, .labelTypo,
             .spelling, .unlistedRelatedProcedure, .publicInformationInExemptProcedure, .policyWithoutSource:
            false
        default:
            true
        }
    }
}
