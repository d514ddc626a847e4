import Foundation

// The stored JSON of a deviation (the payload of `deviation-recorded`). The account is not part of it:
// a deviation's status comes only from later events, so decoding always gives an open deviation.
// `detectedAt` is whole milliseconds since 1970 whatever the coder's date strategy.

extension Deviation: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, kind, severity, instance, procedure, agency, step, occurrence, actor
        case answerableNIP, answerableName, answerableRole, accountRequired, detectedAt
        case minutesOver, limitMinutes, missingItems, notRunCause
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(DeviationID.self, forKey: .id)
        kind = try c.decode(DeviationKind.self, forKey: .kind)
        severity = try c.decode(DeviationSeverity.self, forKey: .severity)
        instance = try c.decode(InstanceID.self, forKey: .instance)
        procedureID = try c.decode(ProcedureID.self, forKey: .procedure)
        agencyID = try c.decode(String.self, forKey: .agency)
        step = try c.decodeIfPresent(StepID.self, forKey: .step)
        occurrence = try c.decodeIfPresent(Int.self, forKey: .occurrence)
        actor = try c.decodeIfPresent(ActorID.self, forKey: .actor)
        switch (try c.decodeIfPresent(String.self, forKey: .answerableNIP),
                try c.decodeIfPresent(String.self, forKey: .answerableName)) {
        case (nil, nil): answerable = nil
        case (let nip?, let name?): answerable = ActingOfficer(nip: nip, name: name)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                debugDescription: "answerableNIP and answerableName come together"))
        }
        answerableRole = try c.decode(ActorID.self, forKey: .answerableRole)
        accountRequired = try c.decode(Bool.self, forKey: .accountRequired)
        detectedAt = Date(timeIntervalSince1970: Double(try c.decode(Int64.self, forKey: .detectedAt)) / 1000)
        minutesOver = try c.decodeIfPresent(Int.self, forKey: .minutesOver)
        limitMinutes = try c.decodeIfPresent(Int.self, forKey: .limitMinutes)
        missingItems = try c.decodeIfPresent([ItemID].self, forKey: .missingItems) ?? []
        notRunCause = try c.decodeIfPresent(NotRunCause.self, forKey: .notRunCause)
        account = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(severity, forKey: .severity)
        try c.encode(instance, forKey: .instance)
        try c.encode(procedureID, forKey: .procedure)
        try c.encode(agencyID, forKey: .agency)
        try c.encodeIfPresent(step, forKey: .step)
        try c.encodeIfPresent(occurrence, forKey: .occurrence)
        try c.encodeIfPresent(actor, forKey: .actor)
        try c.encodeIfPresent(answerable?.nip, forKey: .answerableNIP)
        try c.encodeIfPresent(answerable?.name, forKey: .answerableName)
        try c.encode(answerableRole, forKey: .answerableRole)
        try c.encode(accountRequired, forKey: .accountRequired)
        let milliseconds = (detectedAt.timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero)
        guard let whole = Int64(exactly: milliseconds) else {
            throw EncodingError.invalidValue(detectedAt, .init(codingPath: c.codingPath + [CodingKeys.detectedAt],
                                                               debugDescription: "the date cannot be stored"))
        }
        try c.encode(whole, forKey: .detectedAt)
        try c.encodeIfPresent(minutesOver, forKey: .minutesOver)
        try c.encodeIfPresent(limitMinutes, forKey: .limitMinutes)
        if !missingItems.isEmpty { try c.encode(missingItems, forKey: .missingItems) }
        try c.encodeIfPresent(notRunCause, forKey: .notRunCause)
    }
}
