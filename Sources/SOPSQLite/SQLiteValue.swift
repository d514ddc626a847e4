import Foundation

/// A value bound to a statement parameter. Values always travel as parameters, never inside the SQL text.
enum SQLiteValue: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    static func optionalText(_ value: String?) -> SQLiteValue {
        value.map(SQLiteValue.text) ?? .null
    }

    static func optionalInteger(_ value: Int64?) -> SQLiteValue {
        value.map(SQLiteValue.integer) ?? .null
    }

    static func int(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }
}
