import Foundation

extension String {
    /// The text without surrounding spaces and newlines: a reason of only spaces is no reason.
    var trimmingWhitespace: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
