/// A parsed JSON value that remembers where it was in the file, so every diagnostic can point at a line.
public struct JSONNode: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        case number(Double, raw: String)
        case bool(Bool)
        case null
    }

    /// One key of an object, in file order (duplicates are kept so the reader can report them).
    public struct Member: Sendable, Equatable {
        public var key: String
        public var keyOffset: Int
        public var value: JSONNode
    }

    public var value: Value
    /// Byte offset of the value's first character.
    public var offset: Int

    /// The JSON type name as a user reads it: "object", "array", "string", "number", "boolean", "null".
    public var typeName: String {
        switch value {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}
