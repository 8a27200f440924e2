package import Foundation

/// How the runner schedules: its time zone, how often it looks for changes, how it retries.
package struct RunnerConfiguration: Sendable {
    /// The instance's time zone, for schedules without their own (the project file's, else the machine's).
    package var instanceZone: TimeZone
    /// How often the runner looks at the database for applied jobs and `sync_on_save` requests.
    package var pollInterval: TimeInterval = 2
    /// How often it marks itself alive.
    package var heartbeatInterval: TimeInterval = 5
    /// Retries of a failed run before it is left failed (until its next scheduled time).
    package var maximumRetries = 3
    /// The wait before the first retry; each next one waits `retryGrowth` times longer.
    package var retryBackoff: TimeInterval = 60
    /// How much longer each retry waits than the one before.
    package var retryGrowth: Double = 4
    /// Where the status page listens, as the runner registers it (for `status` and other runners).
    package var httpAddress: String?

    /// A configuration for `instanceZone`, with the defaults.
    package init(instanceZone: TimeZone) {
        self.instanceZone = instanceZone
    }

    /// The wait before retry number `attempt` (the run's attempt number, 2 for the first retry).
    package func backoff(beforeAttempt attempt: Int) -> TimeInterval {
        retryBackoff * pow(retryGrowth, Double(max(attempt - 2, 0)))
    }
}
