package import Foundation
import Synchronization

/// A clock tests move by hand: the engine reads time only through it, so no test sleeps.
package final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// A clock at `start`.
    package init(_ start: Date) {
        current = Mutex(start)
    }

    /// The current time.
    package var now: Date { current.withLock { $0 } }

    /// Moves the clock forward.
    package func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the clock.
    package func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
