/// A strict JSON parser (RFC 8259) that keeps byte offsets and fails with a located error instead of crashing.
///
/// Foundation's decoders give no line or column, and a hostile file (invalid UTF-8, a 10 MB string,
/// nesting a million levels deep) must produce a diagnostic, so `sop` parses JSON itself.
public struct JSONParser {
    /// Deeper nesting than this is refused (a definition needs about six levels).
    public static let maximumDepth = 64

    public enum Failure: Error, Equatable, Sendable {
        case empty
        case invalidUTF8(offset: Int)
        case unexpectedCharacter(found: String, expected: String, offset: Int)
        case unexpectedEnd(expected: String, offset: Int)
        case invalidEscape(offset: Int)
        case invalidNumber(offset: Int)
        case controlCharacterInString(offset: Int)
        case tooDeep(offset: Int)

        public var offset: Int {
            switch self {
            case .empty: 0
            case .invalidUTF8(let o), .unexpectedCharacter(_, _, let o), .unexpectedEnd(_, let o),
                 .invalidEscape(let o), .invalidNumber(let o), .controlCharacterInString(let o), .tooDeep(let o): o
            }
        }
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses a whole document; anything but whitespace after the value is an error.
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONNode {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 } // tolerate a UTF-8 byte order mark
        // Pure ASCII (the usual case) is valid UTF-8 without building a String to find out.
        if !bytes[start...].allSatisfy({ $0 < 0x80 }), String(validating: bytes[start...], as: UTF8.self) == nil {
            throw .invalidUTF8(offset: firstInvalidUTF8Offset(bytes))
        }
        var parser = JSONParser(bytes: bytes)
        parser.index = start
        parser.skipWhitespace()
        if parser.index >= bytes.count { throw .empty }
        let node = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw .unexpectedCharacter(found: parser.describeCurrent(), expected: "end of file", offset: parser.index)
        }
        return node
    }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        // Walk the encoded sequences; the first one that does not decode is the culprit.
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            if i + length > bytes.count { return i }
            if String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { return i }
            i += length
        }
        return bytes.count
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONNode {
        guard depth <= Self.maximumDepth else { throw .tooDeep(offset: index) }
        skipWhitespace()
        guard index < bytes.count else { throw .unexpectedEnd(expected: "a value", offset: index) }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try parseString()), offset: start)
        case UInt8(ascii: "t"): try expectLiteral("true"); return JSONNode(value: .bool(true), offset: start)
        case UInt8(ascii: "f"): try expectLiteral("false"); return JSONNode(value: .bool(false), offset: start)
        case UInt8(ascii: "n"): try expectLiteral("null"); return JSONNode(value: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default:
            throw .unexpectedCharacter(found: describeCurrent(), expected: "a value", offset: index)
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(Failure) {
        for byte in literal.utf8 {
            guard index < bytes.count else { throw .unexpectedEnd(expected: "'\(literal)'", offset: index) }
            guard bytes[index] == byte else {
                throw .unexpectedCharacter(found: describeCurrent(), expected: "'\(literal)'", offset: index)
            }
            index += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONNode {
        let start = index
        index += 1
        var members: [JSONNode.Member] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return JSONNode(value: .object(members), offset: start)
        }
        members.reserveCapacity(8)  // most objects have a few keys: spares the regrowths of an empty array
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd(expected: "a key in quotes or '}'", offset: index) }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw .unexpectedCharacter(found: describeCurrent(), expected: "a key in double quotes", offset: index)
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd(expected: "':'", offset: index) }
            guard bytes[index] == UInt8(ascii: ":") else {
                throw .unexpectedCharacter(found: describeCurrent(), expected: "':' after the key", offset: index)
            }
            index += 1
            let value = try parseValue(depth: depth + 1)
            members.append(.init(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd(expected: "',' or '}'", offset: index) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw .unexpectedCharacter(found: describeCurrent(), expected: "',' or '}'", offset: index)
        }
        return JSONNode(value: .object(members), offset: start)
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONNode {
        let start = index
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return JSONNode(value: .array(elements), offset: start)
        }
        elements.reserveCapacity(4)
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd(expected: "',' or ']'", offset: index) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw .unexpectedCharacter(found: describeCurrent(), expected: "',' or ']'", offset: index)
        }
        return JSONNode(value: .array(elements), offset: start)
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1 // opening quote
        // Fast path: no escape and no control character before the closing quote (already valid UTF-8).
        var end = index
        while end < bytes.count {
            let b = bytes[end]
            if b == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[index..<end], as: UTF8.self)
                index = end + 1
                return text
            }
            if b < 0x20 || b == UInt8(ascii: "\\") { break }
            end += 1
        }
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flushRun(_ parser: JSONParser, upTo end: Int, into scalars: inout String.UnicodeScalarView) {
            if end > runStart {
                scalars.append(contentsOf: String(decoding: parser.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
            }
        }
        while true {
            guard index < bytes.count else { throw .unexpectedEnd(expected: "a closing '\"'", offset: index) }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                flushRun(self, upTo: index, into: &scalars)
                index += 1
                return String(scalars)
            }
            if b < 0x20 { throw .controlCharacterInString(offset: index) }
            if b == UInt8(ascii: "\\") {
                flushRun(self, upTo: index, into: &scalars)
                index += 1
                guard index < bytes.count else { throw .unexpectedEnd(expected: "an escape", offset: index) }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    let escapeOffset = index - 2
                    var code = try parseHex4(escapeOffset: escapeOffset)
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw .invalidEscape(offset: escapeOffset)
                        }
                        index += 2
                        let low = try parseHex4(escapeOffset: escapeOffset)
                        guard (0xDC00...0xDFFF).contains(low) else { throw .invalidEscape(offset: escapeOffset) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw .invalidEscape(offset: escapeOffset) }
                    scalars.append(scalar)
                default:
                    throw .invalidEscape(offset: index - 2)
                }
                runStart = index
                continue
            }
            index += 1
        }
    }

    private mutating func parseHex4(escapeOffset: Int) throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw .invalidEscape(offset: escapeOffset) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw .invalidEscape(offset: escapeOffset)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(Failure) -> JSONNode {
        let start = index
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let raw = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(raw) else { throw .invalidNumber(offset: start) }
        return JSONNode(value: .number(value, raw: raw), offset: start)
    }
}
