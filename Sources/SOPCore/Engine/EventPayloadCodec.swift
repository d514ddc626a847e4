import Foundation

// The stored JSON of event payloads, written and read by hand.
//
// The bytes are exactly what Foundation's `JSONEncoder` wrote with `[.sortedKeys, .withoutEscapingSlashes]`
// (stores written before keep reading, and equal events stay equal bytes): keys in UTF-8 byte order, optional
// fields left out when nil, strings with `"` `\` and control characters escaped (`\b \t \n \f \r`, the rest
// as `\u00xx`) and everything else raw, integers in decimal. The property test in
// `EngineEventCodingTests` compares it with `JSONEncoder` on random events. Reading goes through the core's
// own strict `JSONParser`; unknown keys are ignored and `null` counts as absent for optional fields, as
// `JSONDecoder` did.

/// Appends one JSON document to a byte buffer; the caller writes keys in sorted order.
struct PayloadWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init() { bytes.reserveCapacity(256) }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func openObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func closeObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func openArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func closeArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// A key (plain ASCII, needing no escapes) and its colon.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            if utf8.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func integer(_ value: Int64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func integer(_ value: Int) { integer(Int64(value)) }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
        needsComma = true
    }

    // Optional fields: nothing at all when nil.
    mutating func string(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key); string(value)
    }

    mutating func integer(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        self.key(key); integer(value)
    }

    mutating func strings<S: Sequence>(_ key: StaticString, _ values: S) where S.Element == String {
        self.key(key)
        openArray()
        for value in values { string(value) }
        closeArray()
    }
}

/// Why a stored payload could not be read; the text goes into ``EventCodingError/malformedPayload``.
struct PayloadDecodingError: Error, CustomStringConvertible {
    var description: String
}

/// Where a value sits in a payload (`payload.completion.requirements[2]`), written out only for an error:
/// building the text for every nested object cost more than reading it (sop-bench figure 1).
indirect enum PayloadPath: CustomStringConvertible {
    case root
    case member(PayloadPath, String)
    case element(PayloadPath, String, Int)

    var description: String {
        switch self {
        case .root: "payload"
        case .member(let parent, let key): "\(parent).\(key)"
        case .element(let parent, let key, let index): "\(parent).\(key)[\(index)]"
        }
    }
}

/// One JSON object of a stored payload, read by key.
struct PayloadObject {
    private let members: [JSONNode.Member]
    private let path: PayloadPath

    init(_ node: JSONNode, path: PayloadPath = .root) throws(PayloadDecodingError) {
        guard case .object(let members) = node.value else {
            throw PayloadDecodingError(description: "\(path) is a \(node.typeName), expected an object")
        }
        self.members = members
        self.path = path
    }

    /// Parses a whole payload, which must be one object.
    static func parse(_ data: Data) throws(PayloadDecodingError) -> PayloadObject {
        let node: JSONNode
        do {
            node = try JSONParser.parse([UInt8](data))
        } catch {
            throw PayloadDecodingError(description: "invalid JSON: \(error) at byte \(error.offset)")
        }
        return try PayloadObject(node)
    }

    /// The value under `key`, nil when absent or `null` (the first one when a key repeats).
    private func value(_ key: String) -> JSONNode? {
        for member in members where member.key == key {
            if case .null = member.value.value { return nil }
            return member.value
        }
        return nil
    }

    private func mismatch(_ key: String, _ node: JSONNode, _ expected: String) -> PayloadDecodingError {
        PayloadDecodingError(description: "\(path).\(key) is a \(node.typeName), expected \(expected)")
    }

    private func missing(_ key: String) -> PayloadDecodingError {
        PayloadDecodingError(description: "\(path) has no value for key '\(key)'")
    }

    func optionalString(_ key: String) throws(PayloadDecodingError) -> String? {
        guard let node = value(key) else { return nil }
        guard case .string(let text) = node.value else { throw mismatch(key, node, "a string") }
        return text
    }

    func string(_ key: String) throws(PayloadDecodingError) -> String {
        guard let text = try optionalString(key) else { throw missing(key) }
        return text
    }

    func optionalInt64(_ key: String) throws(PayloadDecodingError) -> Int64? {
        guard let node = value(key) else { return nil }
        guard case .number(_, let raw) = node.value else { throw mismatch(key, node, "an integer") }
        guard let number = Int64(raw) else { throw mismatch(key, node, "an integer in range") }
        return number
    }

    func optionalInt(_ key: String) throws(PayloadDecodingError) -> Int? {
        guard let number = try optionalInt64(key) else { return nil }
        guard let value = Int(exactly: number) else {
            throw PayloadDecodingError(description: "\(path).\(key) does not fit an Int")
        }
        return value
    }

    func int(_ key: String) throws(PayloadDecodingError) -> Int {
        guard let number = try optionalInt(key) else { throw missing(key) }
        return number
    }

    func int64(_ key: String) throws(PayloadDecodingError) -> Int64 {
        guard let number = try optionalInt64(key) else { throw missing(key) }
        return number
    }

    func optionalBool(_ key: String) throws(PayloadDecodingError) -> Bool? {
        guard let node = value(key) else { return nil }
        guard case .bool(let flag) = node.value else { throw mismatch(key, node, "a boolean") }
        return flag
    }

    func bool(_ key: String) throws(PayloadDecodingError) -> Bool {
        guard let flag = try optionalBool(key) else { throw missing(key) }
        return flag
    }

    func optionalObject(_ key: String) throws(PayloadDecodingError) -> PayloadObject? {
        guard let node = value(key) else { return nil }
        return try PayloadObject(node, path: .member(path, key))
    }

    func object(_ key: String) throws(PayloadDecodingError) -> PayloadObject {
        guard let object = try optionalObject(key) else { throw missing(key) }
        return object
    }

    func optionalArray(_ key: String) throws(PayloadDecodingError) -> [JSONNode]? {
        guard let node = value(key) else { return nil }
        guard case .array(let elements) = node.value else { throw mismatch(key, node, "an array") }
        return elements
    }

    func array(_ key: String) throws(PayloadDecodingError) -> [JSONNode] {
        guard let elements = try optionalArray(key) else { throw missing(key) }
        return elements
    }

    func optionalStrings(_ key: String) throws(PayloadDecodingError) -> [String]? {
        guard let elements = try optionalArray(key) else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element.value else {
                throw PayloadDecodingError(description: "\(path).\(key)[\(index)] is a \(element.typeName), expected a string")
            }
            strings.append(text)
        }
        return strings
    }

    func strings(_ key: String) throws(PayloadDecodingError) -> [String] {
        guard let strings = try optionalStrings(key) else { throw missing(key) }
        return strings
    }

    func objects(_ key: String) throws(PayloadDecodingError) -> [PayloadObject] {
        var objects: [PayloadObject] = []
        let elements = try array(key)
        objects.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            objects.append(try PayloadObject(element, path: .element(path, key, index)))
        }
        return objects
    }

    func enumeration<E: RawRepresentable>(_ key: String, _ type: E.Type) throws(PayloadDecodingError) -> E where E.RawValue == String {
        guard let value = try optionalEnumeration(key, type) else { throw missing(key) }
        return value
    }

    func optionalEnumeration<E: RawRepresentable>(_ key: String, _ type: E.Type) throws(PayloadDecodingError) -> E? where E.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = E(rawValue: text) else {
            throw PayloadDecodingError(description: "\(path).\(key) has an unknown value '\(text)'")
        }
        return value
    }
}

// MARK: - Encoding, one function per payload type; keys in UTF-8 byte order.

extension PayloadWriter {
    mutating func write(_ body: InstanceEventPayload.Started, officerName: String?) {
        openObject()
        key("agencyID"); string(body.agencyID)
        key("definitionHash"); string(body.definitionHash)
        key("firstStep"); string(body.firstStep.rawValue)
        string("officerName", officerName)
        key("procedureID"); string(body.procedureID.rawValue)
        string("title", body.title)
        key("version"); string(body.version)
        closeObject()
    }

    mutating func write(_ body: InstanceEventPayload.StepCompleted, officerName: String?) {
        openObject()
        strings("missingOutputs", body.missingOutputs.lazy.map(\.rawValue))
        strings("missingRequirements", body.missingRequirements.lazy.map(\.rawValue))
        key("next")
        openObject()
        switch body.next {
        case .end: key("end"); bool(true)
        case .step(let step): key("step"); string(step.rawValue)
        }
        closeObject()
        string("note", body.note)
        string("officerName", officerName)
        string("outcome", body.outcome)
        key("outputs"); write(body.outputs)
        key("requirements"); write(body.requirements)
        key("step"); string(body.step.rawValue)
        closeObject()
    }

    private mutating func write(_ items: [EvidenceItem]) {
        openArray()
        for item in items {
            openObject()
            if let from = item.carriedFrom {
                key("carriedFrom")
                openObject()
                key("output"); string(from.output.rawValue)
                key("step"); string(from.step.rawValue)
                closeObject()
            }
            key("id"); string(item.id.rawValue)
            switch item.content {
            case .file(let file):
                key("kind"); string("file")
                key("mediaType"); string(file.mediaType)
                key("name"); string(file.name)
                key("sha256"); string(file.sha256)
                key("size"); integer(file.size)
            case .text(let text):
                key("kind"); string("text")
                key("text"); string(text)
            }
            closeObject()
        }
        closeArray()
    }

    mutating func write(_ body: InstanceEventPayload.Returned, officerName: String?) {
        openObject()
        key("from"); string(body.from.rawValue)
        string("officerName", officerName)
        key("reason"); string(body.reason)
        key("to"); string(body.to.rawValue)
        closeObject()
    }

    mutating func write(_ body: InstanceEventPayload.Cancelled, officerName: String?) {
        openObject()
        string("officerName", officerName)
        key("reason"); string(body.reason)
        string("step", body.step?.rawValue)
        closeObject()
    }

    mutating func write(_ body: InstanceEventPayload.NoteAdded, officerName: String?) {
        openObject()
        string("officerName", officerName)
        string("step", body.step?.rawValue)
        key("text"); string(body.text)
        closeObject()
    }

    mutating func write(_ body: InstanceEventPayload.DeviationAccounted, officerName: String?) {
        openObject()
        key("deviation"); string(body.deviation.rawValue)
        string("officerName", officerName)
        key("reason"); string(body.reason)
        closeObject()
    }

    mutating func write(_ body: EvidenceAccess, officerName: String?) {
        openObject()
        string("item", body.item?.rawValue)
        string("officerName", officerName)
        key("reader"); string(body.reader)
        string("reason", body.reason)
        key("requested"); string(body.requested)
        string("sha256", body.sha256)
        closeObject()
    }

    /// Fails (nil) when `detectedAt` is not a whole number of milliseconds an `Int64` holds.
    mutating func write(_ body: Deviation, officerName: String?) -> Bool {
        let milliseconds = (body.detectedAt.timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero)
        guard let detectedAt = Int64(exactly: milliseconds) else { return false }
        openObject()
        key("accountRequired"); bool(body.accountRequired)
        string("actor", body.actor?.rawValue)
        key("agency"); string(body.agencyID)
        string("answerableNIP", body.answerable?.nip)
        string("answerableName", body.answerable?.name)
        key("answerableRole"); string(body.answerableRole.rawValue)
        key("detectedAt"); integer(detectedAt)
        key("id"); string(body.id.rawValue)
        key("instance"); string(body.instance.rawValue)
        key("kind"); string(body.kind.rawValue)
        integer("limitMinutes", body.limitMinutes)
        integer("minutesOver", body.minutesOver)
        if !body.missingItems.isEmpty { strings("missingItems", body.missingItems.lazy.map(\.rawValue)) }
        string("notRunCause", body.notRunCause?.rawValue)
        integer("occurrence", body.occurrence)
        string("officerName", officerName)
        key("procedure"); string(body.procedureID.rawValue)
        key("severity"); string(body.severity.rawValue)
        string("step", body.step?.rawValue)
        closeObject()
        return true
    }
}

// MARK: - Decoding

extension PayloadObject {
    var officerName: String? { get throws(PayloadDecodingError) { try optionalString("officerName") } }

    func started() throws(PayloadDecodingError) -> InstanceEventPayload.Started {
        InstanceEventPayload.Started(
            procedureID: ProcedureID(try string("procedureID")), version: try string("version"),
            definitionHash: try string("definitionHash"), agencyID: try string("agencyID"),
            title: try optionalString("title"), firstStep: StepID(try string("firstStep")))
    }

    func stepCompleted() throws(PayloadDecodingError) -> InstanceEventPayload.StepCompleted {
        let step = StepID(try string("step"))
        let outcome = try optionalString("outcome")
        let nextObject = try object("next")
        let next: FlowTarget
        if let target = try nextObject.optionalString("step") {
            next = .step(StepID(target))
        } else if try nextObject.optionalBool("end") == true {
            next = .end
        } else {
            throw PayloadDecodingError(description: "a flow target needs \"step\" or \"end\": true")
        }
        return InstanceEventPayload.StepCompleted(
            step: step, outcome: outcome, next: next,
            requirements: try Self.evidence(try objects("requirements")),
            outputs: try Self.evidence(try objects("outputs")),
            missingRequirements: try strings("missingRequirements").map(ItemID.init),
            missingOutputs: try strings("missingOutputs").map(ItemID.init),
            note: try optionalString("note"))
    }

    private static func evidence(_ objects: [PayloadObject]) throws(PayloadDecodingError) -> [EvidenceItem] {
        var items: [EvidenceItem] = []
        items.reserveCapacity(objects.count)
        for object in objects {
            let id = ItemID(try object.string("id"))
            var carriedFrom: OutputReference?
            if let from = try object.optionalObject("carriedFrom") {
                carriedFrom = OutputReference(step: StepID(try from.string("step")), output: ItemID(try from.string("output")))
            }
            let content: EvidenceContent
            switch try object.string("kind") {
            case "file":
                content = .file(FileEvidence(sha256: try object.string("sha256"), name: try object.string("name"),
                                             size: try object.int("size"), mediaType: try object.string("mediaType")))
            case "text":
                content = .text(try object.string("text"))
            case let other:
                throw PayloadDecodingError(description: "evidence kind '\(other)' is neither \"file\" nor \"text\"")
            }
            items.append(EvidenceItem(id: id, content: content, carriedFrom: carriedFrom))
        }
        return items
    }

    func returned() throws(PayloadDecodingError) -> InstanceEventPayload.Returned {
        InstanceEventPayload.Returned(from: StepID(try string("from")), to: StepID(try string("to")),
                                      reason: try string("reason"))
    }

    func cancelled() throws(PayloadDecodingError) -> InstanceEventPayload.Cancelled {
        InstanceEventPayload.Cancelled(reason: try string("reason"), step: try optionalString("step").map(StepID.init))
    }

    func noteAdded() throws(PayloadDecodingError) -> InstanceEventPayload.NoteAdded {
        InstanceEventPayload.NoteAdded(text: try string("text"), step: try optionalString("step").map(StepID.init))
    }

    func deviationAccounted() throws(PayloadDecodingError) -> InstanceEventPayload.DeviationAccounted {
        InstanceEventPayload.DeviationAccounted(deviation: DeviationID(try string("deviation")), reason: try string("reason"))
    }

    func evidenceAccess() throws(PayloadDecodingError) -> EvidenceAccess {
        EvidenceAccess(reader: try string("reader"), requested: try string("requested"),
                       item: try optionalString("item").map(ItemID.init), sha256: try optionalString("sha256"),
                       reason: try optionalString("reason"))
    }

    /// A recorded deviation; always open (its account comes from later events).
    func deviation() throws(PayloadDecodingError) -> Deviation {
        let answerable: ActingOfficer?
        switch (try optionalString("answerableNIP"), try optionalString("answerableName")) {
        case (nil, nil): answerable = nil
        case (let nip?, let name?): answerable = ActingOfficer(nip: nip, name: name)
        default: throw PayloadDecodingError(description: "answerableNIP and answerableName come together")
        }
        return Deviation(
            id: DeviationID(try string("id")), kind: try enumeration("kind", DeviationKind.self),
            severity: try enumeration("severity", DeviationSeverity.self),
            instance: InstanceID(try string("instance")), procedureID: ProcedureID(try string("procedure")),
            agencyID: try string("agency"), step: try optionalString("step").map(StepID.init),
            occurrence: try optionalInt("occurrence"), actor: try optionalString("actor").map(ActorID.init),
            answerable: answerable, answerableRole: ActorID(try string("answerableRole")),
            accountRequired: try bool("accountRequired"),
            detectedAt: Date(timeIntervalSince1970: Double(try int64("detectedAt")) / 1000),
            minutesOver: try optionalInt("minutesOver"), limitMinutes: try optionalInt("limitMinutes"),
            missingItems: (try optionalStrings("missingItems") ?? []).map(ItemID.init),
            notRunCause: try optionalEnumeration("notRunCause", NotRunCause.self), account: nil)
    }
}
