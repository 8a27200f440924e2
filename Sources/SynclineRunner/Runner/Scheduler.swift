package import Foundation
package import Logging
import SynclineCore
package import SynclineEngine
package import SynclineStore

/// Decides what runs when, and runs it: one round at a time, each job at most once a round.
///
/// A round reads every job's schedule state from the store, runs the due ones in dependency order (a job whose
/// dependency failed in the same round is recorded `skipped`), then stores what comes next: the next scheduled
/// instant, a retry with backoff after a failure, a resume after the next UTC midnight after a spent quota.
/// Missed slots collapse: a slot passed while no runner ran is run once, as a catch-up.
package struct Scheduler: Sendable {
    /// The staging database.
    package var store: StagingStore
    /// Runs the syncs.
    package var engine: SyncEngine
    /// Zones, polling and retry policy.
    package var configuration: RunnerConfiguration
    /// The wall clock.
    package var clock: any RunnerClock
    /// Run outcomes counted for `/metrics`.
    package var metrics: RunnerMetrics
    /// When this runner started: a slot before it was missed, and runs as a catch-up.
    package var startedAt: Date
    /// Where log lines go.
    package var logger: Logger

    /// Creates a scheduler.
    package init(
        store: StagingStore, engine: SyncEngine, configuration: RunnerConfiguration, clock: any RunnerClock,
        metrics: RunnerMetrics, startedAt: Date, logger: Logger
    ) {
        self.store = store
        self.engine = engine
        self.configuration = configuration
        self.clock = clock
        self.metrics = metrics
        self.startedAt = startedAt
        self.logger = logger
    }

    /// A job due in a round, and why.
    struct Due {
        var job: ScheduledJob
        var trigger: RunTrigger
        var attempt: Int
    }

    /// Runs one round; returns when the next should start (at the latest one poll interval from now).
    ///
    /// Stops early, with the runs so far settled, when the task is cancelled (a graceful stop).
    @discardableResult
    package func round() async throws -> Date {
        let now = clock.now()
        var due: [Due] = []
        for var job in try store.scheduledJobs() where job.isEnabled {
            if job.nextRunAt == nil {
                job.nextRunAt = Schedules.nextRun(
                    of: job.stored.plan, after: now, instanceZone: configuration.instanceZone)
                try store.setNextRun(of: job.name, at: job.nextRunAt)
            }
            if let reason = Self.trigger(of: job, now: now, startedAt: startedAt) { due.append(reason) }
        }
        var failed: Set<String> = []  // jobs that did not succeed in this round: their dependants are skipped
        for item in Self.dependencyOrder(due) {
            try Task.checkCancellation()
            if let blocked = item.job.stored.plan.dependsOn.first(where: failed.contains) {
                try skip(item, because: blocked)
                failed.insert(item.job.name)
                continue
            }
            let status = try await run(item)
            if status != .succeeded { failed.insert(item.job.name) }
            if status == .cancelled { throw CancellationError() }
        }
        return try nextWake(after: clock.now())
    }

    /// Why `job` is due at `now`, if it is: a request from `apply`, its scheduled time (a catch-up when that time
    /// passed before the runner started), or a pending retry.
    static func trigger(of job: ScheduledJob, now: Date, startedAt: Date) -> Due? {
        if let next = job.nextRunAt, next <= now {
            return Due(job: job, trigger: next < startedAt ? .catchUp : .schedule, attempt: 1)
        }
        if let retry = job.retry, retry.at <= now {
            return Due(
                job: job, trigger: retry.reason == .quota ? .quotaResume : .retry,
                attempt: retry.reason == .quota ? 1 : retry.attempt)
        }
        if job.syncRequestedAt != nil { return Due(job: job, trigger: .request, attempt: 1) }
        return nil
    }

    /// The due jobs with each after the due jobs it depends on; otherwise by name.
    static func dependencyOrder(_ due: [Due]) -> [Due] {
        var remaining = due.sorted { $0.job.name < $1.job.name }
        var placed: [Due] = []
        var names = Set(remaining.map(\.job.name))
        while !remaining.isEmpty {
            let ready = remaining.firstIndex { item in item.job.stored.plan.dependsOn.allSatisfy { !names.contains($0) }
            }
            let item = remaining.remove(at: ready ?? 0)  // a cycle (refused by validate) runs in name order
            names.remove(item.job.name)
            placed.append(item)
        }
        return placed
    }

    /// Records `item` as skipped because `dependency` failed in this round, and moves its schedule on.
    private func skip(_ item: Due, because dependency: String) throws {
        let reason = "skipped: job '\(dependency)', which it depends on, did not succeed in this round"
        _ = try store.recordSkippedRun(
            job: item.job.name, planVersion: item.job.stored.version, reason: reason, trigger: item.trigger,
            now: clock.now(), pid: engine.processID, host: engine.host)
        logger.info("job skipped", metadata: ["job.name": "\(item.job.name)", "job.dependency": "\(dependency)"])
        metrics.record(job: item.job.name, status: .skipped, run: nil)
        try settle(item, status: .skipped)
    }

    /// Runs one due job and settles what comes next; returns how the run ended.
    private func run(_ item: Due) async throws -> RunStatus {
        let job = item.job.name
        var logger = self.logger
        logger[metadataKey: "job.name"] = "\(job)"
        logger.info(
            "job due", metadata: ["run.trigger": "\(item.trigger.rawValue)", "run.attempt": "\(item.attempt)"])
        let status: RunStatus
        do {
            let record = try await engine.sync(job: job, trigger: item.trigger, attempt: item.attempt)
            status = record.status
            metrics.record(job: job, status: status, run: record)
            logger.info(
                "run finished",
                metadata: [
                    "run.id": "\(record.runID)", "run.status": "\(status.rawValue)", "run.created": "\(record.created)",
                    "run.rejected": "\(record.rejected)",
                ])
        } catch let error as StoreError where error.code == .busy {
            // Another process (a `syncline sync`, another runner) holds the job: it is being run.
            logger.info("job already running elsewhere", metadata: ["error": "\(error)"])
            try settle(item, status: .succeeded, keepRetry: true)
            return .succeeded
        } catch {
            status = .failed
            let run = try latestFailure(of: item, error: error)
            metrics.record(job: job, status: .failed, run: run)
            logger.warning("run failed", metadata: ["error": "\(error)"])
        }
        try settle(item, status: status)
        return status
    }

    /// The failed run the engine recorded, or one recorded here when the sync failed before it could start
    /// (an unset variable, a connector refusing its configuration), so `status` and `runs` show the error.
    private func latestFailure(of item: Due, error: any Error) throws -> RunRecord? {
        if let last = try store.runs(of: item.job.name, limit: 1).first, last.status == .failed,
            last.startedAt >= clock.now().addingTimeInterval(-5)
        {
            return last
        }
        let runID = try store.recordUnstartedRun(
            job: item.job.name, planVersion: item.job.stored.version, status: .failed, reason: "\(error)",
            trigger: item.trigger, attempt: item.attempt, now: clock.now(), pid: engine.processID, host: engine.host)
        return try store.run(runID)
    }

    /// Stores what follows a run of `item` that ended `status`: its next scheduled instant, and a retry when due.
    /// A cancelled run changes nothing, so what it was due for stays due.
    private func settle(_ item: Due, status: RunStatus, keepRetry: Bool = false) throws {
        let job = item.job
        let now = clock.now()
        // A run stopped by a graceful stop keeps its slot, request or retry: the next runner to start catches it up.
        guard status != .cancelled else { return }
        if let requested = job.syncRequestedAt { try store.clearSyncRequest(of: job.name, madeAt: requested) }
        if item.trigger == .schedule || item.trigger == .catchUp {
            // After the run, whatever slots it overran: missed slots are not run one by one.
            try store.setNextRun(
                of: job.name,
                at: Schedules.nextRun(of: job.stored.plan, after: now, instanceZone: configuration.instanceZone))
        }
        switch status {
        case .failed where item.attempt <= configuration.maximumRetries:
            let at = now.addingTimeInterval(configuration.backoff(beforeAttempt: item.attempt + 1))
            try store.setRetry(of: job.name, at: at, attempt: item.attempt + 1, reason: .failed, now: now)
            logger.info(
                "run will be retried",
                metadata: ["job.name": "\(job.name)", "retry.at": "\(Instant.preciseText(at))"])
        case .failed:
            try store.clearRetry(of: job.name)
            logger.warning(
                "run left failed after its retries",
                metadata: ["job.name": "\(job.name)", "run.attempt": "\(item.attempt)"])
        case .quota:
            try store.setRetry(
                of: job.name, at: Schedules.nextUTCDay(after: now), attempt: 1, reason: .quota, now: now)
        case .succeeded, .skipped:
            if !keepRetry { try store.clearRetry(of: job.name) }
        case .interrupted, .running, .cancelled:
            break
        }
    }

    /// When the next round should start: the earliest scheduled instant or retry, or one poll interval.
    private func nextWake(after now: Date) throws -> Date {
        var wake = now.addingTimeInterval(configuration.pollInterval)
        for job in try store.scheduledJobs() where job.isEnabled {
            if let next = job.nextRunAt { wake = min(wake, next) }
            if let retry = job.retry { wake = min(wake, retry.at) }
        }
        return max(wake, now)
    }
}
