import Foundation

// A fast path for reading calendar files, which every timed command (`sop complete`, `sop status`, ...)
// decodes. Foundation's JSONSerialization + JSONDecoder cost ~5.6 million instructions per command, much of
// it instantiating generic metadata (sop-bench figure 2). This reader goes through the core's own
// `JSONParser` and gives up (nil) at anything unusual: duplicate keys, a wrong type, a missing field, a
// number that is not a plain integer or is out of range, a byte order mark. The caller then runs the
// Foundation path unchanged, so every error message and every accepted file stay exactly as before.

extension CalendarFile {
    /// The top-level object of a file by key, or nil (see above).
    private static func object(_ data: Data) -> [String: JSONNode]? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
        guard let node = try? JSONParser.parse([UInt8](data)), allNumbersFinite(node) else { return nil }
        return members(node)
    }

    private static func members(_ node: JSONNode?) -> [String: JSONNode]? {
        guard case .object(let members)? = node?.value else { return nil }
        var object: [String: JSONNode] = [:]
        object.reserveCapacity(members.count)
        for member in members {
            guard object.updateValue(member.value, forKey: member.key) == nil else { return nil }
        }
        return object
    }

    /// JSONSerialization refuses numbers a Double cannot hold; so does this path (by giving up).
    private static func allNumbersFinite(_ node: JSONNode) -> Bool {
        switch node.value {
        case .number(let value, _): value.isFinite
        case .array(let elements): elements.allSatisfy(allNumbersFinite)
        case .object(let members): members.allSatisfy { allNumbersFinite($0.value) }
        case .string, .bool, .null: true
        }
    }

    private static func string(_ node: JSONNode?) -> String? {
        guard case .string(let text)? = node?.value else { return nil }
        return text
    }

    private static func array(_ node: JSONNode?) -> [JSONNode]? {
        guard case .array(let elements)? = node?.value else { return nil }
        return elements
    }

    private static func strings(_ node: JSONNode?) -> [String]? {
        guard let elements = array(node) else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard let text = string(element) else { return nil }
            strings.append(text)
        }
        return strings
    }

    private static func weekHours(_ node: JSONNode?) -> [String: [[String]]]? {
        guard let days = members(node) else { return nil }
        var week: [String: [[String]]] = [:]
        for (key, value) in days {
            guard let intervals = array(value) else { return nil }
            var pairs: [[String]] = []
            for interval in intervals {
                guard let pair = strings(interval) else { return nil }
                pairs.append(pair)
            }
            week[key] = pairs
        }
        return week
    }

    /// A `working-hours` file, or nil to take the Foundation path.
    static func fastWorkingHours(_ data: Data) -> WorkingHours? {
        guard let file = object(data), string(file["kind"]) == workingHoursKind,
              let id = string(file["id"]), let name = string(file["name"]), let week = weekHours(file["week"]),
              let closures = strings(file["closures"]) else { return nil }
        var periods: [Period]?
        switch file["periods"]?.value {
        case nil, .null?: periods = nil
        case .array(let elements)?:
            var list: [Period] = []
            for element in elements {
                guard let period = members(element), let name = string(period["name"]),
                      let from = string(period["from"]), let to = string(period["to"]),
                      let week = weekHours(period["week"]) else { return nil }
                list.append(Period(name: name, from: from, to: to, week: week))
            }
            periods = list
        default: return nil
        }
        return WorkingHours(id: id, name: name, week: week, closures: closures, periods: periods)
    }

    /// A `closures` file, or nil to take the Foundation path.
    static func fastClosureSet(_ data: Data) -> ClosureSet? {
        guard let file = object(data), string(file["kind"]) == closureSetKind, let id = string(file["id"]),
              case .number(_, let rawYear)? = file["year"]?.value, let year = Int(rawYear),
              let elements = array(file["closures"]) else { return nil }
        var closures: [Closure] = []
        closures.reserveCapacity(elements.count)
        for element in elements {
            guard let closure = members(element), let date = string(closure["date"]), let kind = string(closure["kind"]),
                  let name = string(closure["name"]) else { return nil }
            closures.append(Closure(date: date, kind: kind, name: name))
        }
        return ClosureSet(id: id, year: year, closures: closures)
    }
}
