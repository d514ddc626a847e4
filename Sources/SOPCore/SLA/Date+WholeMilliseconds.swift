import Foundation

extension Date {
    /// This instant in whole milliseconds, as a store keeps it, so a value survives storage unchanged.
    var wholeMilliseconds: Date {
        let value = (timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero)
        guard let milliseconds = Int64(exactly: value) else { return self }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
