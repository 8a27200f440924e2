package import Foundation

/// The runner's wall clock: what time it is, and a way to wait until a given instant.
///
/// Injected so tests drive days of schedules in milliseconds: a test clock jumps to the instant asked for.
package protocol RunnerClock: Sendable {
    /// The current instant.
    func now() -> Date
    /// Returns at `date` (at once when it has passed); throws `CancellationError` when the task is cancelled.
    func sleep(until date: Date) async throws
}

/// The system's clock: `Date()` for the time, a monotonic sleep for the wait.
package struct SystemRunnerClock: RunnerClock {
    /// Creates the clock.
    package init() {}

    package func now() -> Date { Date() }

    package func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSinceNow
        guard seconds > 0 else { return try Task.checkCancellation() }
        try await ContinuousClock().sleep(for: .milliseconds(Int64(seconds * 1000)))
    }
}
