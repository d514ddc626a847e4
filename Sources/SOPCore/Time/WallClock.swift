import Foundation
import Synchronization

/// Where "now" comes from. Injected everywhere so tests control time and never read the machine's clock.
public protocol WallClock: Sendable {
    var now: Date { get }
}

/// A clock the tests set and advance by hand; it refuses to go backwards.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward by the given number of seconds.
    public func advance(seconds: TimeInterval) {
        precondition(seconds >= 0, "a ManualWallClock cannot travel back in time")
        current.withLock { $0 += seconds }
    }

    /// Sets the clock to a later moment.
    public func set(_ date: Date) {
        current.withLock {
            precondition(date >= $0, "a ManualWallClock cannot travel back in time")
            $0 = date
        }
    }
}
