package import Foundation
import GRDB
import SynclineCore

extension StagingStore {
    /// Every stored job with its schedule state, by name: what the runner reads on each round.
    package func scheduledJobs() throws -> [ScheduledJob] {
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT j.name, j.is_enabled, j.next_run_at, j.sync_requested_at,
                        s.retry_at, s.retry_attempt, s.retry_reason
                    FROM jobs j LEFT JOIN job_state s ON s.job = j.name
                    ORDER BY j.name
                    """
            ).map { row in
                (
                    name: row["name"] as String, isEnabled: row["is_enabled"] as Bool,
                    next: row["next_run_at"] as String?, requested: row["sync_requested_at"] as String?,
                    retryAt: row["retry_at"] as String?, attempt: (row["retry_attempt"] as Int?) ?? 0,
                    reason: row["retry_reason"] as String?
                )
            }
        }
        return try rows.compactMap { row in
            guard let stored = try plan(for: row.name) else { return nil }
            var retry: ScheduledJob.Retry?
            if let at = row.retryAt {
                retry = .init(
                    at: try Self.preciseDate(at), attempt: row.attempt,
                    reason: row.reason.flatMap(RunStatus.init(rawValue:)) ?? .failed)
            }
            return ScheduledJob(
                stored: stored, isEnabled: row.isEnabled, nextRunAt: try row.next.map(Self.preciseDate),
                syncRequestedAt: try row.requested.map(Self.preciseDate), retry: retry)
        }
    }

    /// Stores when `job` runs next (nil: not scheduled).
    package func setNextRun(of job: String, at date: Date?) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE jobs SET next_run_at = ? WHERE name = ?",
                arguments: [date.map(Instant.preciseText), job])
        }
    }

    /// Switches a stored job on or off for the runner without editing its file; false when there is no such job.
    ///
    /// Disabling clears its next run and any pending retry or request; enabling leaves the next run to be computed.
    package func setEnabled(_ job: String, _ isEnabled: Bool, now: Date) throws -> Bool {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE jobs SET is_enabled = ?, next_run_at = NULL, sync_requested_at = NULL, updated_at = ?
                    WHERE name = ?
                    """,
                arguments: [isEnabled, Self.timestamp(now), job])
            guard db.changesCount > 0 else { return false }
            try db.execute(
                sql: "UPDATE job_state SET retry_at = NULL, retry_attempt = 0, retry_reason = NULL WHERE job = ?",
                arguments: [job])
            return true
        }
    }

    /// Hands `job` to a running runner to sync at once (`apply` with `sync_on_save`).
    package func requestSync(of job: String, now: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE jobs SET sync_requested_at = ? WHERE name = ?",
                arguments: [Instant.preciseText(now), job])
        }
    }

    /// Forgets `job`'s pending request, if it is still the one made at `requestedAt` (a newer one stays).
    package func clearSyncRequest(of job: String, madeAt requestedAt: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE jobs SET sync_requested_at = NULL WHERE name = ? AND sync_requested_at <= ?",
                arguments: [job, Instant.preciseText(requestedAt)])
        }
    }

    /// Records that `job` is retried at `date` (`attempt` retries before it), because its last run ended `reason`.
    package func setRetry(of job: String, at date: Date, attempt: Int, reason: RunStatus, now: Date) throws {
        try write { db in
            try db.execute(
                sql: "INSERT INTO job_state (job, updated_at) VALUES (?, ?) ON CONFLICT (job) DO NOTHING",
                arguments: [job, Instant.preciseText(now)])
            try db.execute(
                sql: "UPDATE job_state SET retry_at = ?, retry_attempt = ?, retry_reason = ? WHERE job = ?",
                arguments: [Instant.preciseText(date), attempt, reason.rawValue, job])
        }
    }

    /// Forgets `job`'s pending retry.
    package func clearRetry(of job: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE job_state SET retry_at = NULL, retry_attempt = 0, retry_reason = NULL WHERE job = ?",
                arguments: [job])
        }
    }

    /// Records a run that did not start, and why (a dependency failed in the same round).
    package func recordSkippedRun(
        job: String, planVersion: Int, reason: String, trigger: RunTrigger, now: Date, pid: Int32, host: String
    ) throws -> Int64 {
        try recordUnstartedRun(
            job: job, planVersion: planVersion, status: .skipped, reason: reason, trigger: trigger, attempt: 1,
            now: now, pid: pid, host: host)
    }

    /// Records a run that ended before it could start reading: skipped (a dependency failed), or failed while
    /// preparing (an unset variable, a connector refusing its configuration), with the reason as its error.
    package func recordUnstartedRun(
        job: String, planVersion: Int, status: RunStatus, reason: String, trigger: RunTrigger, attempt: Int,
        now: Date, pid: Int32, host: String
    ) throws -> Int64 {
        let stamp = Instant.preciseText(now)
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_runs (job, plan_version, window_to, status, trigger, attempt, error, started_at,
                        heartbeat_at, finished_at, pid, host)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    job, planVersion, stamp, status.rawValue, trigger.rawValue, attempt, reason, stamp, stamp, stamp,
                    pid, host,
                ])
            return db.lastInsertedRowID
        }
    }

    /// Marks a run alive (its heartbeat) between commits, so no other process takes its lease.
    package func heartbeat(_ run: RunHandle, now: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE sync_runs SET heartbeat_at = ? WHERE run_id = ? AND status = 'running'",
                arguments: [Instant.preciseText(now), run.runID])
        }
    }
}

extension StagingStore {
    /// Registers a runner process; returns its id.
    package func registerRunner(host: String, pid: Int32, http: String?, now: Date) throws -> Int64 {
        let stamp = Instant.preciseText(now)
        return try write { db in
            try db.execute(
                sql: "INSERT INTO runners (host, pid, http, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [host, pid, http, stamp, stamp])
            return db.lastInsertedRowID
        }
    }

    /// The runner's heartbeat, with where its status page listens now (known once the listener is bound).
    package func heartbeatRunner(_ runner: Int64, http: String?, now: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE runners SET heartbeat_at = ?, http = ? WHERE runner_id = ?",
                arguments: [Instant.preciseText(now), http, runner])
        }
    }

    /// Marks the runner stopped.
    package func stopRunner(_ runner: Int64, now: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE runners SET stopped_at = ?, heartbeat_at = ? WHERE runner_id = ?",
                arguments: [Instant.preciseText(now), Instant.preciseText(now), runner])
        }
    }

    /// The runners not stopped whose heartbeat is within `timeout` of `now`.
    package func liveRunners(now: Date, timeout: TimeInterval) throws -> [RunnerRecord] {
        let oldest = Instant.preciseText(now.addingTimeInterval(-timeout))
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM runners WHERE stopped_at IS NULL AND heartbeat_at >= ? ORDER BY runner_id
                    """,
                arguments: [oldest]
            ).map { row in
                RunnerRecord(
                    runnerID: row["runner_id"], host: row["host"], pid: row["pid"], http: row["http"],
                    startedAt: try Self.preciseDate(row["started_at"]),
                    heartbeatAt: try Self.preciseDate(row["heartbeat_at"]))
            }
        }
    }
}
