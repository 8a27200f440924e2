package import Foundation
import SynclineCore
package import SynclineStore

/// What the runner serves at `/status` (as JSON) and renders on the status page: every job with its schedule,
/// next run, last run and any sync in progress (in this process or another), the runners and API budgets.
package struct StatusReport: Codable, Sendable {
    /// When the report was made (UTC ISO-8601).
    package var generatedAt: String
    /// The instance's time zone.
    package var instanceZone: String
    /// The jobs, by name.
    package var jobs: [Job]
    /// The runners alive on this database.
    package var runners: [Runner]
    /// HTTP requests used today per API, and the daily budget.
    package var apis: [API]

    /// One job.
    package struct Job: Codable, Sendable {
        package var name: String
        package var summary: String?
        package var version: Int
        package var enabled: Bool
        package var source: String
        package var target: String
        package var cron: String
        package var timezone: String
        package var nextRun: String?
        package var nextRunLocal: String?
        package var retryAt: String?
        package var retryReason: String?
        package var dependsOn: [String]
        package var running: Run?
        package var lastRun: Run?
    }

    /// One run, as the page shows it.
    package struct Run: Codable, Sendable {
        package var id: Int64
        package var status: String
        package var trigger: String
        package var attempt: Int
        package var startedAt: String
        package var finishedAt: String?
        package var seconds: Double
        package var pages: Int
        package var records: Int
        package var created: Int
        package var updated: Int
        package var skipped: Int
        package var rejected: Int
        package var warnings: Int
        /// 0–1 when the source tells, else nil.
        package var progress: Double?
        package var error: String?
        package var host: String?
        package var pid: Int?
    }

    /// One runner.
    package struct Runner: Codable, Sendable {
        package var id: Int64
        package var host: String
        package var pid: Int
        package var http: String?
        package var startedAt: String
        package var heartbeatAt: String
    }

    /// One API's requests today.
    package struct API: Codable, Sendable {
        package var api: String
        package var used: Int
        package var budget: Int?
    }

    /// The report of `store` at `now`; `environment` resolves connections' base URLs (for API budgets).
    package static func make(
        store: StagingStore, instanceZone: TimeZone, environment: [String: String], now: Date
    ) throws -> StatusReport {
        let scheduled = Dictionary(try store.scheduledJobs().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var jobs: [Job] = []
        var budgets: [String: Int?] = [:]
        for status in try store.jobStatuses() {
            let summary = status.job
            let job = scheduled[summary.name]
            let plan = job?.stored.plan
            let zone = plan.map { Schedules.zone(of: $0, instanceZone: instanceZone) } ?? instanceZone
            let nextRun = summary.nextRunAt
            jobs.append(
                Job(
                    name: summary.name, summary: summary.summary, version: summary.version,
                    enabled: summary.isEnabled, source: summary.source, target: summary.target, cron: summary.cron,
                    timezone: zone.identifier, nextRun: nextRun.map(Instant.preciseText),
                    nextRunLocal: nextRun.map { local($0, in: zone) },
                    retryAt: job?.retry.map { Instant.preciseText($0.at) }, retryReason: job?.retry?.reason.rawValue,
                    dependsOn: plan?.dependsOn ?? [],
                    running: status.lastRun.flatMap { $0.status == .running ? Run($0, now: now) : nil },
                    lastRun: (status.lastRun?.status == .running ? status.lastFinishedRun : status.lastRun).map {
                        Run($0, now: now)
                    }
                ))
            if let connection = plan?.connection,
                let resolved = try? ResolvedConnection(resolving: connection, environment: environment)
            {
                budgets[resolved.requestCounterKey] = resolved.dailyRequestBudget
            }
        }
        let counts = try store.requestCounts(on: now)
        let apis = Set(budgets.keys).union(counts.keys).sorted().map { api in
            API(api: api, used: counts[api] ?? 0, budget: budgets[api] ?? nil)
        }
        let runners = try store.liveRunners(now: now, timeout: RunnerDefaults.runnerTimeout).map { runner in
            Runner(
                id: runner.runnerID, host: runner.host, pid: Int(runner.pid), http: runner.http,
                startedAt: Instant.preciseText(runner.startedAt), heartbeatAt: Instant.preciseText(runner.heartbeatAt))
        }
        return StatusReport(
            generatedAt: Instant.preciseText(now), instanceZone: instanceZone.identifier, jobs: jobs,
            runners: runners, apis: apis)
    }

    /// `2027-03-14T03:00:00-06:00`: the instant in `zone`, with that zone's offset then.
    package static func local(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        return Instant.text(milliseconds: milliseconds, offsetMinutes: offset / 60)
    }
}

extension StatusReport.Run {
    /// The run as the page shows it; a running one's duration counts to `now`.
    init(_ run: RunRecord, now: Date) {
        id = run.runID
        status = run.status.rawValue
        trigger = run.trigger.rawValue
        attempt = run.attempt
        startedAt = Instant.preciseText(run.startedAt)
        finishedAt = run.finishedAt.map(Instant.preciseText)
        seconds = ((run.finishedAt ?? now).timeIntervalSince(run.startedAt) * 10).rounded() / 10
        pages = run.pages
        records = run.fetched
        created = run.created
        updated = run.updated
        skipped = run.skippedExisting
        rejected = run.rejected
        warnings = run.warnings
        progress = run.progress
        error = run.error
        host = run.host
        pid = run.pid.map(Int.init)
    }
}
