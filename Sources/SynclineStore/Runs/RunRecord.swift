package import Foundation
package import SynclineCore

/// How a sync run ended, or that it is still going.
package enum RunStatus: String, Sendable, Hashable, CaseIterable {
    case running, succeeded, failed
    /// Stopped cleanly because the day's request budget ran out; the next run continues.
    case quota
    /// The process stopped without finishing (killed or crashed); found and marked by the next run.
    case interrupted
    /// Stopped on purpose (SIGTERM, Ctrl-C): the batch being written was committed, nothing after it.
    case cancelled
    /// Not started: a job it depends on failed in the same round.
    case skipped
}

/// Why a run started.
package enum RunTrigger: String, Sendable, Hashable, CaseIterable, Codable {
    /// `syncline sync`.
    case manual
    /// The runner, at a scheduled time.
    case schedule
    /// The runner, at its start, for a scheduled time it was down for (once, whatever the slots missed).
    case catchUp = "catch-up"
    /// The runner, retrying a failed run after a backoff.
    case retry
    /// The runner, after the UTC midnight that follows a run stopped by the daily request budget.
    case quotaResume = "quota-resume"
    /// `syncline apply`, for a job with `sync_on_save`.
    case apply
    /// The runner, for a job `apply` handed to it (`sync_on_save` while a runner runs).
    case request
}

/// One row of `sync_runs`.
package struct RunRecord: Sendable, Hashable {
    /// The run's id.
    package var runID: Int64
    /// The job.
    package var job: String
    /// The plan version it executed.
    package var planVersion: Int
    /// The window's inclusive start (UTC text), nil when read whole.
    package var windowFrom: String?
    /// The window's exclusive end (UTC text).
    package var windowTo: String
    /// How it ended.
    package var status: RunStatus
    /// Why it started.
    package var trigger: RunTrigger
    /// Which attempt it was (1, then 2… for retries).
    package var attempt: Int
    /// Pages read.
    package var pages: Int
    /// Records read.
    package var fetched: Int
    /// Records outside the window.
    package var outsideWindow: Int
    /// Rows created.
    package var created: Int
    /// Rows updated.
    package var updated: Int
    /// Create-only rows that existed.
    package var skippedExisting: Int
    /// Records rejected.
    package var rejected: Int
    /// Warnings.
    package var warnings: Int
    /// How far a running sync is (0–1), when its source tells.
    package var progress: Double?
    /// Records rejected earlier that this run read again (reference data had changed since).
    package var retried: Int
    /// Of those, the ones written now.
    package var retriedCreated: Int
    /// Why it failed.
    package var error: String?
    /// When it started.
    package var startedAt: Date
    /// Its last sign of life.
    package var heartbeatAt: Date
    /// When it ended.
    package var finishedAt: Date?
    /// The machine that ran it.
    package var host: String?
    /// The process that ran it.
    package var pid: Int32?
}

/// A run this process holds: what the store needs to commit its batches.
package struct RunHandle: Sendable, Hashable {
    /// The run's id.
    package var runID: Int64
    /// The job.
    package var job: String
    /// The plan version.
    package var planVersion: Int
    /// What is written, and how.
    package var layout: StagingLayout
    /// The API whose daily request count the run's requests add to (`gong:api.gong.io`), if any.
    package var requestCounter: String?
    /// The reference version the run's mapper reads; its rejections are recorded under it.
    package var referenceVersion: Int
}

/// A record rejected for want of reference data that has changed since: worth reading again.
package struct RetryCandidate: Sendable, Hashable {
    /// The record's id in the source.
    package var sourceID: String
    /// The file that held it (file sources).
    package var sourceFile: String?
}

/// A job's incremental state.
package struct JobState: Sendable {
    /// The end of the last completed window; nil before the first successful run.
    package var watermark: Date?
    /// Files consumed whole by earlier runs.
    package var consumedFiles: Set<FileMark>
}

/// One row of `rejected_records`.
package struct RejectionRecord: Sendable, Hashable {
    /// The record's id in the source.
    package var sourceID: String
    /// The run that last rejected it.
    package var runID: Int64
    /// The stable reason code.
    package var code: String
    /// The reason.
    package var reason: String
    /// The record's date.
    package var recordDate: String?
}

/// A job as `syncline status` shows it.
package struct JobStatus: Sendable {
    /// The job and its current plan.
    package var job: JobSummary
    /// Its watermark.
    package var watermark: Date?
    /// Its last run, finished or not.
    package var lastRun: RunRecord?
    /// Its last finished run, when the last one is still going.
    package var lastFinishedRun: RunRecord?
}

/// A stored job as the runner schedules it.
package struct ScheduledJob: Sendable {
    /// The job's current plan.
    package var stored: StoredPlan
    /// Whether the runner schedules it (`jobs.is_enabled`: the plan's, or `syncline enable`/`disable`).
    package var isEnabled: Bool
    /// When it runs next; nil when not computed yet.
    package var nextRunAt: Date?
    /// When `apply` handed it to a runner to sync at once; nil when it did not.
    package var syncRequestedAt: Date?
    /// When a failed or quota-stopped run is retried, how many retries came before, and why.
    package var retry: Retry?

    /// A pending retry.
    package struct Retry: Sendable, Hashable {
        /// When.
        package var at: Date
        /// Retries made before this one (0 for the first).
        package var attempt: Int
        /// `failed` or `quota`.
        package var reason: RunStatus
    }

    /// The job's name.
    package var name: String { stored.plan.job }
}

/// One `syncline runner` process working on the database.
package struct RunnerRecord: Sendable, Hashable {
    /// Its id.
    package var runnerID: Int64
    /// Its machine.
    package var host: String
    /// Its process.
    package var pid: Int32
    /// Where its status page listens.
    package var http: String?
    /// When it started.
    package var startedAt: Date
    /// Its last heartbeat.
    package var heartbeatAt: Date
}
