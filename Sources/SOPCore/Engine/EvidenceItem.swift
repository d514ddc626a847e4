/// One requirement (kelengkapan) or output as recorded when a step was completed.
///
/// Either a file, kept by its SHA-256 so the bytes can be checked later, or a text reference such as
/// a letter number, for evidence that lives outside the system.
public struct EvidenceItem: Sendable, Equatable, Hashable {
    public var id: ItemID
    public var content: EvidenceContent
    /// Set when the engine took this requirement from an earlier step's recorded output
    /// (the definition's `from` chain) instead of the officer attaching it again.
    public var carriedFrom: OutputReference?

    public init(id: ItemID, content: EvidenceContent, carriedFrom: OutputReference? = nil) {
        self.id = id; self.content = content; self.carriedFrom = carriedFrom
    }

    /// A file item.
    public static func file(_ id: ItemID, sha256: String, name: String, size: Int, mediaType: String) -> EvidenceItem {
        EvidenceItem(id: id, content: .file(FileEvidence(sha256: sha256, name: name, size: size, mediaType: mediaType)))
    }

    /// A text reference item (e.g. a letter number).
    public static func text(_ id: ItemID, _ text: String) -> EvidenceItem {
        EvidenceItem(id: id, content: .text(text))
    }
}

/// What an evidence item is.
public enum EvidenceContent: Sendable, Equatable, Hashable {
    case file(FileEvidence)
    case text(String)
}

/// A file attached as evidence; the bytes themselves are stored once, by hash, outside the event.
public struct FileEvidence: Sendable, Equatable, Hashable {
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    /// The file name as given (no directory).
    public var name: String
    /// Size in bytes.
    public var size: Int
    /// e.g. `application/pdf`.
    public var mediaType: String
    public init(sha256: String, name: String, size: Int, mediaType: String) {
        self.sha256 = sha256; self.name = name; self.size = size; self.mediaType = mediaType
    }
}

/// Why an evidence item given to a command is unusable.
public enum EvidenceProblem: String, Sendable, Equatable, Hashable {
    /// A text reference with no text.
    case emptyText = "empty-text"
    /// The hash is not 64 lowercase hex digits.
    case malformedSHA256 = "malformed-sha256"
    /// A file size below zero.
    case negativeSize = "negative-size"
    /// A file with no name.
    case emptyName = "empty-name"
}

extension EvidenceItem {
    /// The first problem that makes this item unusable, if any.
    var problem: EvidenceProblem? {
        switch content {
        case .text(let text):
            return text.trimmingWhitespace.isEmpty ? .emptyText : nil
        case .file(let file):
            if !file.sha256.isLowercaseSHA256Hex { return .malformedSHA256 }
            if file.size < 0 { return .negativeSize }
            if file.name.trimmingWhitespace.isEmpty { return .emptyName }
            return nil
        }
    }
}

extension String {
    /// 64 characters of `0-9a-f`: the only hash spelling stored, so equal files always compare equal.
    var isLowercaseSHA256Hex: Bool {
        utf8.count == 64 && utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
