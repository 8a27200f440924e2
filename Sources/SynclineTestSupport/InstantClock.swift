import Synchronization

/// A clock whose sleeps return at once and are recorded, so retry and rate-limit waits cost a test nothing.
package final class InstantClock: Clock, Sendable {
    package typealias Duration = Swift.Duration

    /// An instant of this clock.
    package struct Instant: InstantProtocol {
        package var offset: Swift.Duration

        package func advanced(by duration: Swift.Duration) -> Instant { Instant(offset: offset + duration) }
        package func duration(to other: Instant) -> Swift.Duration { other.offset - offset }
        package static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let state = Mutex<(now: Instant, sleeps: [Swift.Duration])>((Instant(offset: .zero), []))

    /// A clock at zero.
    package init() {}

    package var now: Instant { state.withLock { $0.now } }
    package var minimumResolution: Swift.Duration { .nanoseconds(1) }

    /// Records the sleep and moves the clock, without waiting.
    package func sleep(until deadline: Instant, tolerance: Swift.Duration?) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(deadline.offset - state.now.offset)
            if deadline > state.now { state.now = deadline }
        }
    }

    /// Moves the clock forward by `duration` without a sleep: time that passes between calls (not recorded).
    package func advance(by duration: Swift.Duration) {
        state.withLock { $0.now = $0.now.advanced(by: duration) }
    }

    /// Every sleep asked for, in order.
    package var sleeps: [Swift.Duration] { state.withLock { $0.sleeps } }
}
