import Foundation

// The JSON spelling of payload parts the definition model does not encode itself.
// Private wrappers (not conformances on the model types) keep this spelling the engine's own business.

/// `{"step": "check"}` or `{"end": true}`: a flow target, unambiguous even for a step named "end".
struct StoredFlowTarget: Codable, Equatable {
    var target: FlowTarget

    init(_ target: FlowTarget) { self.target = target }

    private enum CodingKeys: String, CodingKey { case step, end }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let step = try container.decodeIfPresent(StepID.self, forKey: .step) {
            target = .step(step)
        } else if try container.decodeIfPresent(Bool.self, forKey: .end) == true {
            target = .end
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath,
                debugDescription: "a flow target needs \"step\" or \"end\": true"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch target {
        case .step(let step): try container.encode(step, forKey: .step)
        case .end: try container.encode(true, forKey: .end)
        }
    }
}

/// `{"output": "surat", "step": "draft"}`.
struct StoredOutputReference: Codable, Equatable {
    var step: StepID
    var output: ItemID
    init(_ reference: OutputReference) { step = reference.step; output = reference.output }
    var reference: OutputReference { OutputReference(step: step, output: output) }
}

extension EvidenceItem: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, kind, sha256, name, size, mediaType, text, carriedFrom
    }

    private enum Kind: String, Codable { case file, text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ItemID.self, forKey: .id)
        carriedFrom = try container.decodeIfPresent(StoredOutputReference.self, forKey: .carriedFrom)?.reference
        switch try container.decode(Kind.self, forKey: .kind) {
        case .file:
            content = .file(FileEvidence(
                sha256: try container.decode(String.self, forKey: .sha256),
                name: try container.decode(String.self, forKey: .name),
                size: try container.decode(Int.self, forKey: .size),
                mediaType: try container.decode(String.self, forKey: .mediaType)))
        case .text:
            content = .text(try container.decode(String.self, forKey: .text))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(carriedFrom.map(StoredOutputReference.init), forKey: .carriedFrom)
        switch content {
        case .file(let file):
            try container.encode(Kind.file, forKey: .kind)
            try container.encode(file.sha256, forKey: .sha256)
            try container.encode(file.name, forKey: .name)
            try container.encode(file.size, forKey: .size)
            try container.encode(file.mediaType, forKey: .mediaType)
        case .text(let text):
            try container.encode(Kind.text, forKey: .kind)
            try container.encode(text, forKey: .text)
        }
    }
}

extension InstanceEventPayload.StepCompleted: Codable {
    private enum CodingKeys: String, CodingKey {
        case step, outcome, next, requirements, outputs, missingRequirements, missingOutputs, note
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        step = try container.decode(StepID.self, forKey: .step)
        outcome = try container.decodeIfPresent(String.self, forKey: .outcome)
        next = try container.decode(StoredFlowTarget.self, forKey: .next).target
        requirements = try container.decode([EvidenceItem].self, forKey: .requirements)
        outputs = try container.decode([EvidenceItem].self, forKey: .outputs)
        missingRequirements = try container.decode([ItemID].self, forKey: .missingRequirements)
        missingOutputs = try container.decode([ItemID].self, forKey: .missingOutputs)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(step, forKey: .step)
        try container.encodeIfPresent(outcome, forKey: .outcome)
        try container.encode(StoredFlowTarget(next), forKey: .next)
        try container.encode(requirements, forKey: .requirements)
        try container.encode(outputs, forKey: .outputs)
        try container.encode(missingRequirements, forKey: .missingRequirements)
        try container.encode(missingOutputs, forKey: .missingOutputs)
        try container.encodeIfPresent(note, forKey: .note)
    }
}
