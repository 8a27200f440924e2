package import Foundation

/// Whether the process holding a job's lease still runs, so a second one must wait or may take the job over.
///
/// A holder is alive while its heartbeat (every few seconds during a sync) is younger than `timeout` and, when it
/// runs on this machine, its process still exists. So a sync killed here (SIGKILL, a crash) is taken over at once,
/// and one on a machine that went silent after `timeout`.
package struct LeasePolicy: Sendable {
    /// How long a holder on another machine counts as alive without a heartbeat.
    package var timeout: TimeInterval
    /// This machine's name, as leases record it.
    package var host: String
    /// The current time.
    package var now: @Sendable () -> Date
    /// Whether a process with this ID exists on this machine.
    package var processExists: @Sendable (Int32) -> Bool

    /// The default lease timeout: a minute, six missed heartbeats.
    package static let defaultTimeout: TimeInterval = 60

    /// Creates a policy.
    package init(
        timeout: TimeInterval = LeasePolicy.defaultTimeout, host: String, now: @escaping @Sendable () -> Date,
        processExists: @escaping @Sendable (Int32) -> Bool
    ) {
        self.timeout = timeout
        self.host = host
        self.now = now
        self.processExists = processExists
    }

    /// Whether the holder `pid` on `host`, last heard from at `heartbeat`, is alive.
    package func isAlive(pid: Int32, host: String, heartbeat: Date) -> Bool {
        guard now().timeIntervalSince(heartbeat) < timeout else { return false }
        guard host == self.host else { return true }
        return pid > 0 && processExists(pid)
    }
}
