package import Foundation
package import SynclineCore
package import SynclineStore

/// Where and when plans' schedules fire: the zone a schedule runs in and its next instant.
package enum Schedules {
    /// The zone `plan`'s schedule runs in: its own `timezone`, else the instance's (`instanceZone`, which the
    /// project file gives, else the machine's).
    package static func zone(of plan: Plan, instanceZone: TimeZone?) -> TimeZone {
        plan.schedule.timezone.flatMap(TimeZone.init(identifier:)) ?? instanceZone ?? .current
    }

    /// The first instant after `date` at which `plan` runs; nil for a disabled job or a cron that never fires.
    package static func nextRun(of plan: Plan, after date: Date, instanceZone: TimeZone?) -> Date? {
        guard plan.schedule.isEnabled, let cron = try? CronSchedule(parsing: plan.schedule.cron) else { return nil }
        return cron.nextFire(after: date, in: zone(of: plan, instanceZone: instanceZone))
    }

    /// Stores `plan`'s next run unless one is stored already (a job just applied or rescheduled has none), so
    /// `status` shows it and a runner started later catches up a slot it missed.
    package static func storeNextRun(of plan: Plan, in store: StagingStore, zone: TimeZone?, now: Date) throws {
        guard let job = try store.scheduledJobs().first(where: { $0.name == plan.job }) else { return }
        guard job.isEnabled else { return try store.setNextRun(of: plan.job, at: nil) }
        guard job.nextRunAt == nil else { return }
        try store.setNextRun(of: plan.job, at: nextRun(of: plan, after: now, instanceZone: zone))
    }

    /// The first UTC midnight after `date`, plus a minute: when a run stopped by the day's request budget resumes.
    package static func nextUTCDay(after date: Date) -> Date {
        let day: TimeInterval = 86_400
        return Date(timeIntervalSince1970: ((date.timeIntervalSince1970 / day).rounded(.down) + 1) * day + 60)
    }
}

/// The runner's defaults, shared with the commands that look for a running runner.
package enum RunnerDefaults {
    /// How long a runner's row counts as alive without a heartbeat (it beats every few seconds).
    package static let runnerTimeout: TimeInterval = 30
}
